package io.pulse.core.anomaly;

import io.pulse.core.PulseInputException;
import io.pulse.core.anomaly.NabWindows.Window;

import java.util.Arrays;
import java.util.List;

/**
 * NAB's scorer (numenta/NAB {@code nab/sweeper.py}, Lavin and Ahmad 2015, arXiv:1510.03336 §4), rule for
 * rule: the scaled sigmoid, the windows used as given, the probationary period, one contribution per
 * detected row outside a window measured from the preceding window, only the earliest detection of a
 * window counting, and the normalisation between the null and the perfect detector. The threshold
 * optimiser is NAB's {@code optimizer.py}: one threshold per profile for the whole corpus, the one
 * that maximises the raw corpus score, found exactly by one sweep over the rows sorted by score.
 */
public final class NabScorer {

    /** σ(-1), the largest sigmoid a window row can get; NAB divides true positives by it. */
    public static final double MAX_TP = scaledSigmoid(-1.0);

    private NabScorer() {
    }

    /** NAB's scaled sigmoid: 2/(1 + e^(5y)) - 1, and -1 beyond y = 3. */
    public static double scaledSigmoid(double y) {
        return y > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /** The rows NAB never scores: min(floor(0.15 N), 0.15 · 5000). */
    public static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /**
     * A file prepared for scoring, independent of detector and profile.
     *
     * @param window per row, the index of its window in the file, or -1 outside every window
     * @param unweighted per row, the sweep score before the profile weights: σ(y)/σ(-1) inside a window,
     *     σ(distance past the preceding window) or -1 outside
     * @param windows the windows with at least one row past the probationary period (the ones NAB scores)
     */
    public record LabelledFile(String file, int rows, int probation, int windows, int[] window, double[] unweighted) {
    }

    /** One file (or a corpus total) at one threshold; TP/TN/FP/FN count rows past the probation. */
    public record Score(String file, double threshold, double score, long tp, long tn, long fp, long fn, long rows) {

        Score plus(Score o, String name) {
            return new Score(name, threshold, score + o.score, tp + o.tp, tn + o.tn, fp + o.fp, fn + o.fn, rows + o.rows);
        }
    }

    /** The threshold that maximises the raw corpus score for one profile, and that score. */
    public record Optimum(NabProfile profile, double threshold, double rawScore) {
    }

    /** Places the windows on the series' rows, as {@code sweeper.calcSweepScore} does. */
    public static LabelledFile label(NabSeries series, List<Window> windows) {
        long[] t = series.epochSeconds();
        int n = t.length;
        int[] window = new int[n];
        double[] unweighted = new double[n];
        Arrays.fill(window, -1);
        int probation = probationaryLength(n);
        int prevRight = -1;
        int prevWidth = 0;
        int scored = 0;
        int next = 0;
        for (int k = 0; k < windows.size(); k++) {
            int left = rowOf(series, windows.get(k).start());
            int right = rowOf(series, windows.get(k).end());
            if (left < next || right < left) {
                throw new PulseInputException(series.file(), "windows overlap or are out of order at window " + (k + 1));
            }
            fillFalsePositives(unweighted, next, left, prevRight, prevWidth);
            int width = right - left + 1;
            for (int i = left; i <= right; i++) {
                window[i] = k;
                unweighted[i] = scaledSigmoid(-(right - i + 1) / (double) width) / MAX_TP;
            }
            if (right >= probation) {
                scored++;
            }
            prevRight = right;
            prevWidth = width;
            next = right + 1;
        }
        fillFalsePositives(unweighted, next, n, prevRight, prevWidth);
        return new LabelledFile(series.file(), n, probation, scored, window, unweighted);
    }

    private static void fillFalsePositives(double[] unweighted, int from, int to, int prevRight, int prevWidth) {
        for (int i = from; i < to; i++) {
            unweighted[i] = prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (double) (prevWidth - 1));
        }
    }

    private static int rowOf(NabSeries series, long epochSecond) {
        int i = Arrays.binarySearch(series.epochSeconds(), epochSecond);
        if (i < 0) {
            throw new PulseInputException(series.file(), "a window edge is not one of the file's timestamps");
        }
        return i;
    }

