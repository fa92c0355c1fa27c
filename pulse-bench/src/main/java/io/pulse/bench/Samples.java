package io.pulse.bench;

import java.util.ArrayList;
import java.util.List;

/** Seconds measured over the rounds of a run, and the summaries every benchmark here quotes. */
public final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    int size() {
        return values.size();
    }

    List<Double> values() {
        return List.copyOf(values);
    }

    /** The middle value, or the mean of the two middle ones. */
    double median() {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The middle value of {@code values}, or the mean of the two middle ones. */
    public static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** A command-line count that must be at least 1, e.g. {@code --rounds=5}. */
    public static int positive(String arg, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(arg + ": must be at least 1");
        }
        return n;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
