package io.pulse.cli;

import io.pulse.core.anomaly.NabDetector;
import io.pulse.core.anomaly.NabProfile;
import io.pulse.core.anomaly.NabRun;
import io.pulse.core.anomaly.NabScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "nab", mixinStandardHelpOptions = true,
        description = {"Runs an anomaly detector over the Numenta Anomaly Benchmark and scores it by NAB's rules",
                "(windows, probationary period, scaled sigmoid, one corpus threshold per profile chosen as NAB's",
                "optimiser does). The null detector and Windowed Gaussian run in the same pass as reference points.",
                "Scores are normalised over the files present. See docs/nab.md."},
        footer = {"", "Examples:",
                "  pulse nab",
                "  pulse nab --data ../shared/data/nab/data --labels ../shared/data/nab/labels/combined_windows.json --json nab.json"})
final class NabCommand implements Callable<Integer> {

    private static final List<NabProfile> PROFILES = List.of(NabProfile.values());

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/nab/data",
            description = "NAB data directory: realKnownCause/*.csv, ... (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", defaultValue = "../shared/data/nab/labels/combined_windows.json",
            description = "NAB windows file (default ${DEFAULT-VALUE}).")
    Path labels;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "pulse",
            description = "pulse or windowed-gaussian (default ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write per-file rows and totals as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        NabDetector d = NabDetector.parse(detector);
        NabRun.Corpus corpus = NabRun.load(data, labels);
        NabRun.Result result = NabRun.run(corpus, d, TerminalProgress.forTerminal());
        print(result, Json.humanOut(json));
        if (json != null) {
            Json.write(json, toJson(result));
        }
        return 0;
    }

    static void print(NabRun.Result r, PrintStream out) {
        NabRun.Corpus c = r.corpus();
        out.println();
        out.println("NAB: " + c.files().size() + " files, " + Table.count(c.rows()) + " rows, " + c.windows() + " windows");
        out.println("  " + coverage(c));
        out.println();
        NabRun.ProfileResult standard = r.detector().profiles().get(NabProfile.STANDARD);
        Table t = new Table(r.detector().detector() + ", standard profile, threshold " + number(standard.threshold()),
                "file", "rows", "windows", "TP", "FP", "FN", "score", "share");
        for (NabRun.FileRow f : standard.files()) {
            NabScorer.Score s = f.score();
            t.row(shortName(s.file()), Table.count(s.rows()), f.windows(), s.tp(), s.fp(), s.fn(),
                    String.format(Locale.ROOT, "%.3f", s.score()), String.format(Locale.ROOT, "%.2f", f.share()));
        }
        out.print(t.render());
        out.println();
        Table totals = new Table("Normalised scores (null = 0, perfect = 100)", "detector", "standard",
                "reward low FP", "reward low FN", "thresholds");
        for (NabRun.DetectorResult d : List.of(r.detector(), r.peer(), r.nullDetector()).stream().distinct().toList()) {
            totals.row(d.detector(), score(d, NabProfile.STANDARD), score(d, NabProfile.REWARD_LOW_FP_RATE),
                    score(d, NabProfile.REWARD_LOW_FN_RATE), String.join(" / ", PROFILES.stream()
                            .map(p -> number(d.profiles().get(p).threshold())).toList()));
        }
        out.print(totals.render());
    }

    private static String coverage(NabRun.Corpus c) {
        return c.complete()
                ? "every file of the windows file is present: the scores are corpus-wide"
                : "the windows file names " + c.missing().size() + " more files that are not here: the scores"
                        + " are normalised over these " + c.files().size() + " files, not NAB's full corpus";
    }

    private static String shortName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    private static String score(NabRun.DetectorResult d, NabProfile p) {
        return String.format(Locale.ROOT, "%.2f", d.normalised(p));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static Map<String, Object> toJson(NabRun.Result r) {
        NabRun.Corpus c = r.corpus();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", c.dataDir());
        m.put("labels", c.windowsFile());
        m.put("files", c.files().size());
        m.put("rows", c.rows());
        m.put("windows", c.windows());
        m.put("corpus_wide", c.complete());
        m.put("missing_files", c.missing());
        m.put("unlabelled_files", c.unlabelled());
        m.put("detector", detector(r.detector(), true));
        m.put("peers", List.of(detector(r.peer(), false), detector(r.nullDetector(), false)));
        return m;
    }

    private static Map<String, Object> detector(NabRun.DetectorResult d, boolean perFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.detector());
        Map<String, Object> profiles = new LinkedHashMap<>();
        for (NabProfile p : PROFILES) {
            NabRun.ProfileResult pr = d.profiles().get(p);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("threshold", pr.threshold());
            x.put("normalised_score", pr.normalised());
            x.put("total", score(pr.total()));
            if (perFile) {
                x.put("per_file", pr.files().stream().map(f -> {
                    Map<String, Object> row = score(f.score());
                    row.put("windows", f.windows());
                    row.put("share", f.share());
                    return row;
                }).toList());
            }
            profiles.put(p.nabName(), x);
        }
        m.put("profiles", profiles);
        return m;
    }

    private static Map<String, Object> score(NabScorer.Score s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", s.file());
        m.put("rows", s.rows());
        m.put("raw_score", s.score());
        m.put("tp", s.tp());
        m.put("tn", s.tn());
        m.put("fp", s.fp());
        m.put("fn", s.fn());
        return m;
    }
}
