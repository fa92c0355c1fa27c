package io.pulse.core.recommend;

/**
 * Item-to-item similarity from co-occurrence, damped by popularity:
 * {@code s_ij = c_ij / (n_i^a * n_j^a)}, where c_ij counts the users who interacted with both i and j
 * (each user's distinct, capped items, whatever the type), n_i the users who interacted with i, and a
 * the damping. With a = 0.5 this is the cosine of the items' binary user vectors (Sarwar et al., 2001,
 * "Item-based collaborative filtering recommendation algorithms"; Linden, Smith, York, 2003,
 * "Amazon.com recommendations: item-to-item collaborative filtering"). Without the damping the
 * best-sellers would be every item's nearest neighbours. Pairs shared by fewer than
 * {@link RecommenderConfig#minCoOccurrence} users are dropped. Compressed rows of each item's
 * {@link RecommenderConfig#neighboursPerItem} most similar items, best first.
 */
public record ItemSimilarity(int[] offset, int[] neighbour, double[] similarity) {

    public static ItemSimilarity fit(UserItems ui, RecommenderConfig config) {
        int[] usersOf = new int[ui.item().length];
        int[] userStart = new int[ui.items() + 1];
        for (int it : ui.item()) {
            userStart[it + 1]++;
        }
        for (int i = 0; i < ui.items(); i++) {
            userStart[i + 1] += userStart[i];
        }
        int[] next = userStart.clone();
        for (int u = 0; u < ui.users(); u++) {
            for (int k = ui.offset()[u]; k < ui.offset()[u + 1]; k++) {
                usersOf[next[ui.item()[k]]++] = u;
            }
        }
        double[] damp = new double[ui.items()];
        for (int i = 0; i < ui.items(); i++) {
            damp[i] = Math.pow(userStart[i + 1] - userStart[i], config.damping());
        }

        int[] count = new int[ui.items()];
        int[] touched = new int[ui.items()];
        TopK best = new TopK(config.neighboursPerItem());
        int[] offset = new int[ui.items() + 1];
        UserItems.IntList neighbour = new UserItems.IntList();
        UserItems.DoubleList similarity = new UserItems.DoubleList();
        for (int i = 0; i < ui.items(); i++) {
            int t = 0;
            for (int k = userStart[i]; k < userStart[i + 1]; k++) {
                int u = usersOf[k];
                for (int m = ui.offset()[u]; m < ui.offset()[u + 1]; m++) {
                    int j = ui.item()[m];
                    if (j != i && count[j]++ == 0) {
                        touched[t++] = j;
                    }
                }
            }
            best.clear();
            for (int k = 0; k < t; k++) {
                int j = touched[k];
                if (count[j] >= config.minCoOccurrence()) {
                    best.offer(j, count[j] / (damp[i] * damp[j]));
                }
                count[j] = 0;
            }
            Ranking row = best.drain();
            for (int k = 0; k < row.size(); k++) {
                neighbour.add(row.items()[k]);
                similarity.add(row.scores()[k]);
            }
            offset[i + 1] = neighbour.size;
        }
        return new ItemSimilarity(offset, neighbour.toArray(), similarity.toArray());
    }

    /** s_ij, or 0 when j is not among i's kept neighbours. */
    public double of(int i, int j) {
        for (int k = offset[i]; k < offset[i + 1]; k++) {
            if (neighbour[k] == j) {
                return similarity[k];
            }
        }
        return 0;
    }
}
