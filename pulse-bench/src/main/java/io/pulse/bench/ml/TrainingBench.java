package io.pulse.bench.ml;

import io.pulse.bench.Samples;

import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.ml.GradientBoostedTrees;
import io.pulse.ml.internal.XgbRows;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The benchmark: training time of the gradient-boosted model on 1M user rows × 30 features
 * through Pulse against XGBoost4J called directly on the same matrix; the goal is Pulse ≤ 1.2× direct.
 *
 * <pre>java -Xmx8g -cp pulse-bench/target/pulse-bench.jar io.pulse.bench.ml.TrainingBench
 *     [--rows=1000000] [--cols=30] [--rounds=5] [--trees=200] [--seed=42] [--out=FILE]</pre>
 *
 * <p>Pulse's side is {@link GradientBoostedTrees#fit} from a {@link FeatureMatrix} of doubles: finding
 * the columns by name, narrowing to XGBoost's row-major floats, the native matrix, training, serializing
 * the booster and freeing everything. The direct side starts from a float[] already in XGBoost's
 * layout (made before any clock starts) and times {@code new DMatrix}, {@code setLabel},
 * {@code XGBoost.train} with the very parameter map Pulse uses, and freeing the matrix. Both sides
 * train once, untimed, on a thousand rows first, so neither pays for loading the native library.
 * Sides alternate which goes first each round; the report gives medians of wall and process-CPU time,
 * the ratio of the medians and the ratio per round, and checks that both models score the rows alike.
 */
public final class TrainingBench {

    static final double GOAL_RATIO = 1.2;
    static final int WARM_UP_ROWS = 1_000;

    private TrainingBench() {
    }

    record Options(int rows, int cols, int rounds, int trees, long seed, Path out) {

        static Options parse(String[] args) {
            Options o = new Options(1_000_000, 30, 5, GradientBoostedTrees.Settings.defaults().rounds(), 42, null);
            for (String a : args) {
                String value = a.substring(a.indexOf('=') + 1);
                if (a.startsWith("--rows=")) {
                    o = new Options(positive(a, value), o.cols, o.rounds, o.trees, o.seed, o.out);
                } else if (a.startsWith("--cols=")) {
                    o = new Options(o.rows, positive(a, value), o.rounds, o.trees, o.seed, o.out);
                } else if (a.startsWith("--rounds=")) {
                    o = new Options(o.rows, o.cols, positive(a, value), o.trees, o.seed, o.out);
                } else if (a.startsWith("--trees=")) {
                    o = new Options(o.rows, o.cols, o.rounds, positive(a, value), o.seed, o.out);
                } else if (a.startsWith("--seed=")) {
                    o = new Options(o.rows, o.cols, o.rounds, o.trees, Long.parseLong(value), o.out);
                } else if (a.startsWith("--out=")) {
                    o = new Options(o.rows, o.cols, o.rounds, o.trees, o.seed, Path.of(value));
                } else {
                    throw new IllegalArgumentException("unknown option " + a + " (known: --rows=N, --cols=N,"
                            + " --rounds=N, --trees=N, --seed=N, --out=FILE)");
                }
            }
            return o;
        }

        private static int positive(String arg, String value) {
            return Samples.positive(arg, value);
        }
    }

    /** One measure per round, summarised by the median. */
    record Series(double[] values) {

        double median() {
            return Samples.median(values);
        }

