package io.pulse.core.tags;

import io.pulse.core.PulseInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * How much each tag adds to predicting an outcome (say, a purchase next period), by greedy forward
 * selection: start with no tag, and at each step add the tag that most raises the held-out ROC AUC of
 * a logistic regression on the chosen tags. The curve of AUC against k shows how many tags carry the
 * information; the rest repeat it.
 *
 * <p>Users are split once, by the seed, into a training part and a test part. Candidates are fitted and
 * compared on the training part; the curve reports the chosen model's AUC on the test part. Choosing by
 * test AUC would flatter the curve: the best of forty noise tags always "gains" a little on the very
 * users it was picked on, and the knee would drift right. Measured on users the choice never saw, a
 * noise tag gains nothing on average.
 * With k binary tags users fall into at most 2^k patterns, so both the fit and the AUC run on patterns
 * with counts of positive and negative users ({@link WeightedLogistic}, {@link GroupedAuc}), not on
 * users: the same likelihood and the same AUC, much cheaper.
 *
 * <p>Scoring a candidate fits only its own coefficient, the current model's linear predictor (intercept
 * included) held fixed as an offset, the score-test idea carried to the maximum; the winner then gets a
 * full refit of all coefficients, and that model's held-out AUC is the curve's value. The
 * one-coefficient fit ranks candidates nearly as full refits would, and costs O(users holding the tag +
 * patterns) instead of O(patterns k²) per candidate: with the patterns numbered in order of the current
 * score, a candidate's AUC is a merge of two sorted lists, not a sort.
 *
 * <p>The knee is the smallest k whose AUC is within a tolerance (default 0.002) of the curve's maximum.
 * A held-out curve is noisy at its flat end, where curvature-based rules such as Kneedle wander; a
 * tolerance in AUC units is stable and says plainly what is given up.
 */
public final class MarginalValue {

    public static final double DEFAULT_TOLERANCE = 0.002;
    public static final double DEFAULT_TEST_SHARE = 0.3;
    /** Penalty on each tag's coefficient (in log-odds), enough to keep a fit finite when a tag separates. */
    public static final double DEFAULT_LAMBDA = 1.0;

    /**
     * @param testShare share of users held out for the AUC, in (0, 1)
     * @param tolerance AUC within which of the maximum the knee lies
     * @param lambda L2 penalty on the tag coefficients
     * @param seed drives the train/test split
     */
    public record Options(double testShare, double tolerance, double lambda, long seed) {

        public Options {
            if (!(testShare > 0 && testShare < 1) || !(tolerance >= 0) || !(lambda > 0)) {
                throw new IllegalArgumentException("need 0 < testShare < 1, tolerance >= 0 and lambda > 0, got "
                        + testShare + ", " + tolerance + ", " + lambda);
            }
        }

        public static Options defaults(long seed) {
            return new Options(DEFAULT_TEST_SHARE, DEFAULT_TOLERANCE, DEFAULT_LAMBDA, seed);
        }
    }

    private MarginalValue() {
    }

    /**
     * @param tags one bitmap of user indexes per tag, aligned with {@code names}
     * @param outcome the users with the outcome
     * @param users the population size; users are 0..users-1
     */
    public static MarginalValueResult curve(List<String> names, List<RoaringBitmap> tags, RoaringBitmap outcome,
            int users, Options options) {
        if (names.size() != tags.size() || tags.isEmpty()) {
            throw new IllegalArgumentException("need one name per tag and at least one tag, got " + names.size()
                    + " names and " + tags.size() + " tags");
        }
        for (RoaringBitmap tag : tags) {
            Transactions.checkWithin(tag, users);
        }
        Transactions.checkWithin(outcome, users);
        Search search = new Search(tags, outcome, users, options);
        List<MarginalStep> curve = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        double previous = 0.5;
        while (order.size() < tags.size()) {
            int chosen = search.bestCandidate();
            double auc = search.add(chosen);
            order.add(chosen);
            curve.add(new MarginalStep(order.size(), names.get(chosen), auc, auc - previous));
            previous = auc;
        }
        double max = curve.stream().mapToDouble(MarginalStep::auc).max().orElseThrow();
        int knee = 1;
        while (curve.get(knee - 1).auc() < max - options.tolerance()) {
            knee++;
        }
        List<String> recommended = new ArrayList<>();
        for (int i = 0; i < knee; i++) {
            recommended.add(names.get(order.get(i)));
        }
        TagOverlap overlap = TagOverlap.of(names, tags, users);
        List<DroppedTag> dropped = new ArrayList<>();
        for (int i = knee; i < order.size(); i++) {
            int tag = order.get(i);
            int closest = order.get(0);
            for (int j = 1; j < knee; j++) {
                if (overlap.jaccard(tag, order.get(j)) > overlap.jaccard(tag, closest)) {
                    closest = order.get(j);
                }
            }
            dropped.add(new DroppedTag(names.get(tag), names.get(closest), overlap.jaccard(tag, closest),
                    curve.get(i).gain()));
        }
        return new MarginalValueResult(curve, knee, recommended, dropped, search.trainUsers, search.testUsers,
                (double) outcome.getLongCardinality() / users, options);
    }

