package io.pulse.stream;

import static io.pulse.stream.internal.JsonText.number;
import static io.pulse.stream.internal.JsonText.quote;

import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import io.pulse.stream.profile.ProfileJson;
import io.pulse.stream.profile.ProfileSettings;
import io.pulse.stream.profile.StreamAction;
import io.pulse.stream.profile.StreamActions;
import io.pulse.stream.profile.UserProfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays an events file with checkpoints, crash-safe: {@code ReplayMain <events.csv> <alerts.jsonl>
 * <checkpoint> <every-events> [speed] [profiles]}. Alerts go to {@code alerts.jsonl} as one JSON line each, appended
 * and flushed per alert; the final stats to {@code alerts.jsonl.stats}. When the checkpoint exists the run
 * resumes from it. The alert file is an idempotent sink: it skips an alert whose id it already holds (the
 * alerts between the last checkpoint and a crash come again on resume), and drops a half-written last
 * line, so after any number of kills and restarts it holds what one uninterrupted run writes. With
 * {@code profiles} the engine also keeps online profiles under {@link #RULES}: their actions go to
 * {@code alerts.jsonl.actions} (idempotent on the action id the same way) and the final profiles to
 * {@code alerts.jsonl.profiles}.
 */
public final class ReplayMain {

    /** The rules of a replay with profiles: one per online trigger, 10% held out, a 14-day cooldown. */
    static final RuleSet RULES = new RuleSet("replay", List.of(
            new Rule("dormant-coupon", Rule.ANY_SEGMENT, Trigger.DORMANCY, new ActionSpec.Coupon(10, 14), 0.1),
            new Rule("cart-reminder", Rule.ANY_SEGMENT, Trigger.CART_ABANDONMENT, new ActionSpec.Recommendation(3), 0.1),
            new Rule("surge-nudge", Rule.ANY_SEGMENT, Trigger.BROWSE_SURGE, new ActionSpec.WinBack("come-back"), 0.1)),
            Caps.DEFAULTS);

    private ReplayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ReplayMain <events.csv> <alerts.jsonl> <checkpoint> <every-events> [speed]");
            System.exit(2);
        }
        Path events = Path.of(args[0]);
        Path alerts = Path.of(args[1]);
        Path checkpoint = Path.of(args[2]);
        long every = Long.parseLong(args[3]);
        double speed = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        boolean withProfiles = args.length > 5 && args[5].equals("profiles");
        FileReplay replay = FileReplay.open(events);
        try (AlertFile sink = AlertFile.open(alerts);
             JsonLinesFile actionFile = JsonLinesFile.open(sibling(alerts, ".actions"))) {
            StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), sink, late -> { })
                    .checkpoints(Checkpoint.Schedule.everyEvents(checkpoint, every));
            if (withProfiles) {
                attachProfiles(engine, a -> actionFile.append(a.actionId(), ProfileJson.line(a)));
            }
            StreamStats stats = Files.exists(checkpoint) ? engine.resume(checkpoint, replay, speed)
                    : engine.replay(replay, speed);
            Files.writeString(sibling(alerts, ".stats"), statsLine(stats) + "\n");
            if (withProfiles) {
                Files.write(sibling(alerts, ".profiles"), profileLines(engine));
            }
        }
    }

    /** Default profiles with {@link #RULES}, every user in no segment. */
    static void attachProfiles(StreamEngine engine, Consumer<StreamAction> out) {
        StreamActions actions = new StreamActions(RULES, engine.parser().users(), u -> new String[0], out);
        engine.profiles(new UserProfiles(ProfileSettings.defaults(), actions), actions);
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** The engine's profiles, one JSON line each, in user id order. */
    static List<String> profileLines(StreamEngine engine) {
        List<String> out = new ArrayList<>();
        engine.profiles().forEach(engine.parser().users(), p -> out.add(ProfileJson.line(p)));
        return out;
    }

    static String statsLine(StreamStats s) {
        StringBuilder filtered = new StringBuilder();
        for (Map.Entry<NoiseFilter.Reason, Long> e : new TreeMap<>(s.filtered()).entrySet()) {
            filtered.append(filtered.length() == 0 ? "" : ",").append(quote(e.getKey().name())).append(':')
                    .append(e.getValue());
        }
        return "{\"events_in\":" + s.eventsIn() + ",\"late\":" + s.late() + ",\"duplicates\":" + s.duplicates()
                + ",\"filtered\":{" + filtered + "},\"accepted\":" + s.accepted() + ",\"windows_closed\":"
                + s.windowsClosed() + ",\"alerts\":" + s.alerts() + "}";
    }

    /** One alert as a JSON object on one line; doubles in shortest round-trip form, NaN as null. */
    public static String line(Alert a) {
        Alert.Evidence e = a.evidence();
        return "{\"id\":" + quote(a.id()) + ",\"window\":" + quote(a.window().label()) + ",\"key\":" + quote(a.key())
                + ",\"start\":" + quote(a.start().toString()) + ",\"end\":" + quote(a.end().toString())
                + ",\"kind\":" + quote(a.kind().name()) + ",\"label\":" + quote(a.label().name())
                + ",\"windows\":" + e.durationWindows() + ",\"events\":" + e.events()
                + ",\"baseline\":" + number(e.baseline()) + ",\"top_source\":" + quote(e.topSource())
                + ",\"top_source_share\":" + number(e.topSourceShare()) + ",\"distinct_users\":" + e.distinctUsers()
                + ",\"related_lift\":" + number(e.relatedLift()) + ",\"decision\":" + quote(a.decision())
                + ",\"reason\":" + quote(a.reason()) + "}";
    }

    /**
     * The idempotent alert sink: appends each alert whose id is new, flushed at once. Opening an
     * existing file cuts a half-written last line and remembers the ids it holds, so a resumed run
     * neither repeats nor loses an alert.
     */
    public static final class AlertFile implements Consumer<Alert>, AutoCloseable {

        private final JsonLinesFile lines;

        private AlertFile(JsonLinesFile lines) {
            this.lines = lines;
        }

        public static AlertFile open(Path file) throws IOException {
            return new AlertFile(JsonLinesFile.open(file));
        }

        @Override
        public void accept(Alert a) {
            lines.append(a.id(), line(a));
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
