package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import io.pulse.store.PulseStore;
import io.pulse.store.actions.Outbox;
import io.pulse.store.actions.RulesLoader;
import io.pulse.store.stream.StreamTables;
import io.pulse.stream.JsonLinesFile;
import io.pulse.stream.StreamEngine;
import io.pulse.stream.profile.ProfileJson;
import io.pulse.stream.profile.ProfileSettings;
import io.pulse.stream.profile.StreamAction;
import io.pulse.stream.profile.StreamActions;
import io.pulse.stream.profile.UserProfiles;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The online-profile options of {@code pulse stream}: profiles are on by default; actions are decided when
 * there is somewhere to put them (a store's outbox or an actions file) under the shipped rules or
 * {@code --rules}.
 */
final class ProfileOptions {

    /** Outbox rows are written in batches of this many (and before every checkpoint, and at the end). */
    static final int OUTBOX_BATCH = 1000;

    @Option(names = "--no-profiles", description = "Do not keep online user profiles (nor decide actions).")
    boolean off;

    @Option(names = "--db", paramLabel = "FILE",
            description = {"A store: its segments feed the rules; the decided actions go to its outbox (the one",
                    "'pulse actions' writes, with the same ids and holdouts), the profiles to stream_profiles,",
                    "and at the end the run's accounting and alerts to stream_runs and stream_alerts."})
    Path db;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rule file for the actions (as 'pulse actions --rules'); default: the shipped rules.")
    Path rules;

    @Option(names = "--actions", paramLabel = "FILE",
            description = "Write every decided action (treated and held out) as a JSON line, without repeats on resume.")
    Path actionsFile;

    @Option(names = "--profiles", paramLabel = "FILE",
            description = "Write the final profiles as JSON lines (one per user).")
    Path profilesFile;

    @Option(names = "--quantile", paramLabel = "Q", defaultValue = "0.95",
            description = "Dormancy: the share of a user's gaps below their threshold (default ${DEFAULT-VALUE}).")
    double quantile;

    @Option(names = "--cart-wait", paramLabel = "DURATION", defaultValue = "1h",
            description = "Cart abandonment fires this long after a cart with no purchase (30m, 1h, 2d; default ${DEFAULT-VALUE}).")
    String cartWait;

    /** Attaches profiles (and actions, when they have a destination) to {@code engine}; null when off. */
    Session attach(StreamEngine engine) throws IOException {
        if (off) {
            if (db != null || rules != null || actionsFile != null || profilesFile != null) {
                throw new PulseInputException("--no-profiles", 0, "no_profiles",
                        "--db, --rules, --actions and --profiles need the profiles");
            }
            return null;
        }
        if (!(quantile > 0.5 && quantile < 1)) {
            throw new PulseInputException("--quantile", 0, "quantile", "need 0.5 < q < 1, got " + quantile);
        }
        ProfileSettings defaults = ProfileSettings.defaults();
        ProfileSettings settings = new ProfileSettings(quantile, duration(cartWait), defaults.surgeMinSessions(),
                defaults.surgeRatio(), defaults.halfLifeDays(), null);
        Session s = new Session(engine);
        try {
            if (db != null) {
                s.store = PulseStore.open(db);
            }
            boolean decide = db != null || actionsFile != null || rules != null;
            StreamActions actions = null;
            if (decide) {
                RuleSet set = RulesLoader.load(rules);
                Map<String, String[]> segments = s.store == null ? Map.of() : StreamTables.segments(s.store);
                s.jsonl = actionsFile == null ? null : JsonLinesFile.open(actionsFile);
                actions = new StreamActions(set, engine.parser().users(),
                        u -> segments.getOrDefault(u, new String[0]), s::take);
            }
            UserProfiles profiles = new UserProfiles(settings, actions == null ? hit -> { } : actions);
            engine.profiles(profiles, actions);
            engine.beforeCheckpoint(s::flush);
            s.actions = actions;
            s.profiles = profiles;
            s.profilesFile = profilesFile;
            return s;
        } catch (RuntimeException | IOException e) {
            s.close();
            throw e;
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, or ISO-8601 ({@code PT1H}). */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
            if (d != null && !d.isNegative()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new PulseInputException("--cart-wait", 0, "cart_wait", "not a duration like 30m, 1h or 2d: '" + text + "'");
    }

    /** The profiles of one run and where their actions go. */
    static final class Session implements AutoCloseable {

        private final StreamEngine engine;
        private PulseStore store;
        private JsonLinesFile jsonl;
        private StreamActions actions;
        private UserProfiles profiles;
        private Path profilesFile;
        private final List<Outbox.Row> pending = new ArrayList<>();
        private long outboxAdded;
        private long decided;

        private Session(StreamEngine engine) {
            this.engine = engine;
        }

        private void take(StreamAction a) {
            decided++;
            if (jsonl != null) {
                jsonl.append(a.actionId(), ProfileJson.line(a));
            }
            if (store != null) {
                pending.add(new Outbox.Row(a.actionId(), a.ruleId(), a.userId(), a.kind(), payload(a), a.control(),
                        a.at()));
                if (pending.size() >= OUTBOX_BATCH) {
                    flush();
                }
            }
        }

        private static String payload(StreamAction a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action_id", a.actionId());
            m.put("rule_id", a.ruleId());
            m.put("user_id", a.userId());
            m.put("trigger", a.trigger().yamlName());
            m.put("action", a.kind());
            m.putAll(a.parameters());
            m.put("cutoff", a.cutoff().toString());
            m.put("source", "stream");
            m.put("observed", a.observed());
            m.put("threshold", a.threshold());
            return Json.line(m);
        }

        /** Writes the buffered actions to the outbox (ids already there are kept as they are). */
        void flush() {
            if (store != null && !pending.isEmpty()) {
                outboxAdded += Outbox.append(store, pending);
                pending.clear();
            }
        }

        /** At the end of the stream: the last actions, then the profiles to their file and table. */
        void finish() throws IOException {
            flush();
            if (profilesFile == null && store == null) {
                return;
            }
            Path file = profilesFile != null ? profilesFile : Files.createTempFile("pulse-profiles", ".jsonl");
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                IOException[] failure = new IOException[1];
                profiles.forEach(engine.parser().users(), p -> {
                    try {
                        w.write(ProfileJson.line(p));
                        w.newLine();
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
            if (store != null) {
                StreamTables.replaceProfiles(store, file);
            }
            if (profilesFile == null) {
                Files.deleteIfExists(file);
            }
        }

        /** Whether this run writes a store (--db). */
        boolean stores() {
            return store != null;
        }

        /** Appends the run and its alerts to the store (one transaction); returns the run's id. */
        int storeRun(StreamTables.StreamRun run, List<StreamTables.StoredAlert> alerts) {
            return StreamTables.storeRun(store, run, alerts);
        }

        void print(PrintStream out) {
            Table t = new Table("Online profiles", "users", "dormancy", "cart abandonment", "browse surge",
                    "actions", "treated", "held out", "cooled down", "over budget");
            t.row(Table.count(profiles.users()), Table.count(profiles.fired(Trigger.DORMANCY)),
                    Table.count(profiles.fired(Trigger.CART_ABANDONMENT)), Table.count(profiles.fired(Trigger.BROWSE_SURGE)),
                    Table.count(decided), actions == null ? "–" : Table.count(actions.treated()),
                    actions == null ? "–" : Table.count(actions.control()),
                    actions == null ? "–" : Table.count(actions.cooledDown()),
                    actions == null ? "–" : Table.count(actions.overBudget()));
            out.print(t.render());
            if (actions == null) {
                out.println("  Triggers only: give --db, --actions or --rules to decide actions.");
            } else if (store != null) {
                out.println("  " + Table.count(outboxAdded) + " new rows in the outbox (rules: "
                        + actions.rules().source() + ")");
            }
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("users", profiles.users());
            Map<String, Long> fired = new LinkedHashMap<>();
            for (Trigger t : Trigger.values()) {
                if (t != Trigger.LOW_ENGAGEMENT) {
                    fired.put(t.yamlName(), profiles.fired(t));
                }
            }
            m.put("triggers", fired);
            if (actions != null) {
                m.put("rules_source", actions.rules().source());
                m.put("actions", decided);
                m.put("treated", actions.treated());
                m.put("control", actions.control());
                m.put("cooled_down", actions.cooledDown());
                m.put("over_budget", actions.overBudget());
                m.put("outbox_added", store == null ? null : outboxAdded);
            }
            return m;
        }

        @Override
        public void close() throws IOException {
            try {
                if (jsonl != null) {
                    jsonl.close();
                }
            } finally {
                if (store != null) {
                    store.close();
                }
            }
        }
    }
}
