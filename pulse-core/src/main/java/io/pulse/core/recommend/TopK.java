package io.pulse.core.recommend;

/**
 * The k best (index, score) pairs offered, ties to the lower index so that rankings do not depend on
 * the order of offers. A min-heap on primitive arrays: the hot loops offer millions of pairs.
 */
final class TopK {

    private final int[] index;
    private final double[] score;
    private int size;

    TopK(int k) {
        index = new int[k];
        score = new double[k];
    }

    void clear() {
        size = 0;
    }

    void offer(int i, double s) {
        if (size < index.length) {
            index[size] = i;
            score[size] = s;
            up(size++);
        } else if (index.length > 0 && worse(0, i, s)) {
            index[0] = i;
            score[0] = s;
            down(0);
        }
    }

    /** The kept pairs, best first; empties this. */
    Ranking drain() {
        int n = size;
        int[] items = new int[n];
        double[] scores = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            items[k] = index[0];
            scores[k] = score[0];
            size--;
            index[0] = index[size];
            score[0] = score[size];
            down(0);
        }
        return new Ranking(items, scores);
    }

    /** Whether the pair at heap slot {@code a} ranks below (i, s). */
    private boolean worse(int a, int i, double s) {
        return score[a] < s || (score[a] == s && index[a] > i);
    }

    private void up(int k) {
        while (k > 0) {
            int parent = (k - 1) / 2;
            if (!worse(k, index[parent], score[parent])) {
                return;
            }
            swap(k, parent);
            k = parent;
        }
    }

    private void down(int k) {
        while (true) {
            int l = 2 * k + 1;
            int r = l + 1;
            int least = k;
            if (l < size && worse(l, index[least], score[least])) {
                least = l;
            }
            if (r < size && worse(r, index[least], score[least])) {
                least = r;
            }
            if (least == k) {
                return;
            }
            swap(k, least);
            k = least;
        }
    }

    private void swap(int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        double s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
