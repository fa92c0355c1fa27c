package io.pulse.store.prediction;

import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.core.validation.Bootstrap;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * What validating a model will cost on this machine, from a short measured calibration: each model is
 * fitted (and its predictions made) on two seeded samples of the labelled rows, {@value #SMALL} and
 * {@value #LARGE} rows, and a power law t = t_large × (n / n_large)^b through the two points gives
 * the wall and CPU seconds of a fit on n rows. A power law rather than a line because neither end is
 * linear: small fits pay fixed costs (b < 1), and trees grow deeper on more rows (b > 1); the
 * exponent is held to [{@value #MIN_EXPONENT}, {@value #MAX_EXPONENT}] so one noisy timing cannot send
 * an estimate off by orders of magnitude. A scheme costs the sum over its splits of a fit on the
 * training rows plus scoring the test rows; the same figures answer "what would this cost on 10× the
 * users" by scaling the rows.
 */
public final class CostCalculator {

    /** Rows of the two calibration fits. */
    static final int SMALL = 5_000;
    static final int LARGE = 20_000;
    static final double MIN_EXPONENT = 0.5;
    static final double MAX_EXPONENT = 1.5;

    private CostCalculator() {
    }

    /**
     * Measured costs of one model.
     *
     * @param rows rows of the larger calibration fit
     * @param seconds wall seconds of that fit
     * @param cpuSeconds CPU seconds of that fit (all threads, the JVM's and native libraries')
     * @param exponent b of the wall-time power law
     * @param cpuExponent b of the CPU-time power law
     * @param predictPerRow wall seconds per scored row: copying it out, scoring it, and its share of
     *     the bootstrap intervals
     * @param calibrationSeconds what the calibration itself took
     */
    public record UnitCost(String model, int rows, double seconds, double cpuSeconds, double exponent,
            double cpuExponent, double predictPerRow, double calibrationSeconds) {

        /** Wall and CPU seconds of fitting on {@code trainRows} and scoring {@code testRows}. */
        public double[] of(double trainRows, double testRows) {
            double fit = trainRows <= 0 ? 0 : seconds * Math.pow(trainRows / rows, exponent);
            double fitCpu = trainRows <= 0 ? 0 : cpuSeconds * Math.pow(trainRows / rows, cpuExponent);
            double predict = predictPerRow * testRows;
            return new double[] {fit + predict, fitCpu + predict};
        }
    }

    /** A scheme's estimated wall and CPU seconds for one model. */
    public record Estimate(String model, String scheme, int fits, long trainRows, long testRows, double seconds,
            double cpuSeconds) {
    }

    /** Fits {@code trainer} on two seeded samples of {@code x} and returns its costs. */
    public static UnitCost calibrate(ModelTrainer trainer, FeatureMatrix x, boolean[] y, ModelInfo info, long seed,
            Bootstrap bootstrap) {
        long started = System.nanoTime();
        int large = Math.min(LARGE, x.rows());
        int small = Math.min(SMALL, Math.max(2, large / 4));
        double[] a = timeFit(trainer, x, y, info, sample(x.rows(), small, seed), bootstrap);
        double[] b = timeFit(trainer, x, y, info, sample(x.rows(), large, seed + 1), bootstrap);
        double ratio = Math.log((double) large / small);
        return new UnitCost(trainer.kind(), large, b[0], b[1], exponent(a[0], b[0], ratio), exponent(a[1], b[1], ratio),
                b[2] / large, (System.nanoTime() - started) / 1e9);
    }

    private static double exponent(double small, double large, double logRowRatio) {
        if (!(small > 0 && large > 0) || logRowRatio <= 0) {
            return 1;
        }
        return Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, Math.log(large / small) / logRowRatio));
    }

    /**
     * Wall and CPU seconds of a fit on {@code rows} (copying them out included, as a fold does), then wall
     * seconds of copying them out again, scoring them and bootstrapping the figures, as a test fold does.
     */
    private static double[] timeFit(ModelTrainer trainer, FeatureMatrix x, boolean[] y, ModelInfo info, int[] rows,
            Bootstrap bootstrap) {
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        FeatureMatrix sample = x.select(rows);
        boolean[] labels = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = y[rows[i]];
        }
        var model = trainer.fit(sample, labels, info);
        double fitSeconds = (System.nanoTime() - wall) / 1e9;
        double fitCpu = (cpuNanos() - cpu) / 1e9;
        long scored = System.nanoTime();
        double[] p = model.predict(x.select(rows));
        bootstrap.intervals(p, labels);
        return new double[] {fitSeconds, fitCpu, (System.nanoTime() - scored) / 1e9};
    }

    /** CPU time of the whole process, every thread included. */
    public static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static int[] sample(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = random.nextInt(n);
        }
        return out;
    }
}
