package io.pulse.core.clv;

import java.util.stream.IntStream;

/**
 * Sums a likelihood and its gradient over the tuples in chunks of a fixed size, on all cores when
 * there is more than one chunk. The partial sums are added in chunk order, so the result does not
 * depend on how many threads ran them: a fit is reproducible to the last bit on any machine.
 */
final class TupleSums {

    /** Tuples per chunk when a tuple costs a few operations (BG/NBD); a costlier one wants smaller chunks. */
    static final int CHUNK = 16_384;

    /** Adds the terms of tuples [from, to) into {@code sums} (log-likelihood first, then the gradient). */
    interface Chunk {
        void add(int from, int to, double[] sums);
    }

    private TupleSums() {
    }

    /** @return sums[0] the log-likelihood part, sums[1..width-1] the gradient parts */
    static double[] over(int tuples, int width, Chunk chunk) {
        return over(tuples, CHUNK, width, chunk);
    }

    static double[] over(int tuples, int chunkSize, int width, Chunk chunk) {
        int chunks = (tuples + chunkSize - 1) / chunkSize;
        if (chunks <= 1) {
            double[] sums = new double[width];
            chunk.add(0, tuples, sums);
            return sums;
        }
        double[][] partial = new double[chunks][width];
        IntStream.range(0, chunks).parallel().forEach(c -> chunk.add(c * chunkSize,
                Math.min(tuples, (c + 1) * chunkSize), partial[c]));
        double[] sums = new double[width];
        for (double[] p : partial) {
            for (int k = 0; k < width; k++) {
                sums[k] += p[k];
            }
        }
        return sums;
    }
}
