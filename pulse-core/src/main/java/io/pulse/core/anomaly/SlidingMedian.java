package io.pulse.core.anomaly;

import java.util.Arrays;

/**
 * The median and the median absolute deviation of the last {@code capacity} values: a ring for the
 * order of arrival beside a sorted copy, so an update is a binary search and an array shift, and the
 * MAD is a merge of the two sides of the median (O(capacity), no allocation).
 */
final class SlidingMedian {

    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int head;

    SlidingMedian(int capacity) {
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    void add(double x) {
        if (size == ring.length) {
            double old = ring[head];
            int at = Arrays.binarySearch(sorted, 0, size, old);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        ring[head] = x;
        head = (head + 1) % ring.length;
        int at = Arrays.binarySearch(sorted, 0, size, x);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = x;
        size++;
    }

    int size() {
        return size;
    }

    double median() {
        return size % 2 == 1 ? sorted[size / 2] : 0.5 * (sorted[size / 2 - 1] + sorted[size / 2]);
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[size - 1];
    }

    /** The median of |x - median| over the window. */
    double mad() {
        double m = median();
        // Deviations below the median grow walking left from it, those above walking right: merge them.
        int left = lowerBound(m) - 1;
        int right = left + 1;
        int k = (size - 1) / 2;
        double kth = 0;
        double next = 0;
        for (int taken = 0; taken <= k + 1 && (left >= 0 || right < size); taken++) {
            double d;
            if (right >= size || (left >= 0 && m - sorted[left] <= sorted[right] - m)) {
                d = m - sorted[left--];
            } else {
                d = sorted[right++] - m;
            }
            if (taken == k) {
                kth = d;
            } else if (taken == k + 1) {
                next = d;
            }
        }
        return size % 2 == 1 ? kth : 0.5 * (kth + next);
    }

    private int lowerBound(double m) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < m) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
