package io.pulse.core.activity;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the analyzer reads: one row per user and day with that day's qualifying events and browse
 * seconds, sorted by user then day, plus for every user the day from which they are known.
 *
 * <p>Columns are primitive arrays so that millions of rows cost a few bytes each and the hot
 * loops never box. Rows of one user are contiguous ({@link #firstRow}, {@link #endRow}); a user
 * may have none. Two rows for the same user and day are allowed and count as their sum.
 *
 * <p>Browse time is kept in whole milliseconds: trailing windows add a row when it enters and
 * subtract it when it leaves, and with doubles that drifts (0.1 + 0.2 - 0.1 != 0.2), which would
 * make "at least N seconds" flicker at the boundary.
 */
public final class DailyActivity {

    /**
     * The known-from day of a user with neither rows nor a known-from day (say, a sign-up with no
     * date and no events): such a user is in {@link #userCount} but never counted as known.
     */
    public static final int NEVER_KNOWN = Integer.MAX_VALUE;

    private final int userCount;
    private final int rows;
    final int[] users;
    final int[] days;
    final int[] events;
    final long[] browseMillis;
    final int[] knownFrom;
    /** rowStart[u] is the first row of user u, rowStart[u + 1] one past their last. */
    final int[] rowStart;
    private final int minDay;
    private final int maxDay;

    private DailyActivity(Builder b, int[] rowStart, int minDay, int maxDay) {
        this.userCount = b.userCount;
        this.rows = b.size;
        this.users = b.users;
        this.days = b.days;
        this.events = b.events;
        this.browseMillis = b.browseMillis;
        this.knownFrom = b.knownFrom;
        this.rowStart = rowStart;
        this.minDay = minDay;
        this.maxDay = maxDay;
    }

    public static Builder builder(int userCount) {
        return new Builder(userCount, 1024);
    }

    /** As {@link #builder(int)}, with room for {@code expectedRows} rows so the columns never grow. */
    public static Builder builder(int userCount, int expectedRows) {
        return new Builder(userCount, Math.max(16, expectedRows));
    }

    public int userCount() {
        return userCount;
    }

    public int rows() {
        return rows;
    }

    public int user(int row) {
        return users[checkRow(row)];
    }

    public int epochDay(int row) {
        return days[checkRow(row)];
    }

    public int events(int row) {
        return events[checkRow(row)];
    }

    /** The row's browse seconds, to the millisecond. */
    public double browseSeconds(int row) {
        return browseMillis[checkRow(row)] / 1000.0;
    }

    /** The epoch day from which the user is known, never after their first row; or {@link #NEVER_KNOWN}. */
    public int knownFromDay(int user) {
        return knownFrom[user];
    }

    public int firstRow(int user) {
        return rowStart[user];
    }

    /** One past the user's last row; equal to {@link #firstRow} when the user has no rows. */
    public int endRow(int user) {
        return rowStart[user + 1];
    }

    /** The earliest day of any row; there must be rows. */
    public LocalDate firstDay() {
        requireRows();
        return LocalDate.ofEpochDay(minDay);
    }

    /** The latest day of any row; there must be rows. */
    public LocalDate lastDay() {
        requireRows();
        return LocalDate.ofEpochDay(maxDay);
    }

    /** The first row of {@code user} on or after {@code epochDay}, or {@link #endRow} if none. */
    int firstRowFrom(int user, long epochDay) {
        int lo = rowStart[user];
        int hi = rowStart[user + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] < epochDay) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void requireRows() {
        if (rows == 0) {
            throw new IllegalStateException("there are no rows");
        }
    }

    private int checkRow(int row) {
        return Objects.checkIndex(row, rows);
    }

    /**
     * Collects rows into growable primitive columns. {@link #build} hands the columns to the
     * result without copying them, so a builder builds once.
     */
    public static final class Builder {
        private final int userCount;
        private final int[] knownFrom;
        private int[] users;
        private int[] days;
        private int[] events;
        private long[] browseMillis;
        private int size;
        private boolean built;

        private Builder(int userCount, int capacity) {
            if (userCount < 0) {
                throw new IllegalArgumentException("userCount must be >= 0, got " + userCount);
            }
            this.userCount = userCount;
            this.knownFrom = new int[userCount];
            Arrays.fill(knownFrom, NEVER_KNOWN);
            users = new int[capacity];
            days = new int[capacity];
            events = new int[capacity];
            browseMillis = new long[capacity];
        }

        /** The day from which the user is known (sign-up or first event of any type). */
        public Builder knownFrom(int user, int epochDay) {
            checkOpen();
            knownFrom[checkUser(user, "knownFrom")] = epochDay;
            return this;
        }

        /** One row: the user's qualifying events and browse seconds on {@code epochDay}. */
        public Builder add(int user, int epochDay, int eventCount, double browseSeconds) {
            checkOpen();
            checkUser(user, "row " + size);
            if (eventCount < 0) {
                throw new IllegalArgumentException("row " + size + ": events must be >= 0, got " + eventCount);
            }
            if (!(browseSeconds >= 0) || Double.isInfinite(browseSeconds)) {
                throw new IllegalArgumentException(
                        "row " + size + ": browse seconds must be finite and >= 0, got " + browseSeconds);
            }
            if (size == users.length) {
                int capacity = size + (size >> 1) + 16;
                users = Arrays.copyOf(users, capacity);
                days = Arrays.copyOf(days, capacity);
                events = Arrays.copyOf(events, capacity);
                browseMillis = Arrays.copyOf(browseMillis, capacity);
            }
            users[size] = user;
            days[size] = epochDay;
            events[size] = eventCount;
            browseMillis[size] = Math.round(browseSeconds * 1000.0);
            size++;
            return this;
        }

        /**
         * Checks the sort order and lowers a user's known-from day to their first row when the
         * store gave a later one (or none).
         */
        public DailyActivity build() {
            checkOpen();
            built = true;
            int[] rowStart = new int[userCount + 1];
            int minDay = Integer.MAX_VALUE;
            int maxDay = Integer.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                if (i > 0 && (users[i] < users[i - 1] || users[i] == users[i - 1] && days[i] < days[i - 1])) {
                    throw new IllegalArgumentException("row " + i + " (user " + users[i] + ", "
                            + LocalDate.ofEpochDay(days[i]) + ") comes after row " + (i - 1) + " (user "
                            + users[i - 1] + ", " + LocalDate.ofEpochDay(days[i - 1])
                            + "): rows must be sorted by user, then day");
                }
                rowStart[users[i] + 1]++;
                knownFrom[users[i]] = Math.min(knownFrom[users[i]], days[i]);
                minDay = Math.min(minDay, days[i]);
                maxDay = Math.max(maxDay, days[i]);
            }
            for (int u = 0; u < userCount; u++) {
                rowStart[u + 1] += rowStart[u];
            }
            return new DailyActivity(this, rowStart, minDay, maxDay);
        }

        private int checkUser(int user, String where) {
            if (user < 0 || user >= userCount) {
                throw new IllegalArgumentException(
                        where + ": user " + user + " is outside 0.." + (userCount - 1));
            }
            return user;
        }

        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("this builder has already built its DailyActivity");
            }
        }
    }
}
