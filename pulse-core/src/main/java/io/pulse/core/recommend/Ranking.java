package io.pulse.core.recommend;

/** Items for one user, best first, with the score each was ranked by. */
public record Ranking(int[] items, double[] scores) {

    static final Ranking EMPTY = new Ranking(new int[0], new double[0]);

    public int size() {
        return items.length;
    }
}
