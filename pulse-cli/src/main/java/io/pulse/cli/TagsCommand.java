package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.tags.MarginalStep;
import io.pulse.core.tags.TagAudit;
import io.pulse.core.tags.TagGroup;
import io.pulse.core.tags.TagImplication;
import io.pulse.core.tags.TagPair;
import io.pulse.store.PulseStore;
import io.pulse.store.tags.AudienceQuery;
import io.pulse.store.tags.TagAuditRun;
import io.pulse.store.tags.TagAuditStore;
import io.pulse.store.tags.TagDefinition;
import io.pulse.store.tags.TagDefinitions;
import io.pulse.store.tags.TagRun;
import io.pulse.store.tags.TagSet;
import io.pulse.store.tags.TagStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "tags", mixinStandardHelpOptions = true,
        description = {"User tags: compute them from a tag file (rule, attribute and model tags) into versioned",
                "bitmaps in the store, query audiences over them, audit which tags earn their place, and",
                "see who gained or lost a tag between versions. See docs/tags.md."},
        subcommands = {TagsCommand.Compute.class, TagsCommand.Query.class, TagsCommand.Audit.class,
                TagsCommand.Diff.class},
        footer = {"", "Examples:",
                "  pulse tags compute",
                "  pulse tags query 'high_value and not dormant and (region:east or region:north)' --export east.csv",
                "  pulse tags audit --json audit.json",
                "  pulse tags diff --tag high_value"})
