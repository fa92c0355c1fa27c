package io.pulse.core.clv;

import java.util.Arrays;

/**
 * The sorted distinct values of one or more columns, and for each column the position of each row's
 * value among them. A likelihood evaluates a term once per distinct value and then looks it up.
 * Adding 0.0 turns -0.0 into 0.0, which sorting and binary search would otherwise tell apart.
 *
 * @param index {@code index[c][i]} is the position of {@code columns[c][i]} in {@code values}
 */
record DistinctValues(double[] values, int[][] index) {

    static DistinctValues of(double... column) {
        return of(new double[][] {column});
    }

    static DistinctValues of(double[]... columns) {
        int total = 0;
        for (double[] column : columns) {
            total += column.length;
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] column : columns) {
            for (double v : column) {
                all[at++] = v + 0.0;
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < total; i++) {
            if (i == 0 || all[i] != all[distinct - 1]) {
                all[distinct++] = all[i];
            }
        }
        double[] values = Arrays.copyOf(all, distinct);
        int[][] index = new int[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            index[c] = new int[columns[c].length];
            for (int i = 0; i < columns[c].length; i++) {
                index[c][i] = Arrays.binarySearch(values, columns[c][i] + 0.0);
            }
        }
        return new DistinctValues(values, index);
    }

    /** Sums {@code weights} over the rows of column {@code c} sharing each distinct value. */
    double[] sumBy(int c, double[] weights) {
        double[] sums = new double[values.length];
        for (int i = 0; i < weights.length; i++) {
            sums[index[c][i]] += weights[i];
        }
        return sums;
    }

    int size() {
        return values.length;
    }
}
