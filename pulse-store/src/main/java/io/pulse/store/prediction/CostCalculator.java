package io.pulse.store.prediction;

import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.core.validation.Split;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What validating a model will cost on this machine, from a short measured calibration: each model is
 * fitted (and its predictions made) on two seeded samples of the labelled rows, which gives a fixed
 * cost and a cost per training row, in wall and CPU seconds. A scheme then costs, for each split,
 * fixed + per-row × training rows + predict per-row × test rows. Costs are linear in rows for the
 * models Pulse ships (a fixed number of boosting rounds or Newton steps, each a pass over the rows),
 * which is also why the same figures answer "what would this cost on 10× the users".
 */
public final class CostCalculator {

    /** Rows of the two calibration fits. */
    static final int SMALL = 2_000;
    static final int LARGE = 8_000;

    private CostCalculator() {
    }

    /**
     * Measured unit costs of one model.
     *
     * @param fixedSeconds wall seconds of a fit on no rows (the intercept)
     * @param secondsPerRow wall seconds per training row
     * @param cpuPerRow CPU seconds per training row (all threads, the JVM's and native libraries')
     * @param predictPerRow wall seconds per scored row
     */
    public record UnitCost(String model, double fixedSeconds, double fixedCpu, double secondsPerRow, double cpuPerRow,
            double predictPerRow, double calibrationSeconds) {

        /** Wall and CPU seconds of fitting on {@code trainRows} and scoring {@code testRows}. */
        public double[] of(double trainRows, double testRows) {
            return new double[] {fixedSeconds + secondsPerRow * trainRows + predictPerRow * testRows,
                    fixedCpu + cpuPerRow * trainRows + predictPerRow * testRows};
        }
    }

    /** A scheme's estimated wall and CPU seconds for one model. */
    public record Estimate(String model, String scheme, int fits, long trainRows, long testRows, double seconds,
            double cpuSeconds) {
    }

    /** Fits {@code trainer} on two seeded samples of {@code x} and returns its unit costs. */
    public static UnitCost calibrate(ModelTrainer trainer, FeatureMatrix x, boolean[] y, ModelInfo info, long seed) {
        long started = System.nanoTime();
        int large = Math.min(LARGE, x.rows());
        int small = Math.min(SMALL, Math.max(2, large / 4));
        double[] a = timeFit(trainer, x, y, info, sample(x.rows(), small, seed));
        double[] b = timeFit(trainer, x, y, info, sample(x.rows(), large, seed + 1));
        double perRow = Math.max(0, (b[0] - a[0]) / Math.max(1, large - small));
        double cpuPerRow = Math.max(0, (b[1] - a[1]) / Math.max(1, large - small));
        double fixed = Math.max(0, a[0] - perRow * small);
        double fixedCpu = Math.max(0, a[1] - cpuPerRow * small);
        return new UnitCost(trainer.kind(), fixed, fixedCpu, perRow, cpuPerRow, b[2] / large,
                (System.nanoTime() - started) / 1e9);
    }

    /** The estimate of one scheme's splits, with training rows scaled by {@code rowScale} (e.g. 10 for 10× the users). */
    public static Estimate estimate(UnitCost cost, String scheme, List<Split> splits, double rowScale) {
        double seconds = 0;
        double cpu = 0;
        long train = 0;
        long test = 0;
        for (Split s : splits) {
            double[] one = cost.of(s.train().length * rowScale, s.test().length * rowScale);
            seconds += one[0];
            cpu += one[1];
            train += s.train().length;
            test += s.test().length;
        }
        return new Estimate(cost.model(), scheme, splits.size(), Math.round(train * rowScale),
                Math.round(test * rowScale), seconds, cpu);
    }

    /** Wall and CPU seconds of a fit on {@code rows}, then wall seconds of predicting them. */
    private static double[] timeFit(ModelTrainer trainer, FeatureMatrix x, boolean[] y, ModelInfo info, int[] rows) {
        FeatureMatrix sample = x.select(rows);
        boolean[] labels = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = y[rows[i]];
        }
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        var model = trainer.fit(sample, labels, info);
        double fitSeconds = (System.nanoTime() - wall) / 1e9;
        double fitCpu = (cpuNanos() - cpu) / 1e9;
        long predicted = System.nanoTime();
        model.predict(sample);
        return new double[] {fitSeconds, fitCpu, (System.nanoTime() - predicted) / 1e9};
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
