package io.pulse.core.segments;

import java.util.Arrays;

/**
 * RFM quintile scores 1..5 over a population, and the named cell of each customer.
 *
 * <p><b>Scores.</b> Values are ranked with ties at their lowest rank (0-based, SQL {@code RANK() - 1}),
 * and a customer of rank {@code q} among {@code n} scores {@code 1 + floor(5 q / n)}, so equal values always
 * get the same score and the result does not depend on input order. Frequency and monetary are ranked
 * ascending (more is better); recency days are ranked descending, so the most recent customers score 5.
 *
 * <p><b>Cells.</b> From R and {@code FM = round((F + M) / 2)} with halves rounded up; the first matching row wins:
 * <table>
 *   <caption>RFM cell rules</caption>
 *   <tr><th>cell</th><th>R</th><th>FM</th></tr>
 *   <tr><td>champions</td><td>5</td><td>4–5</td></tr>
 *   <tr><td>loyal</td><td>3–4</td><td>4–5</td></tr>
 *   <tr><td>new (recent first-timers)</td><td>4–5</td><td>1</td></tr>
 *   <tr><td>potential loyalists</td><td>3–5</td><td>2–3</td></tr>
 *   <tr><td>can't lose</td><td>1–2</td><td>5</td></tr>
 *   <tr><td>at risk</td><td>1–2</td><td>3–4</td></tr>
 *   <tr><td>lost</td><td>1</td><td>1–2</td></tr>
 *   <tr><td>hibernating</td><td>2–3</td><td>1–2 (what is left: R 2 FM 1–2, R 3 FM 1)</td></tr>
 * </table>
 * The grid is a condensed form of the widely used R×F segment map (champions 5/4–5, loyal 3–4/4–5,
 * at risk 1–2/3–4, can't lose 1–2/5, hibernating low/low), with M folded into F so big spenders count.
 *
 * @param r recency score per customer
 * @param f frequency score per customer
 * @param m monetary score per customer
 * @param cells named cell per customer
 */
public record RfmScores(int[] r, int[] f, int[] m, RfmCell[] cells) {

    public static final int QUANTILES = 5;

    /** Scores every customer; the three arrays are indexed by customer and have the same length. */
    public static RfmScores of(double[] recencyDays, double[] frequency, double[] monetary) {
        int n = recencyDays.length;
        if (frequency.length != n || monetary.length != n) {
            throw new IllegalArgumentException("recency, frequency and monetary must have the same length");
        }
        double[] negatedRecency = new double[n];
        for (int i = 0; i < n; i++) {
            negatedRecency[i] = -recencyDays[i];
        }
        int[] r = quintiles(negatedRecency);
        int[] f = quintiles(frequency);
        int[] m = quintiles(monetary);
        RfmCell[] cells = new RfmCell[n];
        for (int i = 0; i < n; i++) {
            cells[i] = cell(r[i], fm(f[i], m[i]));
        }
        return new RfmScores(r, f, m, cells);
    }

    /** Scores 1..5 with ties at their lowest rank: {@code 1 + floor(5 * rank / n)}. */
    public static int[] quintiles(double[] values) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int[] scores = new int[n];
        for (int i = 0; i < n; i++) {
            int rank = lowestIndexOf(sorted, values[i]);
            scores[i] = 1 + (int) ((long) QUANTILES * rank / n);
        }
        return scores;
    }

    /** The combined frequency-monetary score, {@code round((f + m) / 2)} with halves rounded up. */
    public static int fm(int f, int m) {
        return (f + m + 1) / 2;
    }

    /** The cell for a recency score and a combined FM score, by the table in the class Javadoc. */
    public static RfmCell cell(int r, int fm) {
        if (r == 5 && fm >= 4) {
            return RfmCell.CHAMPIONS;
        }
        if (r >= 3 && fm >= 4) {
            return RfmCell.LOYAL;
        }
        if (r >= 4 && fm == 1) {
            return RfmCell.NEW;
        }
        if (r >= 3 && fm >= 2) {
            return RfmCell.POTENTIAL;
        }
        if (fm == 5) {
            return RfmCell.CANT_LOSE;
        }
        if (fm >= 3) {
            return RfmCell.AT_RISK;
        }
        return r == 1 ? RfmCell.LOST : RfmCell.HIBERNATING;
    }

    private static int lowestIndexOf(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
