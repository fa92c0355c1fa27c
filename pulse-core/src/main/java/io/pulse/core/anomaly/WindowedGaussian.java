package io.pulse.core.anomaly;

import org.apache.commons.math3.special.Erf;

/**
 * The simplest peer on NAB's scoreboard: the mean and standard deviation of the last {@code window}
 * values, and as score one minus the two-sided normal tail probability of the new value. Close to
 * NAB's {@code windowedGaussian} detector (which refits every 100 rows over 6,400 values); here the
 * moments slide every row over a ring with running sums.
 */
public final class WindowedGaussian implements Detector {

    private final double[] ring;
    private int size;
    private int head;
    private double sum;
    private double sumSquares;

    public WindowedGaussian(int window) {
        ring = new double[window];
    }

    public WindowedGaussian() {
        this(6400);
    }

    @Override
    public double score(long epochSecond, double value) {
        double score = 0;
        if (size > 1) {
            double mean = sum / size;
            double sd = Math.sqrt(Math.max(sumSquares / size - mean * mean, 0));
            score = sd == 0 ? (value == mean ? 0 : 1) : Erf.erf(Math.abs(value - mean) / (sd * Math.sqrt(2)));
        }
        if (size == ring.length) {
            sum -= ring[head];
            sumSquares -= ring[head] * ring[head];
        } else {
            size++;
        }
        ring[head] = value;
        head = (head + 1) % ring.length;
        sum += value;
        sumSquares += value * value;
        return score;
    }
}
