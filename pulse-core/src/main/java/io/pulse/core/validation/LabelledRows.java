package io.pulse.core.validation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a validation scheme needs to know about user-cutoff rows: the cutoff each row was taken at and
 * how long its label window is. Row r has features from events up to {@code cutoffs[cutoffOfRow[r]]}
 * and the label "active in the {@code horizonDays} after it".
 *
 * @param cutoffOfRow index into {@code cutoffs} of each row's cutoff
 * @param cutoffs the cutoff days, strictly increasing
 * @param horizonDays length of the label window
 */
public record LabelledRows(int[] cutoffOfRow, LocalDate[] cutoffs, int horizonDays) {

    public LabelledRows {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be positive, got " + horizonDays);
        }
        for (int c = 1; c < cutoffs.length; c++) {
            if (!cutoffs[c].isAfter(cutoffs[c - 1])) {
                throw new IllegalArgumentException("cutoffs must be strictly increasing: " + cutoffs[c - 1]
                        + " then " + cutoffs[c]);
            }
        }
        for (int r = 0; r < cutoffOfRow.length; r++) {
            if (cutoffOfRow[r] < 0 || cutoffOfRow[r] >= cutoffs.length) {
                throw new IllegalArgumentException("row " + r + " has cutoff index " + cutoffOfRow[r] + " of "
                        + cutoffs.length + " cutoffs");
            }
        }
    }

    public int rows() {
        return cutoffOfRow.length;
    }

    /**
     * How many of the first cutoffs have their whole label window (c, c + horizon] ending by cutoff
     * {@code test}: those c with c + horizonDays <= test. Only they may train a model tested at
     * {@code test}; a later one's label looks at days that the test rows' features or labels cover.
     */
    int settledBy(int test) {
        int count = 0;
        while (count < cutoffs.length && !cutoffs[count].plusDays(horizonDays).isAfter(cutoffs[test])) {
            count++;
        }
        return count;
    }

    /** The split training on cutoffs [trainFrom, trainTo) and testing on cutoffs [testFrom, testTo). */
    Split split(String name, int trainFrom, int trainTo, int testFrom, int testTo) {
        return new Split(name, rowsBetween(trainFrom, trainTo), rowsBetween(testFrom, testTo),
                List.of(cutoffs).subList(trainFrom, trainTo), List.of(cutoffs).subList(testFrom, testTo));
    }

    /** The distinct cutoffs of {@code rows}, in order. */
    List<LocalDate> cutoffsOf(int[] rows) {
        boolean[] present = new boolean[cutoffs.length];
        for (int r : rows) {
            present[cutoffOfRow[r]] = true;
        }
        List<LocalDate> days = new ArrayList<>();
        for (int c = 0; c < cutoffs.length; c++) {
            if (present[c]) {
                days.add(cutoffs[c]);
            }
        }
        return days;
    }

    private int[] rowsBetween(int from, int to) {
        int count = 0;
        for (int c : cutoffOfRow) {
            if (c >= from && c < to) {
                count++;
            }
        }
        int[] rows = new int[count];
        int next = 0;
        for (int r = 0; r < cutoffOfRow.length; r++) {
            if (cutoffOfRow[r] >= from && cutoffOfRow[r] < to) {
                rows[next++] = r;
            }
        }
        return rows;
    }
}