final class TagsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new PulseInputException("say what to do with the tags: compute, query, audit or diff (pulse tags --help)");
    }

    @Command(name = "compute", mixinStandardHelpOptions = true,
            description = {"Computes every tag of the tag file at a cutoff and stores them as a new version.",
                    "Without --tags, Pulse's default tags (about 50) are used. Model tags need their model",
                    "run first (pulse segments, predict, clv, thresholds); missing ones are skipped and listed."})
    static final class Compute implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Option(names = "--tags", paramLabel = "FILE", description = "A tag file (YAML). Default: the shipped tags.")
        Path tags;

        @Option(names = "--cutoff", paramLabel = "DATE", description = "Last day whose events count (default: the last event's day).")
        LocalDate cutoff;

        @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
                description = "Also write the version and its tags as JSON to FILE; alone or with -, to standard output.")
        Path json;

        @Override
        public Integer call() {
            List<TagDefinition> defs = TagDefinitions.load(tags);
            try (PulseStore s = store.open()) {
                LocalDate at = store.cutoffOrLastEventDay(s, cutoff);
                long started = System.nanoTime();
                TagSet set = TagRun.compute(s, defs, at);
                int version = TagStore.store(s, set, defs);
                double seconds = (System.nanoTime() - started) / 1e9;
                print(set, version, defs, seconds, Json.humanOut(json));
                if (json != null) {
                    Json.write(json, toJson(set, version, defs));
                }
            }
            return 0;
        }

        static void print(TagSet set, int version, List<TagDefinition> defs, double seconds, PrintStream out) {
            Map<String, TagDefinition> byName = byName(defs);
            out.println();
            out.println(String.format(Locale.ROOT, "Tags version %d at %s: %s tags over %s users (%.1f s)", version,
                    set.cutoff(), Table.count(set.tags().size()), Table.count(set.users()), seconds));
            Table t = new Table("Tags", "tag", "users", "share", "definition", "owner", "refresh");
            set.tags().forEach((name, users) -> {
                TagDefinition d = byName.get(set.definitionOf().get(name));
                t.row(name, Table.count(users.getLongCardinality()),
                        Table.percent((double) users.getLongCardinality() / Math.max(1, set.users())),
                        d == null ? "" : d.expression(), d == null ? "" : d.owner(),
                        d == null ? "" : d.refresh().key());
            });
            out.print(t.render());
            for (TagSet.Skipped s : set.skipped()) {
                out.println("  skipped " + s.definition() + ": " + s.reason());
            }
            out.println("  Stored as version " + version + " (pulse tags diff compares versions).");
        }

        static Map<String, Object> toJson(TagSet set, int version, List<TagDefinition> defs) {
            Map<String, TagDefinition> byName = byName(defs);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            m.put("cutoff", set.cutoff());
            m.put("users", set.users());
            List<Map<String, Object>> tags = new ArrayList<>();
            set.tags().forEach((name, users) -> {
                TagDefinition d = byName.get(set.definitionOf().get(name));
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", name);
                t.put("users", users.getLongCardinality());
                t.put("coverage", (double) users.getLongCardinality() / Math.max(1, set.users()));
                t.put("definition", d == null ? null : d.name());
                t.put("kind", d == null ? null : d.kind().name().toLowerCase(Locale.ROOT));
                t.put("expression", d == null ? null : d.expression());
                t.put("owner", d == null ? null : d.owner());
                t.put("description", d == null ? null : d.description());
                t.put("refresh", d == null ? null : d.refresh().key());
                tags.add(t);
            });
            m.put("tags", tags);
            m.put("skipped", set.skipped().stream().map(s -> Map.of("definition", s.definition(), "reason", s.reason()))
                    .toList());
            return m;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = {"Counts (and exports) the users of an audience: tags combined with and, or, not and",
                    "parentheses; attribute and model tags are name:value (region:east, segment:s2).",
                    "Runs on the latest stored version (pulse tags compute) unless --version is given."})
    static final class Query implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "EXPRESSION", arity = "0..1",
                description = "e.g. 'high_value and not dormant and (region:east or region:north)'.")
        String expression;

        @Option(names = "--audience", paramLabel = "NAME", description = "Run a saved audience instead of an expression.")
        String audience;

        @Option(names = "--version", paramLabel = "N", description = "The tag version to query (default: the latest).")
        Integer version;

        @Option(names = "--export", paramLabel = "FILE", description = "Write the audience's user ids to a CSV file.")
        Path export;

        @Option(names = "--save", paramLabel = "NAME", description = "Save the expression as an audience under NAME.")
        String save;

        @Option(names = "--list", description = "List the saved audiences with their counts.")
        boolean list;

        @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
                description = "Also write the result as JSON to FILE; alone or with -, to standard output.")
        Path json;

        @Override
        public Integer call() {
            try (PulseStore s = store.open()) {
                TagSet set = tagSet(s, version);
                PrintStream out = Json.humanOut(json);
                if (list) {
                    Table t = new Table("Saved audiences (version " + set.version() + ")", "name", "users", "expression");
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (TagStore.Audience a : TagStore.audiences(s)) {
                        AudienceQuery.Result r = AudienceQuery.run(set, a.expression());
                        t.row(a.name(), Table.count(r.count()), a.expression());
                        rows.add(Map.of("name", a.name(), "expression", a.expression(), "users", r.count()));
                    }
                    out.print(t.render());
                    if (json != null) {
                        Json.write(json, Map.of("version", set.version(), "audiences", rows));
                    }
                    return 0;
                }
                String text = expression;
                if (audience != null) {
                    text = TagStore.audiences(s).stream().filter(a -> a.name().equals(audience)).findFirst()
                            .orElseThrow(() -> new PulseInputException("--audience", 0, "audience",
                                    "no saved audience '" + audience + "'; pulse tags query --list shows them"))
                            .expression();
                }
                if (text == null) {
                    throw new PulseInputException("give an audience expression, --audience NAME or --list");
                }
                AudienceQuery.Result r = AudienceQuery.run(set, text);
                out.println(String.format(Locale.ROOT, "%s users (%s of %s) in %.2f ms, tags version %d at %s",
                        Table.count(r.count()), Table.percent((double) r.count() / Math.max(1, set.users())),
                        Table.count(set.users()), r.nanos() / 1e6, set.version(), set.cutoff()));
                if (save != null) {
                    TagStore.saveAudience(s, save, text);
                    out.println("  Saved as audience '" + save + "'.");
                }
                if (export != null) {
                    long rows = AudienceQuery.exportUsers(set, r.users(), export);
                    out.println("  Exported " + Table.count(rows) + " user ids to " + export + ".");
                }
                if (json != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("expression", text);
                    m.put("users", r.count());
                    m.put("share", (double) r.count() / Math.max(1, set.users()));
                    m.put("millis", r.nanos() / 1e6);
                    m.put("version", set.version());
                    m.put("cutoff", set.cutoff());
                    Json.write(json, m);
                }
            }
            return 0;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Which tags earn their place: coverage, stability between the two latest versions,",
                    "redundant pairs (Jaccard, phi), association rules (FP-Growth), clusters of near-identical",
                    "tags, and the marginal value curve (held-out AUC of next-period purchase for the best k",
                    "tags), its knee, and a pruned set with the reason each other tag goes. The tags are",
                    "computed one --horizon before the last day and judged on the purchases that followed.",
                    "Each audit is also stored in the store's tag_audits (pulse serve: GET /api/tags/audit)."})
    static final class Audit implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Option(names = "--tags", paramLabel = "FILE", description = "A tag file (YAML). Default: the shipped tags.")
        Path tags;

        @Option(names = "--cutoff", paramLabel = "DATE", description = "End of the outcome horizon (default: the last event's day).")
        LocalDate cutoff;

        @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "30",
                description = "Days after the tags in which a purchase is the outcome (default ${DEFAULT-VALUE}).")
        int horizon;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the train/test split (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
                description = "Also write the audit as JSON to FILE; alone or with -, to standard output.")
        Path json;

        @Override
        public Integer call() {
            List<TagDefinition> defs = TagDefinitions.load(tags);
            try (PulseStore s = store.open()) {
                TagAuditRun.Result r = TagAuditRun.run(s, defs, new TagAuditRun.Options(cutoff, horizon, seed));
                PrintStream out = Json.humanOut(json);
                print(r, out);
                out.println("  Stored as audit " + store(s, r) + " in tag_audits (pulse serve: GET /api/tags/audit).");
                if (json != null) {
                    Json.write(json, toJson(r));
                }
            }
            return 0;
        }

        static void print(TagAuditRun.Result r, PrintStream out) {
            TagAudit.Result a = r.audit();
            out.println();
            out.println("Tag audit: " + a.names().size() + " tags over " + Table.count(r.set().users()) + " users at "
                    + r.tagsAt() + "; outcome: a purchase in the next " + r.horizonDays() + " days ("
                    + Table.count(r.buyers()) + " buyers)");
            for (TagSet.Skipped s : r.set().skipped()) {
                out.println("  skipped " + s.definition() + ": " + s.reason());
            }
            out.println();
            List<TagAudit.Coverage> rare = a.coverage().stream().filter(c -> c.share() < 0.01).toList();
            List<TagAudit.Coverage> universal = a.coverage().stream().filter(c -> c.share() > 0.9).toList();
            out.println("Coverage: " + (rare.isEmpty() ? "no tag below 1%" : "below 1%: " + names(rare))
                    + (universal.isEmpty() ? "; no tag above 90%" : "; above 90%: " + names(universal)));
            if (!r.stability().isEmpty()) {
                out.println("Stability, version " + r.stabilityFrom() + " to " + r.stabilityTo() + ": least stable "
                        + r.stability().stream()
                                .sorted((x, y) -> Double.compare(jaccard(x), jaccard(y))).limit(5)
                                .map(c -> String.format(Locale.ROOT, "%s %.2f", c.tag(), jaccard(c))).toList());
            }
            out.println();
            Table pairs = new Table("Redundant pairs (Jaccard >= 0.7)", "tag", "tag ", "Jaccard", "phi", "both");
            for (TagPair p : a.redundant()) {
                pairs.row(p.a(), p.b(), ratio(p.jaccard()), ratio(p.phi()), Table.count(p.both()));
            }
            out.print(pairs.isEmpty() ? "Redundant pairs: none\n" : pairs.render());
            List<TagImplication> implied = a.implied().stream().limit(10).toList();
            if (!implied.isEmpty()) {
                out.println("  implied: " + implied.stream().map(i -> String.format(Locale.ROOT, "%s => %s (%.0f%%)",
                        i.from(), i.to(), 100 * i.confidence())).toList());
            }
            if (!a.contradictory().isEmpty()) {
                out.println("  contradictory: " + a.contradictory().stream().limit(10)
                        .map(p -> p.a() + " / " + p.b()).toList());
            }
            out.println();
            Table rules = new Table("Association rules (FP-Growth, best lift)", "if", "then", "support", "confidence",
                    "lift");
            a.rules().stream().limit(10).forEach(x -> rules.row(String.join(" & ", x.antecedent()),
                    String.join(" & ", x.consequent()), Table.percent(x.support()), Table.percent(x.confidence()),
                    ratio(x.lift())));
            out.print(rules.isEmpty() ? "Association rules: none above the thresholds\n" : rules.render());
            if (!a.mergeCandidates().isEmpty()) {
                out.println("  merge candidates (clustered below distance 0.2): "
                        + a.mergeCandidates().stream().map(g -> g.tags().toString()).toList());
            }
            if (a.marginal() != null) {
                out.println();
                List<MarginalStep> curve = a.marginal().curve();
                double[] aucs = curve.stream().mapToDouble(MarginalStep::auc).toArray();
                out.println(String.format(Locale.ROOT, "Marginal value (held-out AUC of a purchase in %d days): %s",
                        r.horizonDays(), Table.sparkline(aucs)));
                Table steps = new Table("", "k", "tag added", "AUC", "gain");
                for (MarginalStep s : curve.subList(0, Math.min(curve.size(), a.marginal().knee() + 3))) {
                    steps.row(s.k() + (s.k() == a.marginal().knee() ? " <- knee" : ""), s.tag(),
                            String.format(Locale.ROOT, "%.4f", s.auc()), String.format(Locale.ROOT, "%+.4f", s.gain()));
                }
                out.print(steps.render());
                out.println(String.format(Locale.ROOT, "  Recommended: %d tags (AUC %.4f) instead of %d (AUC %.4f);"
                        + " model tags are kept unscored: %s", a.marginal().knee(), a.recommendedAuc(), curve.size(),
                        a.allTagsAuc(), a.notScored()));
                Table dropped = new Table("Dropped", "tag", "because");
                a.dropped().forEach(d -> dropped.row(d.tag(), d.because()));
                out.print(dropped.render());
            } else {
                out.println("No purchase outcome in the horizon: no marginal value curve.");
            }
        }

        /**
         * Appends the audit to the store's {@code tag_audits}, as the document {@code --json} writes, so the
         * dashboard and the report show what this verb printed.
         *
         * @return its audit id
         */
        static int store(PulseStore s, TagAuditRun.Result r) {
            return TagAuditStore.store(s, r.tagsAt(), r.horizonDays(), Json.line(toJson(r)));
        }

        static Map<String, Object> toJson(TagAuditRun.Result r) {
            TagAudit.Result a = r.audit();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tags_at", r.tagsAt());
            m.put("horizon_days", r.horizonDays());
            m.put("users", r.set().users());
            m.put("buyers", r.buyers());
            m.put("tags", a.coverage().stream().map(c -> {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", c.tag());
                t.put("coverage", c.share());
                t.put("users", c.users());
                t.put("definition", r.set().definitionOf().get(c.tag()));
                return t;
            }).toList());
            m.put("stability", r.stability().stream().map(c -> Map.of("tag", c.tag(), "kept", c.kept(),
                    "gained", c.gained(), "lost", c.lost(), "jaccard", jaccard(c))).toList());
            m.put("redundant_pairs", a.redundant().stream().map(p -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("a", p.a());
                x.put("b", p.b());
                x.put("jaccard", p.jaccard());
                x.put("phi", Double.isFinite(p.phi()) ? p.phi() : null);
                x.put("both", p.both());
                return x;
            }).toList());
            m.put("implied_pairs", a.implied().stream().map(i -> Map.of("if", i.from(), "then", i.to(),
                    "confidence", i.confidence())).toList());
            m.put("contradictory_pairs", a.contradictory().stream().map(p -> Map.of("a", p.a(), "b", p.b(),
                    "phi", Double.isFinite(p.phi()) ? p.phi() : 0)).toList());
            m.put("rules", a.rules().stream().map(x -> {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("antecedent", x.antecedent());
                y.put("consequent", x.consequent());
                y.put("support", x.support());
                y.put("confidence", x.confidence());
                y.put("lift", x.lift());
                return y;
            }).toList());
            m.put("clusters", a.mergeCandidates().stream().map(TagGroup::tags).toList());
            m.put("jaccard_matrix", Map.of("tags", a.names(), "values", a.jaccard()));
            if (a.marginal() != null) {
                m.put("marginal_curve", a.marginal().curve().stream().map(s -> Map.of("k", s.k(), "tag", s.tag(),
                        "auc", s.auc())).toList());
                m.put("knee", a.marginal().knee());
                m.put("all_tags_auc", a.allTagsAuc());
                m.put("recommended_auc", a.recommendedAuc());
            } else {
                m.put("marginal_curve", List.of());
            }
            m.put("not_scored", a.notScored());
            m.put("recommended", a.recommended());
            m.put("dropped", a.dropped().stream().map(d -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("tag", d.tag());
                x.put("because", d.because());
                x.put("duplicates", d.duplicates());
                x.put("jaccard", d.jaccard());
                return x;
            }).toList());
            return m;
        }

        private static String names(List<TagAudit.Coverage> cs) {
            return cs.stream().map(c -> c.tag() + " " + Table.percent(c.share())).toList().toString();
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Who gained or lost tags between two stored versions (default: the two latest).",
                    "With --tag, lists the users who gained and lost that tag."})
    static final class Diff implements Callable<Integer> {

        @Mixin
        StoreOptions store;

        @Option(names = "--from", paramLabel = "N", description = "The older version (default: the one before --to).")
        Integer from;

        @Option(names = "--to", paramLabel = "N", description = "The newer version (default: the latest).")
        Integer to;

        @Option(names = "--tag", paramLabel = "NAME", description = "List the users who gained and lost this tag.")
        String tag;

        @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
                description = "Also write the differences as JSON to FILE; alone or with -, to standard output.")
        Path json;

        @Override
        public Integer call() {
            try (PulseStore s = store.open()) {
                List<TagStore.Version> versions = TagStore.versions(s);
                if (versions.size() < 2 && (from == null || to == null)) {
                    throw new PulseInputException(s.path().toString(), "there are " + versions.size()
                            + " tag versions; run 'pulse tags compute' again (e.g. later, or with another --cutoff) to compare two");
                }
                int newer = to != null ? to : versions.get(versions.size() - 1).version();
                int older = from != null ? from : previous(versions, newer);
                TagStore.Diff d = TagStore.diff(s, older, newer, tag);
                PrintStream out = Json.humanOut(json);
                Table t = new Table("Tags, version " + older + " to " + newer, "tag", "kept", "gained", "lost",
                        "Jaccard");
                d.tags().stream().filter(c -> c.gained() + c.lost() > 0 || tag != null)
                        .forEach(c -> t.row(c.tag(), Table.count(c.kept()), Table.count(c.gained()),
                                Table.count(c.lost()), ratio(jaccard(c))));
                out.print(t.isEmpty() ? "No tag changed between version " + older + " and " + newer + ".\n" : t.render());
                if (d.users() != null) {
                    TagStore.UserChanges u = d.users();
                    out.println("  " + u.tag() + ": gained by " + Table.count(u.gained()) + " users "
                            + u.gainedUsers() + (u.gained() > u.gainedUsers().size() ? " ..." : ""));
                    out.println("  " + u.tag() + ": lost by " + Table.count(u.lost()) + " users "
                            + u.lostUsers() + (u.lost() > u.lostUsers().size() ? " ..." : ""));
                }
                if (json != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("from", older);
                    m.put("to", newer);
                    m.put("tags", d.tags().stream().map(c -> Map.of("tag", c.tag(), "kept", c.kept(),
                            "gained", c.gained(), "lost", c.lost())).toList());
                    if (d.users() != null) {
                        m.put("users", Map.of("tag", d.users().tag(), "gained", d.users().gained(),
                                "lost", d.users().lost(), "gained_users", d.users().gainedUsers(),
                                "lost_users", d.users().lostUsers()));
                    }
                    Json.write(json, m);
                }
            }
            return 0;
        }

        private static int previous(List<TagStore.Version> versions, int newer) {
            int best = -1;
            for (TagStore.Version v : versions) {
                if (v.version() < newer) {
                    best = Math.max(best, v.version());
                }
            }
            if (best < 0) {
                throw new PulseInputException("--to", 0, "to", "no version before " + newer);
            }
            return best;
        }
    }

    static TagSet tagSet(PulseStore s, Integer version) {
        if (version != null) {
            return TagStore.load(s, version);
        }
        Optional<TagSet> latest = TagStore.latest(s);
        return latest.orElseThrow(() -> new PulseInputException(s.path().toString(),
                "no tags stored yet: run 'pulse tags compute' first"));
    }

    private static Map<String, TagDefinition> byName(List<TagDefinition> defs) {
        Map<String, TagDefinition> out = new LinkedHashMap<>();
        defs.forEach(d -> out.put(d.name(), d));
        return out;
    }

    private static double jaccard(TagStore.TagChange c) {
        long union = c.kept() + c.gained() + c.lost();
        return union == 0 ? 1 : (double) c.kept() / union;
    }

    private static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }
}