    /**
     * The state of the selection: users grouped by their pattern on the chosen tags, each pattern's
     * design (the chosen tags it holds), counts of positive and negative users in each part, and the
     * current fit.
     */
    private static final class Search {
        private static final int SLOPE_ITERATIONS = 100;

        private final List<RoaringBitmap> tags;
        private final Options options;
        private final boolean[] test;
        private final boolean[] positive;
        private final boolean[] chosen;
        private final long trainUsers;
        private final long testUsers;
        /** The pattern index of each user. */
        private final int[] group;
        /** Per pattern: its design row (coefficients on, ascending) and counts by part and label. */
        private int[][] rows = {{}};
        private double[] trainPos = new double[1];
        private double[] trainNeg = new double[1];
        private double[] testPos = new double[1];
        private double[] testNeg = new double[1];
        /** The current fit and each pattern's linear predictor under it, ascending: patterns are numbered so. */
        private double[] beta = {0};
        private double[] eta;
        /** This candidate's training users per pattern, by label, and the patterns it touches; reused. */
        private double[] candidatePos = new double[1];
        private double[] candidateNeg = new double[1];
        private int[] touchedGroups = new int[1];
        private double candidateSlope;

        Search(List<RoaringBitmap> tags, RoaringBitmap outcome, int users, Options options) {
            this.tags = tags;
            this.options = options;
            this.chosen = new boolean[tags.size()];
            test = new boolean[users];
            positive = new boolean[users];
            SplittableRandom random = new SplittableRandom(options.seed());
            long held = 0;
            for (int u = 0; u < users; u++) {
                test[u] = random.nextDouble() < options.testShare();
                held += test[u] ? 1 : 0;
            }
            outcome.forEach((IntConsumer) u -> positive[u] = true);
            testUsers = held;
            trainUsers = users - held;
            group = new int[users];
            for (int u = 0; u < users; u++) {
                count(u, 0);
            }
            if (trainPos[0] == 0 || trainNeg[0] == 0 || testPos[0] == 0 || testNeg[0] == 0) {
                throw new PulseInputException("the outcome needs users with and without it in both the training ("
                        + (long) trainPos[0] + " with, " + (long) trainNeg[0] + " without) and the test part ("
                        + (long) testPos[0] + " with, " + (long) testNeg[0] + " without)");
            }
            beta = WeightedLogistic.fit(rows, new double[1], trainPos, trainNeg, options.lambda(), beta);
            eta = new double[] {beta[0]};
        }

        private void count(int u, int g) {
            if (test[u]) {
                (positive[u] ? testPos : testNeg)[g]++;
            } else {
                (positive[u] ? trainPos : trainNeg)[g]++;
            }
        }

        /** The unchosen tag whose one-coefficient refit has the highest training AUC; ties to the lower index. */
        int bestCandidate() {
            int best = -1;
            double bestAuc = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < tags.size(); t++) {
                if (chosen[t]) {
                    continue;
                }
                int touched = trainingUsersWith(t);
                double slope = slope(touched);
                double auc = GroupedAuc.split(eta, slope, trainPos, trainNeg, candidatePos, candidateNeg);
                if (auc > bestAuc || best < 0) {
                    best = t;
                    bestAuc = auc;
                    candidateSlope = slope;
                }
            }
            return best;
        }

        /**
         * Counts, per current pattern, the training users holding tag t by label, and lists the patterns
         * that hold any in {@code touchedGroups}; returns how many.
         */
        private int trainingUsersWith(int t) {
            int patterns = rows.length;
            if (candidatePos.length < patterns) {
                candidatePos = new double[patterns];
                candidateNeg = new double[patterns];
                touchedGroups = new int[patterns];
            } else {
                Arrays.fill(candidatePos, 0, patterns, 0);
                Arrays.fill(candidateNeg, 0, patterns, 0);
            }
            int[] touched = {0};
            tags.get(t).forEach((IntConsumer) u -> {
                if (!test[u]) {
                    int g = group[u];
                    if (candidatePos[g] == 0 && candidateNeg[g] == 0) {
                        touchedGroups[touched[0]++] = g;
                    }
                    (positive[u] ? candidatePos : candidateNeg)[g]++;
                }
            });
            return touched[0];
        }

