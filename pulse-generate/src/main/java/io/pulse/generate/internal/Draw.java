package io.pulse.generate.internal;

import java.util.SplittableRandom;

/** The random draws the simulation needs, on {@link SplittableRandom} so that seeds give stable output. */
final class Draw {

    /** Independent streams of randomness, so adding draws to one never shifts another. */
    static final long USERS = 0x5553_4552_5300L;
    static final long SPIKE_VISITORS = 0x5350_494B_4500L;
    static final long PLAN = 0x504C_414E_0000L;
    static final long CATALOG = 0x4341_5441_4C00L;
    static final long COMPETITOR = 0x434F_4D50_4554L;
    /** Plus the campaign day: one stream per user and campaign (see {@link #rng(long, long, long, int)}). */
    static final long CAMPAIGN = 0x4341_4D50_0000L;

    private Draw() {
    }

    /**
     * A generator for one unit of work (a user, an item, the plan), derived from the seed and the
     * unit's index alone, so output never depends on the order units are processed in.
     */
    static SplittableRandom rng(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ stream) + index));
    }

    /** A generator for one unit of work at one moment, e.g. a user on a campaign day. */
    static SplittableRandom rng(long seed, long stream, long index, int day) {
        return rng(seed, stream + day, index);
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Knuth's product method for the small means met here; a rounded normal beyond 30. */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            n++;
        }
        return n;
    }

    /** Marsaglia and Tsang (2000), "A simple method for generating gamma variables". */
    static double gamma(SplittableRandom rng, double shape, double scale) {
        if (shape < 1) {
            return gamma(rng, shape + 1, scale) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }

    /** A gamma draw with the given mean: {@code shape} sets the spread (smaller is wider). */
    static double gammaWithMean(SplittableRandom rng, double mean, double shape) {
        return gamma(rng, shape, mean / shape);
    }

    /** A beta draw with the given mean; {@code concentration} is a + b (larger is tighter). */
    static double betaWithMean(SplittableRandom rng, double mean, double concentration) {
        double a = gamma(rng, mean * concentration, 1);
        double b = gamma(rng, (1 - mean) * concentration, 1);
        return a / (a + b);
    }

    /** A log-normal draw whose mean (not median) is {@code mean}. */
    static double logNormalWithMean(SplittableRandom rng, double mean, double sigma) {
        return mean * Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
    }

    /** Cumulative weights, normalised to end at 1, for {@link #pick}. */
    static double[] cumulative(double... weights) {
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum;
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    /** The index drawn from cumulative weights, by binary search. */
    static int pick(SplittableRandom rng, double[] cdf) {
        double u = rng.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
