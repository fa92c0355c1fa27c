package io.pulse.bench.features;

import io.pulse.bench.Samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Seconds measured over the rounds of one side, with the per-round listing and ratios the feature report prints. */
public final class Timings {

    private final List<Double> values = new ArrayList<>();

    public void add(double seconds) {
        values.add(seconds);
    }

    public List<Double> values() {
        return List.copyOf(values);
    }

    public double last() {
        return values.get(values.size() - 1);
    }

    /** The middle value, or the mean of the two middle ones. */
    public double median() {
        return Samples.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** "median (min–max)". */
    public String spread() {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", median(), v[0], v[v.length - 1]);
    }

    public String list() {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(", "));
    }

    /** {@code top[i] / bottom[i]} per round, which drifting machine load sways less than the medians. */
    public static String paired(Timings top, Timings bottom) {
        double[] a = top.values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = bottom.values.stream().mapToDouble(Double::doubleValue).toArray();
        return IntStream.range(0, a.length).mapToObj(i -> String.format(Locale.ROOT, "%.2f", a[i] / b[i]))
                .collect(Collectors.joining(", "));
    }
}