    /** Scores one file: a row is a detection when its anomaly score is at least the threshold. */
    public static Score score(LabelledFile f, double[] scores, double threshold, NabProfile p) {
        if (scores.length != f.rows()) {
            throw new IllegalArgumentException(f.file() + ": " + scores.length + " scores for " + f.rows() + " rows");
        }
        double[] best = new double[f.window().length == 0 ? 0 : maxWindow(f) + 1];
        Arrays.fill(best, Double.NaN);
        double fpSum = 0;
        long tp = 0;
        long tn = 0;
        long fp = 0;
        long fn = 0;
        for (int i = f.probation(); i < f.rows(); i++) {
            boolean detected = scores[i] >= threshold;
            int w = f.window()[i];
            if (w >= 0) {
                if (Double.isNaN(best[w])) {
                    best[w] = -p.fnWeight();
                }
                if (detected) {
                    tp++;
                    best[w] = Math.max(best[w], p.tpWeight() * f.unweighted()[i]);
                } else {
                    fn++;
                }
            } else if (detected) {
                fp++;
                fpSum += p.fpWeight() * f.unweighted()[i];
            } else {
                tn++;
            }
        }
        double total = fpSum;
        for (double b : best) {
            if (!Double.isNaN(b)) {
                total += b;
            }
        }
        return new Score(f.file(), threshold, total, tp, tn, fp, fn, f.rows());
    }

    private static int maxWindow(LabelledFile f) {
        int m = -1;
        for (int w : f.window()) {
            m = Math.max(m, w);
        }
        return m;
    }

    /** Sums per-file scores into a corpus total named {@code Totals}, as NAB's tables do. */
    public static Score total(List<Score> files, double threshold) {
        Score t = new Score("Totals", threshold, 0, 0, 0, 0, 0, 0);
        for (Score s : files) {
            t = t.plus(s, "Totals");
        }
        return t;
    }

    /**
     * NAB's {@code optimizer.py}: sweeps the corpus threshold down from above every score through every
     * distinct anomaly score and keeps the one with the largest raw corpus score (the highest such threshold on ties).
     */
    public static Optimum optimise(List<LabelledFile> files, List<double[]> scores, NabProfile p) {
        int n = 0;
        int windows = 0;
        for (LabelledFile f : files) {
            n += f.rows() - f.probation();
            windows += maxWindow(f) + 1;
        }
        double[] s = new double[n];
        double[] gain = new double[n];
        int[] window = new int[n];
        double[] part = new double[windows];
        Arrays.fill(part, Double.NaN);
        double total = 0;
        int k = 0;
        int firstWindow = 0;
        for (int j = 0; j < files.size(); j++) {
            LabelledFile f = files.get(j);
            double[] sc = scores.get(j);
            for (int i = f.probation(); i < f.rows(); i++, k++) {
                s[k] = sc[i];
                int w = f.window()[i];
                window[k] = w < 0 ? -1 : firstWindow + w;
                gain[k] = f.unweighted()[i] * (w < 0 ? p.fpWeight() : p.tpWeight());
                if (w >= 0 && Double.isNaN(part[window[k]])) {
                    part[window[k]] = -p.fnWeight();
                    total -= p.fnWeight();
                }
            }
            firstWindow += maxWindow(f) + 1;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        // NAB's sweep starts at 1.1, above every score: no detection at all (the null detector's choice).
        double bestScore = total;
        double bestThreshold = n == 0 ? 1.1 : Math.max(1.1, Math.nextUp(s[order[0]]));
        for (int r = 0; r < n; r++) {
            int i = order[r];
            int w = window[i];
            if (w < 0) {
                total += gain[i];
            } else if (gain[i] > part[w]) {
                total += gain[i] - part[w];
                part[w] = gain[i];
            }
            boolean lastOfTie = r + 1 == n || s[order[r + 1]] != s[i];
            if (lastOfTie && total > bestScore + 1e-12) {
                bestScore = total;
                bestThreshold = s[i];
            }
        }
        return new Optimum(p, bestThreshold, bestScore);
    }

    /** NAB's normalisation: 100 · (raw - S_null) / (S_perfect - S_null) over {@code windows} windows. */
    public static double normalise(double raw, int windows, NabProfile p) {
        double nullScore = -p.fnWeight() * windows;
        double perfect = p.tpWeight() * windows;
        return 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
