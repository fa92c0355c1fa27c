package io.pulse.core.activity;

/**
 * Users active over the trailing {@code window} days ending on each day of the range (WAU, MAU).
 *
 * <p>Scanning every window of every day costs rows × window. Instead, for each user, the window
 * sums only change on the days a row enters (its own day) or leaves (its day + window); between
 * two such breakpoints the user is either active all along or not, so the sweep adds +1 where an
 * active stretch begins and -1 where it ends into a difference array over days. That is
 * O(rows + days) overall.
 */
final class TrailingWindow {

    private TrailingWindow() {
    }

    /** Active users per day of [fromDay, toDay]; windows start no earlier than fromDay. */
    static long[] activeUsers(DailyActivity data, int fromDay, int toDay, int window, ActivityRule rule) {
        int[] days = data.days;
        int dayCount = toDay - fromDay + 1;
        long[] change = new long[dayCount + 1];
        for (int u = 0; u < data.userCount(); u++) {
            int end = data.firstRowFrom(u, (long) toDay + 1);
            int enter = data.firstRowFrom(u, fromDay);
            int leave = enter;
            long events = 0;
            long millis = 0;
            boolean active = false;
            while (leave < end) {
                long next = enter < end ? days[enter] : Long.MAX_VALUE;
                next = Math.min(next, (long) days[leave] + window);
                if (next > toDay) {
                    break;
                }
                for (; enter < end && days[enter] == next; enter++) {
                    events += data.events[enter];
                    millis += data.browseMillis[enter];
                }
                for (; leave < enter && (long) days[leave] + window == next; leave++) {
                    events -= data.events[leave];
                    millis -= data.browseMillis[leave];
                }
                boolean now = rule.isActive(events, millis);
                if (now != active) {
                    change[(int) (next - fromDay)] += now ? 1 : -1;
                    active = now;
                }
            }
        }
        long[] users = new long[dayCount];
        long running = 0;
        for (int d = 0; d < dayCount; d++) {
            running += change[d];
            users[d] = running;
        }
        return users;
    }
}