        String describe() {
            return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", median(), Arrays.stream(values).min().orElse(0),
                    Arrays.stream(values).max().orElse(0));
        }
    }

    /**
     * @param conversion Pulse's own step before XGBoost, the columns by name to floats, timed alone
     * @param pulseAuc in-sample AUC of Pulse's model
     * @param maxDifference largest |P_pulse − P_direct| over all rows
     */
    record Result(Options options, double generateSeconds, double activeShare, Series conversion,
            Series pulseWall, Series directWall, Series pulseCpu, Series directCpu, double pulseAuc, double directAuc,
            double maxDifference, Map<String, Object> parameters) {

        double ratio() {
            return pulseWall.median() / directWall.median();
        }

        String pairedRatios() {
            return IntStream.range(0, pulseWall.values().length)
                    .mapToObj(i -> String.format(Locale.ROOT, "%.3f", pulseWall.values()[i] / directWall.values()[i]))
                    .collect(Collectors.joining(", "));
        }
    }

    public static void main(String[] args) throws XGBoostError, IOException {
        Options o = Options.parse(args);
        String report = markdown(run(o));
        System.out.print(report);
        if (o.out != null) {
            Files.writeString(o.out, report);
        }
    }

    static Result run(Options o) throws XGBoostError {
        long start = System.nanoTime();
        UserRows data = UserRows.generate(o.rows, o.cols, o.seed);
        double generate = (System.nanoTime() - start) / 1e9;
        FeatureMatrix matrix = data.matrix();
        ModelInfo info = new ModelInfo(GradientBoostedTrees.KIND, List.of(data.names()), "synthetic activity", 30,
                List.of(LocalDate.of(2024, 1, 1)), Map.of(), Map.of(), o.seed, "bench", Instant.now());
        GradientBoostedTrees pulse = new GradientBoostedTrees(GradientBoostedTrees.Settings.defaults().withRounds(o.trees));
        Map<String, Object> parameters = pulse.settings().xgboostParameters(info.seed());
        Direct direct = new Direct(floats(matrix.values()), floats(data.active()), o.rows, o.cols, parameters, o.trees);

        int warm = Math.min(WARM_UP_ROWS, o.rows);
        pulse.fit(matrix.select(IntStream.range(0, warm).toArray()), Arrays.copyOf(data.active(), warm), info);
        new Direct(Arrays.copyOf(direct.rows, warm * o.cols), Arrays.copyOf(direct.labels, warm), warm, o.cols,
                parameters, o.trees).train().dispose();

        double[] conversion = new double[o.rounds];
        double[] pulseWall = new double[o.rounds];
        double[] directWall = new double[o.rounds];
        double[] pulseCpu = new double[o.rounds];
        double[] directCpu = new double[o.rounds];
        ActivityModel model = null;
        Booster booster = null;
        for (int round = 0; round < o.rounds; round++) {
            long convert = System.nanoTime();
            XgbRows.select(matrix, info.features());
            conversion[round] = (System.nanoTime() - convert) / 1e9;
            for (int side = 0; side < 2; side++) {
                boolean pulseNow = (side == 0) == (round % 2 == 0);
                if (!pulseNow && booster != null) {
                    booster.dispose();
                }
                double wall0 = System.nanoTime() / 1e9;
                double cpu0 = processCpuSeconds();
                if (pulseNow) {
                    model = pulse.fit(matrix, data.active(), info);
                } else {
                    booster = direct.train();
                }
                double wall = System.nanoTime() / 1e9 - wall0;
                double cpu = processCpuSeconds() - cpu0;
                (pulseNow ? pulseWall : directWall)[round] = wall;
                (pulseNow ? pulseCpu : directCpu)[round] = cpu;
                System.err.printf(Locale.ROOT, "round %d: %s %.2f s wall, %.2f s CPU%n", round + 1,
                        pulseNow ? "Pulse " : "direct", wall, cpu);
            }
        }
        double[] pulseScores = model.predict(matrix);
        double[] directScores = direct.predict(booster);
        booster.dispose();
        double maxDifference = 0;
        for (int i = 0; i < pulseScores.length; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(pulseScores[i] - directScores[i]));
        }
        int activeRows = 0;
        for (boolean a : data.active()) {
            activeRows += a ? 1 : 0;
        }
        return new Result(o, generate, activeRows / (double) o.rows, new Series(conversion),
                new Series(pulseWall), new Series(directWall), new Series(pulseCpu),
                new Series(directCpu), RankAuc.of(pulseScores, data.active()), RankAuc.of(directScores, data.active()),
                maxDifference, parameters);
    }

    /** XGBoost4J as a user would call it, on rows already in its layout. */
    record Direct(float[] rows, float[] labels, int n, int cols, Map<String, Object> parameters, int trees) {

        Booster train() throws XGBoostError {
            DMatrix m = new DMatrix(rows, n, cols, Float.NaN);
            try {
                m.setLabel(labels);
                return XGBoost.train(m, parameters, trees, Map.of(), null, null);
            } finally {
                m.dispose();
            }
        }

        double[] predict(Booster booster) throws XGBoostError {
            DMatrix m = new DMatrix(rows, n, cols, Float.NaN);
            try {
                float[][] p = booster.predict(m);
                double[] out = new double[p.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = p[i][0];
                }
                return out;
            } finally {
                m.dispose();
            }
        }
    }

    static String markdown(Result r) {
        Options o = r.options;
        StringBuilder b = new StringBuilder();
        b.append("## Model training: gradient-boosted trees, Pulse vs XGBoost4J directly\n\n");
        b.append(String.format(Locale.ROOT, "Machine: %s; %s. XGBoost4J %s, OMP_WAIT_POLICY=%s.%n%n", machine(),
                LocalDate.now(), xgboostVersion(), System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)")));
        b.append(String.format(Locale.ROOT, "Data: %,d synthetic user rows × %d features (`UserRows`, seed %d, made in"
                + " %.1f s): skewed event counts, log-normal order values (NaN for the ~20%% without orders),"
                + " days-since (NaN for ~20%%), shares, tenure, 0/1 flags; %.1f%% active. Training: %d trees, %s.%n%n",
                o.rows, o.cols, o.seed, r.generateSeconds, 100.0 * r.activeShare, o.trees, parameters(r.parameters)));
        b.append(String.format(Locale.ROOT, "Medians (min–max) of %d rounds; sides alternate which goes first.%n%n",
                o.rounds));
        b.append("| side | what is timed | wall | process CPU |\n|---|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| Pulse | `GradientBoostedTrees.fit` from a double `FeatureMatrix`: columns"
                + " by name → float rows → DMatrix → train → UBJ bytes; frees DMatrix and Booster | %s | %s |%n",
                r.pulseWall.describe(), r.pulseCpu.describe()));
        b.append(String.format(Locale.ROOT, "| XGBoost4J direct | `new DMatrix(float[], rows, cols, NaN)` + `setLabel`"
                + " + `XGBoost.train` (same parameter map); frees the DMatrix | %s | %s |%n%n",
                r.directWall.describe(), r.directCpu.describe()));
        b.append(String.format(Locale.ROOT, "Of Pulse's time, its own step before XGBoost (columns by name to float"
                + " rows, `XgbRows.select`, timed alone each round) takes %.3f s (median).%n%n", r.conversion.median()));
        b.append(String.format(Locale.ROOT, "Ratio Pulse / direct (medians of wall time): **%.3f×** (goal ≤ %.1f×: %s);"
                + " per round: %s; medians of process CPU: %.3f×.%n%n", r.ratio(), GOAL_RATIO,
                r.ratio() <= GOAL_RATIO ? "met" : "not met", r.pairedRatios(), r.pulseCpu.median() / r.directCpu.median()));
        b.append(String.format(Locale.ROOT, "Same model? In-sample AUC %.6f (Pulse) vs %.6f (direct), largest"
                + " |difference| of predicted probabilities over all rows %.2e.%n%n", r.pulseAuc, r.directAuc,
                r.maxDifference));
        String policy = System.getenv("OMP_WAIT_POLICY");
        String wait = policy == null ? "" : "OMP_WAIT_POLICY=" + policy + " ";
        b.append(String.format(Locale.ROOT, "Reproduce: `%sjava -Xmx8g -cp pulse-bench/target/pulse-bench.jar"
                + " io.pulse.bench.ml.TrainingBench --rows=%d --cols=%d --rounds=%d --trees=%d --seed=%d`%n",
                wait, o.rows, o.cols, o.rounds, o.trees, o.seed));
        return b.toString();
    }

    static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static float[] floats(boolean[] labels) {
        float[] out = new float[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] ? 1f : 0f;
        }
        return out;
    }

    /** CPU seconds of every thread of this process, XGBoost's native OpenMP threads included. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static String parameters(Map<String, Object> p) {
        return p.entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                .collect(Collectors.joining(", "));
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the report says "unknown CPU" rather than failing the run.
        }
        return String.format(Locale.ROOT, "%d cores (%s), max heap %.1f GiB, %s %s",
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
    }

    private static String xgboostVersion() {
        try (InputStream in = XGBoost.class.getResourceAsStream("/META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
