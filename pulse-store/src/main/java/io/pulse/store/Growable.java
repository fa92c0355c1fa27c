package io.pulse.store;

import java.util.Arrays;

/** Growing primitive arrays, so a million users' figures read from the store are not boxed one by one. */
public final class Growable {

    private static final int FIRST = 1024;

    private Growable() {
    }

    public static final class Ints {
        private int[] values = new int[FIRST];
        private int size;

        public void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }

        public int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    public static final class Doubles {
        private double[] values = new double[FIRST];
        private int size;

        public void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }

        public double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    public static final class Booleans {
        private boolean[] values = new boolean[FIRST];
        private int size;

        public void add(boolean v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }

        public boolean[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
