package io.pulse.bench.models;

import io.pulse.bench.Samples;

import io.pulse.core.clv.BgNbdModel;
import io.pulse.core.clv.BgNbdParams;
import io.pulse.core.clv.CustomerSummaries;
import io.pulse.core.segments.KMeans;
import io.pulse.core.segments.KMeansResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Model-fitting benchmarks: (a) BG/NBD on a million customers simulated from the model with CDNOW's
 * parameters, compressed and uncompressed, with the recovered parameters against the truth; (b)
 * k-means on a million ten-dimensional points from a Gaussian mixture with eight planted centres.
 * Each timing is the median of several rounds; the report is one Markdown section.
 *
 * <pre>java -Xmx4g -cp pulse-bench/target/pulse-bench.jar io.pulse.bench.models.ModelsBench
 *     [--customers=1000000] [--points=1000000] [--rounds=5] [--slow-rounds=3] [--out=FILE]</pre>
 *
 * The goal (the issue's) is a compressed BG/NBD fit of a million customers in under a second. The
 * peer figures quoted beside it, about 2.6 s for a compressed scipy fit and about 34 s uncompressed,
 * are the published numbers, not measured here.
 */
public final class ModelsBench {

    /** FHL05a's CDNOW estimates, the truth the simulated customers are drawn from. */
    static final BgNbdParams TRUTH = BgNbdParams.of(0.243, 4.414, 0.793, 2.426);
    /** 78 weeks of daily ages. */
    static final int MAX_DAYS = 78 * 7;
    static final double FIT_GOAL_SECONDS = 1.0;
    static final int CLUSTERS = 8;
    static final int DIMENSIONS = 10;
    /** A recovered centre within this distance of its planted one counts as found (noise is 1 per axis). */
    static final double CENTRE_TOLERANCE = 0.05;

    private ModelsBench() {
    }

    record Options(int customers, int points, int rounds, int slowRounds, Path out) {

        static Options parse(String[] args) {
            Options o = new Options(1_000_000, 1_000_000, 5, 3, null);
            for (String a : args) {
                String value = a.substring(a.indexOf('=') + 1);
                if (a.startsWith("--customers=")) {
                    o = new Options(positive(a, value), o.points, o.rounds, o.slowRounds, o.out);
                } else if (a.startsWith("--points=")) {
                    o = new Options(o.customers, positive(a, value), o.rounds, o.slowRounds, o.out);
                } else if (a.startsWith("--rounds=")) {
                    o = new Options(o.customers, o.points, positive(a, value), o.slowRounds, o.out);
                } else if (a.startsWith("--slow-rounds=")) {
                    o = new Options(o.customers, o.points, o.rounds, positive(a, value), o.out);
                } else if (a.startsWith("--out=")) {
                    o = new Options(o.customers, o.points, o.rounds, o.slowRounds, Path.of(value));
                } else {
                    throw new IllegalArgumentException("unknown option " + a
                            + " (known: --customers=N, --points=N, --rounds=N, --slow-rounds=N, --out=FILE)");
                }
            }
            return o;
        }

        private static int positive(String arg, String value) {
            return Samples.positive(arg, value);
        }
    }

    /** Seconds per round, summarised by the median. */
    record Seconds(double[] values) {

        double median() {
            return Samples.median(values);
        }

        String describe() {
            return String.format(Locale.ROOT, "%.3f s (%.3f–%.3f)", median(), Arrays.stream(values).min().orElse(0),
                    Arrays.stream(values).max().orElse(0));
        }
    }

    record BgNbdResult(int customers, int uniqueTuples, double simulateSeconds, Seconds compress, Seconds fit,
            Seconds uncompressedFit, BgNbdParams fitted, BgNbdParams fittedUncompressed) {
    }

    record KMeansBench(int points, Seconds perRestart, Seconds total, int restarts, int iterations,
            double worstCentreError, double labelAgreement, boolean oneToOne) {
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        BgNbdResult bg = bgNbd(o.customers, o.rounds, o.slowRounds, 42);
        KMeansBench km = kMeans(o.points, o.rounds, o.slowRounds, 7);
        String report = markdown(o, bg, km);
        System.out.print(report);
        if (o.out != null) {
            Files.writeString(o.out, report);
        }
    }

    static BgNbdResult bgNbd(int customers, int rounds, int slowRounds, long seed) {
        long start = System.nanoTime();
        BgNbdSimulation data = BgNbdSimulation.simulate(customers, TRUTH, MAX_DAYS, seed);
        double simulate = seconds(start);
        double[] compress = new double[rounds];
        double[] fit = new double[rounds];
        CustomerSummaries summaries = null;
        BgNbdParams fitted = null;
        for (int round = 0; round < rounds; round++) {
            start = System.nanoTime();
            summaries = CustomerSummaries.of(data.x(), data.tx(), data.T());
            compress[round] = seconds(start);
            start = System.nanoTime();
            fitted = BgNbdModel.fit(summaries);
            fit[round] = seconds(start);
        }
        double[] uncompressed = new double[slowRounds];
        BgNbdParams fittedUncompressed = null;
        for (int round = 0; round < slowRounds; round++) {
            CustomerSummaries flat = CustomerSummaries.uncompressed(data.x(), data.tx(), data.T());
            start = System.nanoTime();
            fittedUncompressed = BgNbdModel.fit(flat);
            uncompressed[round] = seconds(start);
        }
        return new BgNbdResult(customers, summaries.uniqueTuples(), simulate, new Seconds(compress), new Seconds(fit),
                new Seconds(uncompressed), fitted, fittedUncompressed);
    }

    static KMeansBench kMeans(int n, int rounds, int slowRounds, long seed) {
        GaussianMixture data = GaussianMixture.generate(n, DIMENSIONS, CLUSTERS, 20, seed);
        double[] perRestart = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            KMeans.fit(data.points(), CLUSTERS, seed + round, 1, KMeans.DEFAULT_MAX_ITERATIONS);
            perRestart[round] = seconds(start);
        }
        double[] total = new double[slowRounds];
        KMeansResult result = null;
        for (int round = 0; round < slowRounds; round++) {
            long start = System.nanoTime();
            result = KMeans.fit(data.points(), CLUSTERS, seed + round);
            total[round] = seconds(start);
        }
        int[] match = new int[CLUSTERS];
        boolean[] used = new boolean[CLUSTERS];
        boolean oneToOne = true;
        double worst = 0;
        for (int c = 0; c < CLUSTERS; c++) {
            match[c] = nearest(data.centres()[c], result.centroids());
            oneToOne &= !used[match[c]];
            used[match[c]] = true;
            worst = Math.max(worst, Math.sqrt(squaredDistance(data.centres()[c], result.centroids()[match[c]])));
        }
        long agree = 0;
        for (int i = 0; i < n; i++) {
            if (result.assignments()[i] == match[data.labels()[i]]) {
                agree++;
            }
        }
        return new KMeansBench(n, new Seconds(perRestart), new Seconds(total), result.restarts(), result.iterations(),
                worst, agree / (double) n, oneToOne);
    }

    static String markdown(Options o, BgNbdResult bg, KMeansBench km) {
        StringBuilder b = new StringBuilder();
        b.append("## Model fitting: BG/NBD and k-means\n\n");
        b.append(String.format(Locale.ROOT, "Machine: %s; %s. Medians (min–max) of %d rounds (%d for the slow rows).%n%n",
                machine(), LocalDate.now(), o.rounds, o.slowRounds));
        b.append(String.format(Locale.ROOT, "BG/NBD: %,d customers simulated from the model at r %.3f, alpha %.3f, a %.3f,"
                + " b %.3f, ages uniform over 1..%d days (simulated in %.1f s). k-means: %,d points × %d features"
                + " from %d unit-variance Gaussians, k = %d, k-means++ and Lloyd (`io.pulse.core.segments.KMeans`).%n%n",
                bg.customers, TRUTH.r(), TRUTH.alpha(), TRUTH.a(), TRUTH.b(), MAX_DAYS, bg.simulateSeconds,
                km.points, DIMENSIONS, CLUSTERS, CLUSTERS));
        b.append("| benchmark | measure | Pulse (median) | goal / peer | met? |\n|---|---|---|---|---|\n");
        row(b, "BG/NBD", "compress to unique (x, t_x, T)", bg.compress.describe() + String.format(Locale.ROOT,
                ", %,d tuples", bg.uniqueTuples), "", "");
        row(b, "BG/NBD", "fit after compression (4 starts, BFGS)", bg.fit.describe(),
                String.format(Locale.ROOT, "< %.0f s; peer scipy compressed ≈ 2.6 s (issue, not measured)", FIT_GOAL_SECONDS),
                bg.fit.median() < FIT_GOAL_SECONDS ? "yes" : "no");
        row(b, "BG/NBD", "fit uncompressed (1M tuples, count 1)", bg.uncompressedFit.describe(),
                "peer uncompressed ≈ 34 s (issue, not measured)", "");
        row(b, "BG/NBD", "parameter recovery (compressed fit)", recovery(bg.fitted), "close to truth", "");
        row(b, "BG/NBD", "compressed vs uncompressed estimates", String.format(Locale.ROOT,
                "max relative difference %.1e; LL %.4f vs %.4f", maxRelativeDifference(bg.fitted, bg.fittedUncompressed),
                bg.fitted.logLikelihood(), bg.fittedUncompressed.logLikelihood()), "equal", "");
        row(b, "k-means", "one restart (k-means++ seeding + Lloyd)", km.perRestart.describe(), "", "");
        row(b, "k-means", "fit with " + km.restarts + " restarts", km.total.describe() + String.format(Locale.ROOT,
                ", %d Lloyd iterations in the kept run", km.iterations), "", "");
        row(b, "k-means", "agreement with planted centres", String.format(Locale.ROOT,
                "%s; worst centre error %.4f; %.4f%% of points with their planted cluster",
                km.oneToOne ? "one-to-one" : "NOT one-to-one", km.worstCentreError, 100 * km.labelAgreement),
                String.format(Locale.ROOT, "all %d found within %.2f", CLUSTERS, CENTRE_TOLERANCE),
                km.oneToOne && km.worstCentreError < CENTRE_TOLERANCE ? "yes" : "no");
        b.append('\n');
        return b.toString();
    }

    private static String recovery(BgNbdParams p) {
        return String.format(Locale.ROOT, "r %.4f (%+.1f%%), alpha %.3f (%+.1f%%), a %.4f (%+.1f%%), b %.3f (%+.1f%%)",
                p.r(), pct(p.r(), TRUTH.r()), p.alpha(), pct(p.alpha(), TRUTH.alpha()), p.a(), pct(p.a(), TRUTH.a()),
                p.b(), pct(p.b(), TRUTH.b()));
    }

    private static double pct(double fitted, double truth) {
        return 100 * (fitted - truth) / truth;
    }

    private static double maxRelativeDifference(BgNbdParams p, BgNbdParams q) {
        double[] a = {p.r(), p.alpha(), p.a(), p.b()};
        double[] c = {q.r(), q.alpha(), q.a(), q.b()};
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - c[i]) / Math.abs(c[i]));
        }
        return max;
    }

    private static void row(StringBuilder b, String... cells) {
        b.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static int nearest(double[] point, double[][] centres) {
        int best = 0;
        for (int c = 1; c < centres.length; c++) {
            if (squaredDistance(point, centres[c]) < squaredDistance(point, centres[best])) {
                best = c;
            }
        }
        return best;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return sum;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Cores, CPU, heap and Java version: the figures the numbers depend on. */
    public static String machine() {
        String cpu = "unknown CPU";
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/cpuinfo")));
            cpu = lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the report says "unknown CPU" rather than failing the run.
        }
        return String.format(Locale.ROOT, "%d cores (%s), max heap %.1f GiB, %s %s",
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
    }
}
