package io.pulse.core.prediction;

import java.util.Arrays;

/**
 * Rows of numeric features, row-major in one primitive array, with a name per column. NaN is a
 * missing value (a customer with no order has no order value); each model decides how to treat it.
 *
 * @param names one name per column
 * @param rows number of rows
 * @param values {@code rows × names.length} values, row after row
 */
public record FeatureMatrix(String[] names, int rows, double[] values) {

    public FeatureMatrix {
        if (rows < 0 || values.length != (long) rows * names.length) {
            throw new IllegalArgumentException("values must hold rows × columns = " + rows + " × " + names.length
                    + " numbers, got " + values.length);
        }
    }

    public int columns() {
        return names.length;
    }

    public double get(int row, int column) {
        return values[row * names.length + column];
    }

    /** The rows at {@code indexes}, in that order (indexes may repeat, as a bootstrap sample does). */
    public FeatureMatrix select(int[] indexes) {
        int d = names.length;
        double[] out = new double[indexes.length * d];
        for (int i = 0; i < indexes.length; i++) {
            System.arraycopy(values, indexes[i] * d, out, i * d, d);
        }
        return new FeatureMatrix(names, indexes.length, out);
    }

    /** The index of the column named {@code name}, or -1. */
    public int column(String name) {
        return Arrays.asList(names).indexOf(name);
    }
}
