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
 * <p>Users are split once, by the seed, into a training part (the fits) and a test part (every AUC).
 * With k binary tags users fall into at most 2^k patterns, so both the fit and the AUC run on patterns
 * with counts of positive and negative users ({@link WeightedLogistic}, {@link GroupedAuc}), not on
 * users: the same likelihood and the same AUC, much cheaper.
 *
 * <p>Scoring a candidate refits only its own coefficient and the intercept, the chosen tags' linear
 * predictor held fixed as an offset; the winner then gets a full refit of all coefficients, and that
 * model's AUC is the curve's value. The one-coefficient refit ranks candidates almost exactly as full
 * refits would, and costs O(users holding the tag + patterns) instead of O(patterns k²) per candidate,
 * which is what makes 50 tags over 100,000 users a matter of seconds.
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
        return new MarginalValueResult(curve, knee, recommended, dropped, options.tolerance(), search.trainUsers,
                search.testUsers, (double) outcome.getLongCardinality() / users, options.seed());
    }

    /**
     * The state of the selection: users grouped by their pattern on the chosen tags, each pattern's
     * design row, counts of positive and negative users in each part, and the current fit.
     */
    private static final class Search {
        private final List<RoaringBitmap> tags;
        private final Options options;
        private final boolean[] test;
        private final boolean[] positive;
        private final boolean[] chosen;
        private final long trainUsers;
        private final long testUsers;
        /** The pattern index of each user. */
        private int[] group;
        /** Per pattern: design row (1, bits of the chosen tags) and counts by part and label. */
        private double[][] rows;
        private double[] trainPos;
        private double[] trainNeg;
        private double[] testPos;
        private double[] testNeg;
        /** The linear predictor of each pattern under the current fit, and its coefficients. */
        private double[] eta;
        private double[] beta = {0};
        /** Per pattern, this candidate's users by part and label; reused across candidates. */
        private final double[][] withTag = new double[4][];
        private double[] candidateFit;

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
            rows = new double[][] {{1}};
            trainPos = new double[1];
            trainNeg = new double[1];
            testPos = new double[1];
            testNeg = new double[1];
            for (int u = 0; u < users; u++) {
                count(u, 0, trainPos, trainNeg, testPos, testNeg);
            }
            if (trainPos[0] == 0 || trainNeg[0] == 0 || testPos[0] == 0 || testNeg[0] == 0) {
                throw new PulseInputException("the outcome needs users with and without it in both the training ("
                        + (long) trainPos[0] + " with, " + (long) trainNeg[0] + " without) and the test part ("
                        + (long) testPos[0] + " with, " + (long) testNeg[0] + " without)");
            }
            beta = WeightedLogistic.fit(rows, new double[1], trainPos, trainNeg, options.lambda(), beta);
            eta = new double[] {beta[0]};
        }

        private void count(int u, int g, double[] trainPos, double[] trainNeg, double[] testPos, double[] testNeg) {
            if (test[u]) {
                (positive[u] ? testPos : testNeg)[g]++;
            } else {
                (positive[u] ? trainPos : trainNeg)[g]++;
            }
        }

        /** The unchosen tag whose one-coefficient refit has the highest held-out AUC; ties to the lower index. */
        int bestCandidate() {
            int best = -1;
            double bestAuc = Double.NEGATIVE_INFINITY;
            double[] bestFit = null;
            for (int t = 0; t < tags.size(); t++) {
                if (chosen[t]) {
                    continue;
                }
                splitBy(t);
                int patterns = rows.length;
                double[][] x = new double[2 * patterns][];
                double[] offset = new double[2 * patterns];
                double[][] counts = new double[4][2 * patterns];
                double[][] totals = {trainPos, trainNeg, testPos, testNeg};
                for (int g = 0; g < patterns; g++) {
                    x[2 * g] = new double[] {1, 0};
                    x[2 * g + 1] = new double[] {1, 1};
                    offset[2 * g] = eta[g];
                    offset[2 * g + 1] = eta[g];
                    for (int c = 0; c < 4; c++) {
                        counts[c][2 * g + 1] = withTag[c][g];
                        counts[c][2 * g] = totals[c][g] - withTag[c][g];
                    }
                }
                double[] fit = WeightedLogistic.fit(x, offset, counts[0], counts[1], options.lambda(), new double[2]);
                double[] score = new double[2 * patterns];
                for (int r = 0; r < score.length; r++) {
                    score[r] = offset[r] + fit[0] + fit[1] * x[r][1];
                }
                double auc = GroupedAuc.of(score, counts[2], counts[3]);
                if (auc > bestAuc || best < 0) {
                    best = t;
                    bestAuc = auc;
                    bestFit = fit;
                }
            }
            candidateFit = bestFit;
            return best;
        }

        /** Counts, per current pattern, the users holding tag t by part and label. */
        private void splitBy(int t) {
            int patterns = rows.length;
            for (int c = 0; c < 4; c++) {
                if (withTag[c] == null || withTag[c].length < patterns) {
                    withTag[c] = new double[patterns];
                } else {
                    Arrays.fill(withTag[c], 0, patterns, 0);
                }
            }
            tags.get(t).forEach((IntConsumer) u -> count(u, group[u], withTag[0], withTag[1], withTag[2], withTag[3]));
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
            int width = rows[0].length + 1;
            double[][] newRows = new double[next][];
            for (int c = 0; c < remap.length; c++) {
                if (remap[c] >= 0) {
                    double[] row = Arrays.copyOf(rows[c / 2], width);
                    row[width - 1] = c % 2;
                    newRows[remap[c]] = row;
                }
            }
            rows = newRows;
            trainPos = new double[next];
            trainNeg = new double[next];
            testPos = new double[next];
            testNeg = new double[next];
            for (int u = 0; u < group.length; u++) {
                group[u] = remap[code[u]];
                count(u, group[u], trainPos, trainNeg, testPos, testNeg);
            }
            // Warm start: the old coefficients, the new tag's and the intercept shift from its candidate fit.
            double[] start = Arrays.copyOf(beta, width);
            start[0] += candidateFit[0];
            start[width - 1] = candidateFit[1];
            beta = WeightedLogistic.fit(rows, new double[next], trainPos, trainNeg, options.lambda(), start);
            eta = new double[next];
            for (int g = 0; g < next; g++) {
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += beta[j] * rows[g][j];
                }
                eta[g] = sum;
            }
            return GroupedAuc.of(eta, testPos, testNeg);
        }
    }
}
