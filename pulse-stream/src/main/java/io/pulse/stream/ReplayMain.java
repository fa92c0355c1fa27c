package io.pulse.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays an events file with checkpoints, crash-safe: {@code ReplayMain <events.csv> <alerts.jsonl>
 * <checkpoint> <every-events> [speed]}. Alerts go to {@code alerts.jsonl} as one JSON line each, appended
 * and flushed per alert; the final stats to {@code alerts.jsonl.stats}. When the checkpoint exists the run
 * resumes from it. The alert file is an idempotent sink: it skips an alert whose id it already holds (the
 * alerts between the last checkpoint and a crash come again on resume), and drops a half-written last
 * line, so after any number of kills and restarts it holds what one uninterrupted run writes.
 */
public final class ReplayMain {

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
        FileReplay replay = FileReplay.open(events);
        try (AlertFile sink = AlertFile.open(alerts)) {
            StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), sink, late -> { })
                    .checkpoints(Checkpoint.Schedule.everyEvents(checkpoint, every));
            StreamStats stats = Files.exists(checkpoint) ? engine.resume(checkpoint, replay, speed)
                    : engine.replay(replay, speed);
            Files.writeString(alerts.resolveSibling(alerts.getFileName() + ".stats"), statsLine(stats) + "\n");
        }
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

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * The idempotent alert sink: appends each alert whose id is new, flushed at once. Opening an
     * existing file cuts a half-written last line and remembers the ids it holds, so a resumed run
     * neither repeats nor loses an alert.
     */
    public static final class AlertFile implements Consumer<Alert>, AutoCloseable {

        private final OutputStream out;
        private final Set<String> ids;

        private AlertFile(OutputStream out, Set<String> ids) {
            this.out = out;
            this.ids = ids;
        }

        public static AlertFile open(Path file) throws IOException {
            Set<String> ids = new HashSet<>();
            if (Files.exists(file)) {
                byte[] b = Files.readAllBytes(file);
                int end = b.length;
                while (end > 0 && b[end - 1] != '\n') {
                    end--;
                }
                if (end < b.length) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(end);
                    }
                }
                for (String l : new String(b, 0, end, StandardCharsets.UTF_8).split("\n")) {
                    if (!l.isEmpty()) {
                        ids.add(idOf(l));
                    }
                }
            }
            return new AlertFile(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    ids);
        }

        // The id is the first field, written by line(Alert); ids hold no quotes.
        private static String idOf(String line) {
            int from = line.indexOf(":\"") + 2;
            return line.substring(from, line.indexOf('"', from));
        }

        @Override
        public void accept(Alert a) {
            if (!ids.add(a.id())) {
                return;
            }
            try {
                out.write((line(a) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
