package io.pulse.core.recommend;

import java.util.Arrays;

/**
 * Offline evaluation on a time split: a model fitted on the history before the split day ranks items
 * for every user, and the ranking is scored against the items the user carted or bought after it
 * (a cart is a stated intent and doubles the evidence for a store with few repeat buyers). Only users
 * with a history are evaluated, since neither model says anything personal about a newcomer; items
 * they had bought before the split are no target, since both models leave them out.
 */
public final class HoldoutEvaluation {

    /**
     * @param users users evaluated (with a history and at least one new target item)
     * @param hitRate share of those users with at least one target in their top k
     * @param recall mean over those users of the share of their targets found in the top k
     */
    public record Quality(int k, int users, double hitRate, double recall) {
    }

    private HoldoutEvaluation() {
    }

    /**
     * Each user's distinct target items, sorted; empty for a user with no history. Items unknown to
     * the history may be any index outside [0, items): no model can rank them, so they count as misses.
     *
     * @param user user of each carted or bought item after the split
     * @param item that item
     */
    public static int[][] targets(UserItems history, int[] user, int[] item) {
        int[][] out = new int[history.users()][];
        int[] count = new int[history.users()];
        for (int u : user) {
            count[u]++;
        }
        for (int u = 0; u < out.length; u++) {
            out[u] = new int[count[u]];
            count[u] = 0;
        }
        for (int k = 0; k < user.length; k++) {
            out[user[k]][count[user[k]]++] = item[k];
        }
        for (int u = 0; u < out.length; u++) {
            int uu = u;
            out[u] = history.count(u) == 0 ? new int[0] : Arrays.stream(out[u]).distinct().sorted()
                    .filter(i -> i < 0 || i >= history.items() || !history.hasBought(uu, i)).toArray();
        }
        return out;
    }

    /**
     * Hit rate and recall at k over the users with targets.
     *
     * @param targets each user's targets, sorted (as {@link #targets} gives them)
     * @param ranked each user's ranking (from {@link Recommender#recommendAll}); only its first k count
     */
    public static Quality evaluate(Ranking[] ranked, int[][] targets, int k) {
        int users = 0;
        int hits = 0;
        double recall = 0;
        for (int u = 0; u < targets.length; u++) {
            if (targets[u].length == 0) {
                continue;
            }
            int found = 0;
            int[] items = ranked[u].items();
            for (int r = 0; r < Math.min(k, items.length); r++) {
                if (Arrays.binarySearch(targets[u], items[r]) >= 0) {
                    found++;
                }
            }
            users++;
            hits += found > 0 ? 1 : 0;
            recall += (double) found / targets[u].length;
        }
        return new Quality(k, users, users == 0 ? Double.NaN : (double) hits / users,
                users == 0 ? Double.NaN : recall / users);
    }
}
