package io.pulse.core.recommend;

/**
 * Who did what to which item, one row per (user, item, type), with users and items as dense indexes.
 *
 * @param users number of users: every {@code user[k]} is in [0, users)
 * @param items number of items: every {@code item[k]} is in [0, items)
 * @param at when the user last did this, in any increasing unit; only compared, to prefer recent items
 */
public record Interactions(int users, int items, int[] user, int[] item, InteractionType[] type, long[] at) {

    public Interactions {
        if (user.length != item.length || user.length != type.length || user.length != at.length) {
            throw new IllegalArgumentException("columns of different lengths");
        }
        for (int k = 0; k < user.length; k++) {
            if (user[k] < 0 || user[k] >= users || item[k] < 0 || item[k] >= items) {
                throw new IllegalArgumentException("row " + k + " is out of range: user " + user[k] + ", item " + item[k]);
            }
        }
    }

    public int size() {
        return user.length;
    }
}