        /**
         * The penalised maximum-likelihood coefficient of the candidate with every other coefficient
         * held at the current fit: the root of a one-dimensional increasing gradient over the patterns
         * that hold the candidate, by Newton's method kept inside a shrinking bracket (bisecting when a
         * step leaves it), so no objective evaluations are needed to stay safe.
         */
        private double slope(int touched) {
            double total = 0;
            for (int i = 0; i < touched; i++) {
                int g = touchedGroups[i];
                total += candidatePos[g] + candidateNeg[g];
            }
            double lo = Double.NEGATIVE_INFINITY;
            double hi = Double.POSITIVE_INFINITY;
            double b = 0;
            for (int iteration = 0; iteration < SLOPE_ITERATIONS; iteration++) {
                double gradient = options.lambda() * b;
                double curvature = options.lambda();
                for (int i = 0; i < touched; i++) {
                    int g = touchedGroups[i];
                    double n = candidatePos[g] + candidateNeg[g];
                    double p = 1 / (1 + Math.exp(-(eta[g] + b)));
                    gradient += n * p - candidatePos[g];
                    curvature += n * p * (1 - p);
                }
                if (Math.abs(gradient) <= 1e-9 * Math.max(1, total)) {
                    break;
                }
                if (gradient > 0) {
                    hi = b;
                } else {
                    lo = b;
                }
                double next = b - gradient / curvature;
                if (!(next > lo && next < hi)) {
                    next = (lo + hi) / 2; // both ends are finite here: Newton leaves only a two-sided bracket
                }
                if (next == b) {
                    break;
                }
                b = next;
            }
            return b;
        }

        /** Adds tag t: splits every pattern by it, refits all coefficients, returns the held-out AUC. */
        double add(int t) {
            chosen[t] = true;
            int patterns = rows.length;
            int[] code = new int[group.length];
            for (int u = 0; u < group.length; u++) {
                code[u] = 2 * group[u];
            }
            tags.get(t).forEach((IntConsumer) u -> code[u]++);
            int[] remap = new int[2 * patterns];
            Arrays.fill(remap, -1);
            int next = 0;
            for (int c : code) {
                if (remap[c] < 0) {
                    remap[c] = next++;
                }
            }
            int coefficient = beta.length;
            int[][] newRows = new int[next][];
            for (int c = 0; c < remap.length; c++) {
                if (remap[c] >= 0) {
                    int[] old = rows[c / 2];
                    newRows[remap[c]] = c % 2 == 0 ? old : append(old, coefficient);
                }
            }
            rows = newRows;
            trainPos = new double[next];
            trainNeg = new double[next];
            testPos = new double[next];
            testNeg = new double[next];
            for (int u = 0; u < group.length; u++) {
                group[u] = remap[code[u]];
                count(u, group[u]);
            }
            // Warm start: the old coefficients and the new tag's from its candidate fit.
            double[] start = Arrays.copyOf(beta, coefficient + 1);
            start[coefficient] = candidateSlope;
            beta = WeightedLogistic.fit(rows, new double[next], trainPos, trainNeg, options.lambda(), start);
            double[] score = new double[next];
            for (int g = 0; g < next; g++) {
                score[g] = WeightedLogistic.dot(beta, rows[g]);
            }
            renumberByScore(score);
            return GroupedAuc.of(eta, testPos, testNeg);
        }

        /**
         * Numbers the patterns in ascending order of score, so that a candidate's AUC is a merge over
         * arrays read in sequence. A counting sort by rank among the distinct scores, on primitives.
         */
        private void renumberByScore(double[] score) {
            int patterns = score.length;
            double[] distinct = score.clone();
            Arrays.sort(distinct);
            int[] start = new int[patterns + 1];
            int[] rank = new int[patterns];
            for (int g = 0; g < patterns; g++) {
                rank[g] = Arrays.binarySearch(distinct, score[g]);
                start[rank[g] + 1]++;
            }
            for (int r = 0; r < patterns; r++) {
                start[r + 1] += start[r];
            }
            int[] position = new int[patterns];
            for (int g = 0; g < patterns; g++) {
                position[g] = start[rank[g]]++;
            }
            int[][] sortedRows = new int[patterns][];
            eta = new double[patterns];
            double[][] counts = {trainPos, trainNeg, testPos, testNeg};
            double[][] sorted = new double[4][patterns];
            for (int g = 0; g < patterns; g++) {
                int to = position[g];
                sortedRows[to] = rows[g];
                eta[to] = score[g];
                for (int c = 0; c < 4; c++) {
                    sorted[c][to] = counts[c][g];
                }
            }
            rows = sortedRows;
            trainPos = sorted[0];
            trainNeg = sorted[1];
            testPos = sorted[2];
            testNeg = sorted[3];
            for (int u = 0; u < group.length; u++) {
                group[u] = position[group[u]];
            }
        }

        private static int[] append(int[] ones, int coefficient) {
            int[] longer = Arrays.copyOf(ones, ones.length + 1);
            longer[ones.length] = coefficient;
            return longer;
        }
    }
}
