package io.pulse.core.recommend;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The baseline: the same most popular items for everyone (popularity as in
 * {@link UserItems#popularity}: summed interaction weights), less those the user bought.
 */
public final class PopularityRecommender implements Recommender {

    private final UserItems history;
    private final int[] byPopularity;

    public PopularityRecommender(UserItems history) {
        this.history = history;
        double[] p = history.popularity();
        byPopularity = IntStream.range(0, p.length).boxed()
                .sorted((a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).filter(i -> p[i] > 0).toArray();
    }

    @Override
    public Ranking recommend(int user, int n) {
        int[] items = new int[n];
        double[] scores = new double[n];
        int size = 0;
        for (int k = 0; k < byPopularity.length && size < n; k++) {
            int i = byPopularity[k];
            if (!history.hasBought(user, i)) {
                items[size] = i;
                scores[size++] = history.popularity()[i];
            }
        }
        return new Ranking(Arrays.copyOf(items, size), Arrays.copyOf(scores, size));
    }

    @Override
    public Ranking[] recommendAll(int n) {
        Ranking[] out = new Ranking[history.users()];
        Arrays.setAll(out, u -> recommend(u, n));
        return out;
    }
}
