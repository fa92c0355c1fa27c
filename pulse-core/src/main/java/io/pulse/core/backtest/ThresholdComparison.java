package io.pulse.core.backtest;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * One fixed dormancy threshold for everyone against personal thresholds, at equal action counts.
 *
 * <p>On each cutoff a policy flags some of the users at risk and spends one action on each; a flag is
 * right when the user then stays silent for the whole horizon. The fixed policy flags everyone silent
 * for more than F days; its best F is searched over 1..horizon−1 by F1 (ties to the larger F, which
 * spends less). The personal policy flags, on each cutoff, as many users as the best fixed one did
 * there: those with the highest personal churn risk ({@link AtRiskSnapshot#churnRisk()}), which is the
 * same as one risk cut for everyone, chosen so the counts match. Equal counts make the comparison
 * about who is flagged rather than how many.
 *
 * <p>Also scored, with its own count: flagging everyone beyond their personal dormancy threshold (the
 * {@code beyond_threshold} of {@code pulse thresholds}), which looks at the rhythm alone.
 */
public final class ThresholdComparison {

    /** Fixed thresholds whose equal-count comparison is listed as a curve, where within the horizon. */
    static final int[] CURVE_DAYS = {3, 7, 14, 21, 30, 45, 60, 90};
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private ThresholdComparison() {
    }

    /** The fixed policy: flag everyone silent for more than {@code thresholdDays}. */
    public record FixedPolicy(int thresholdDays, CatchScore score) {
    }

    /**
     * The personal policy at one churn-risk cut.
     *
     * @param riskCut the risk above which users were flagged: the median over cutoffs of the risk of the
     *     last user flagged
     */
    public record PersonalPolicy(double riskCut, CatchScore score) {
    }

    /** Flag everyone silent beyond their personal dormancy threshold at {@code quantile}. */
    public record BeyondThreshold(double quantile, CatchScore score) {
    }

    /** The two policies at the action count of one fixed threshold. */
    public record CurvePoint(int thresholdDays, long actions, double fixedF1, double personalF1) {
    }

    /**
     * @param fixed the best fixed threshold
     * @param personal personal churn risk at the fixed one's action count, cutoff by cutoff
     * @param beyondThreshold personal dormancy thresholds at the configured quantile, with their own count
     */
    public record Result(int horizonDays, int cutoffs, long usersAtRisk, long churners, FixedPolicy fixed,
            PersonalPolicy personal, BeyondThreshold beyondThreshold, List<CurvePoint> curve) {
    }

    /**
     * @param horizonDays the silence that counts as churn: a user is churned at a cutoff when they are
     *     not active in the next {@code horizonDays}, and already churned when silent that long
     * @param quantile the personal thresholds' configured quantile, for {@link Result#beyondThreshold()}
     */
    public static Result compare(List<AtRiskSnapshot> snapshots, int horizonDays, double quantile) {
        if (horizonDays < 2) {
            throw new IllegalArgumentException("the churn horizon must be at least 2 days, got " + horizonDays);
        }
        List<Ranked> ranked = snapshots.stream().map(s -> Ranked.of(s, horizonDays)).toList();
        long users = snapshots.stream().mapToLong(AtRiskSnapshot::users).sum();
        long churners = snapshots.stream().mapToLong(AtRiskSnapshot::churners).sum();

        int best = 1;
        CatchScore bestScore = fixed(ranked, 1, horizonDays);
        for (int f = 2; f < horizonDays; f++) {
            CatchScore score = fixed(ranked, f, horizonDays);
            if (score.f1() >= bestScore.f1()) {
                best = f;
                bestScore = score;
            }
        }
        int chosen = best;
        PersonalPolicy personal = personalAtCounts(ranked, r -> r.flaggedAbove(chosen), horizonDays);
        double z = NORMAL.inverseCumulativeProbability(quantile);
        BeyondThreshold beyond = new BeyondThreshold(quantile, beyond(ranked, z, horizonDays));

        List<CurvePoint> curve = new ArrayList<>();
        for (int f : CURVE_DAYS) {
            if (f < horizonDays) {
                CatchScore fixed = fixed(ranked, f, horizonDays);
                CatchScore same = personalAtCounts(ranked, r -> r.flaggedAbove(f), horizonDays).score();
                curve.add(new CurvePoint(f, fixed.actions(), fixed.f1(), same.f1()));
            }
        }
        return new Result(horizonDays, snapshots.size(), users, churners, new FixedPolicy(best, bestScore), personal,
                beyond, List.copyOf(curve));
    }

    private static CatchScore fixed(List<Ranked> ranked, int thresholdDays, int horizonDays) {
        return flagging(ranked, (s, i) -> s.silentDays()[i] > thresholdDays, horizonDays);
    }

    private static CatchScore beyond(List<Ranked> ranked, double z, int horizonDays) {
        return flagging(ranked, (s, i) -> s.unusualness()[i] > z, horizonDays);
    }

    /** Scores a policy that flags each user on their own. */
    private static CatchScore flagging(List<Ranked> ranked, Flag flag, int horizonDays) {
        long actions = 0;
        long caught = 0;
        long churners = 0;
        long[] leads = new long[horizonDays + 1];
        for (Ranked r : ranked) {
            AtRiskSnapshot s = r.snapshot;
            for (int i = 0; i < s.users(); i++) {
                boolean churned = s.churned()[i];
                churners += churned ? 1 : 0;
                if (flag.flags(s, i)) {
                    actions++;
                    if (churned) {
                        caught++;
                        leads[horizonDays - s.silentDays()[i]]++;
                    }
                }
            }
        }
        return new CatchScore(actions, caught, churners, median(leads, caught));
    }

    private interface Flag {
        boolean flags(AtRiskSnapshot s, int user);
    }

    /** Flags on each cutoff the {@code count} users most at risk. */
    private static PersonalPolicy personalAtCounts(List<Ranked> ranked, ToIntFunction<Ranked> count,
            int horizonDays) {
        double[] cuts = new double[ranked.size()];
        int n = 0;
        for (Ranked r : ranked) {
            int k = count.applyAsInt(r);
            if (k > 0) {
                cuts[n++] = r.snapshot.churnRisk()[r.order[k - 1]];
            }
        }
        double cut = n == 0 ? Double.NaN : medianOf(Arrays.copyOf(cuts, n));
        return new PersonalPolicy(cut, personal(ranked, count, horizonDays));
    }

    private static CatchScore personal(List<Ranked> ranked, ToIntFunction<Ranked> count,
            int horizonDays) {
        long actions = 0;
        long caught = 0;
        long churners = 0;
        long[] leads = new long[horizonDays + 1];
        for (Ranked r : ranked) {
            AtRiskSnapshot s = r.snapshot;
            churners += s.churners();
            int k = count.applyAsInt(r);
            actions += k;
            for (int j = 0; j < k; j++) {
                int i = r.order[j];
                if (s.churned()[i]) {
                    caught++;
                    leads[horizonDays - s.silentDays()[i]]++;
                }
            }
        }
        return new CatchScore(actions, caught, churners, median(leads, caught));
    }

    /**
     * A snapshot with its users ordered from the highest churn risk to the lowest (ties: longer
     * silence first, then user order, so the ranking is deterministic).
     */
    private record Ranked(AtRiskSnapshot snapshot, int[] order, int[] silenceAbove) {

        static Ranked of(AtRiskSnapshot s, int horizonDays) {
            double[] u = s.churnRisk();
            int[] silent = s.silentDays();
            int[] order = IntStream.range(0, s.users()).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -u[i])
                            .thenComparingInt(i -> -silent[i])
                            .thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            // silenceAbove[f] = users silent for more than f days, for the fixed policy's counts.
            int[] atDays = new int[horizonDays + 1];
            for (int d : silent) {
                atDays[Math.min(d, horizonDays)]++;
            }
            int[] above = new int[horizonDays + 1];
            for (int f = horizonDays - 1; f >= 0; f--) {
                above[f] = above[f + 1] + atDays[f + 1];
            }
            return new Ranked(s, order, above);
        }

        int flaggedAbove(int thresholdDays) {
            return silenceAbove[thresholdDays];
        }
    }

    /** The median of a histogram of lead days with {@code total} entries; NaN when empty. */
    private static double median(long[] histogram, long total) {
        if (total == 0) {
            return Double.NaN;
        }
        return (valueAt(histogram, (total - 1) / 2) + valueAt(histogram, total / 2)) / 2.0;
    }

    private static int valueAt(long[] histogram, long rank) {
        long seen = 0;
        for (int v = 0; v < histogram.length; v++) {
            seen += histogram[v];
            if (seen > rank) {
                return v;
            }
        }
        throw new IllegalStateException("rank beyond the histogram");
    }

    private static double medianOf(double[] values) {
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
