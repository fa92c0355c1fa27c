package io.pulse.core.actions;

/**
 * What rules are evaluated on, one entry per user, in the order the budget walks them within a rule.
 *
 * @param triggered          {@code triggered[t.ordinal()][i]}: trigger {@code t} holds for user {@code i}
 * @param segments           the segment ids user {@code i} belongs to
 * @param daysSinceLastAction whole days since the user's latest outbox row (treated or control);
 *                           {@link #NEVER} when there is none
 */
public record UserFacts(String[] userIds, boolean[][] triggered, String[][] segments, int[] daysSinceLastAction) {

    public static final int NEVER = Integer.MAX_VALUE;

    public UserFacts {
        int n = userIds.length;
        if (triggered.length != Trigger.values().length || segments.length != n || daysSinceLastAction.length != n) {
            throw new IllegalArgumentException("user facts of different lengths");
        }
        for (boolean[] t : triggered) {
            if (t.length != n) {
                throw new IllegalArgumentException("user facts of different lengths");
            }
        }
    }

    public int size() {
        return userIds.length;
    }
}
