package io.pulse.core.recommend;

/**
 * Item-to-item recommendations: a user's score for item j is {@code sum_i w_ui * s_ij} over the
 * user's (capped) items i, where w_ui is the weight of the user's strongest interaction with i and
 * s_ij the {@link ItemSimilarity}. Items the user bought are left out; items only viewed or carted
 * stay in, since a second look is often what precedes a purchase. A user with no history, or whose
 * items have no neighbours, gets fewer than n items, possibly none.
 */
public final class CoOccurrenceRecommender implements Recommender {

    private final UserItems history;
    private final ItemSimilarity similarity;

    public CoOccurrenceRecommender(UserItems history, ItemSimilarity similarity) {
        this.history = history;
        this.similarity = similarity;
    }

    public static CoOccurrenceRecommender fit(Interactions in, RecommenderConfig config) {
        UserItems history = UserItems.of(in, config);
        return new CoOccurrenceRecommender(history, ItemSimilarity.fit(history, config));
    }

    public UserItems history() {
        return history;
    }

    public ItemSimilarity similarity() {
        return similarity;
    }

    @Override
    public Ranking recommend(int user, int n) {
        return new Scorer(history.items(), n).rank(user);
    }

    @Override
    public Ranking[] recommendAll(int n) {
        Scorer scorer = new Scorer(history.items(), n);
        Ranking[] out = new Ranking[history.users()];
        for (int u = 0; u < out.length; u++) {
            out[u] = scorer.rank(u);
        }
        return out;
    }

    /** Scratch arrays the size of the catalogue, reused across users and cleared through {@code touched}. */
    private final class Scorer {
        private final double[] score;
        private final int[] touched;
        private final TopK best;

        Scorer(int items, int n) {
            score = new double[items];
            touched = new int[items];
            best = new TopK(n);
        }

        Ranking rank(int user) {
            int t = 0;
            for (int k = history.offset()[user]; k < history.offset()[user + 1]; k++) {
                int i = history.item()[k];
                double w = history.weight()[k];
                for (int m = similarity.offset()[i]; m < similarity.offset()[i + 1]; m++) {
                    int j = similarity.neighbour()[m];
                    if (score[j] == 0) {
                        touched[t++] = j;
                    }
                    score[j] += w * similarity.similarity()[m];
                }
            }
            best.clear();
            for (int k = 0; k < t; k++) {
                int j = touched[k];
                if (score[j] > 0 && !history.hasBought(user, j)) {
                    best.offer(j, score[j]);
                }
                score[j] = 0;
            }
            return best.drain();
        }
    }
}
