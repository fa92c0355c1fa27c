package io.pulse.core.tags;

import java.util.List;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

/** Turns the tag store (one bitmap of users per tag) into one transaction (set of tag ids) per user. */
public final class Transactions {

    private Transactions() {
    }

    /**
     * Transaction u lists, ascending, the index in {@code tags} of every tag holding user u. Two passes
     * over the bitmaps, one to size each row and one to fill it: no boxed sets per user. Users without
     * tags get an empty transaction, so supports stay shares of all users.
     *
     * @param users the number of users; every bitmap holds indexes below it
     */
    public static int[][] of(List<RoaringBitmap> tags, int users) {
        int[] sizes = new int[users];
        for (RoaringBitmap tag : tags) {
            checkWithin(tag, users);
            tag.forEach((IntConsumer) u -> sizes[u]++);
        }
        int[][] transactions = new int[users][];
        for (int u = 0; u < users; u++) {
            transactions[u] = new int[sizes[u]];
        }
        int[] filled = new int[users];
        for (int t = 0; t < tags.size(); t++) {
            int id = t;
            tags.get(t).forEach((IntConsumer) u -> transactions[u][filled[u]++] = id);
        }
        return transactions;
    }

    static void checkWithin(RoaringBitmap tag, int users) {
        if (!tag.isEmpty() && (tag.first() < 0 || tag.last() >= users)) {
            throw new IllegalArgumentException("a tag holds user " + tag.last() + " but there are " + users + " users");
        }
    }
}
