package io.pulse.store.thresholds;

import io.pulse.core.PulseInputException;
import io.pulse.core.thresholds.ActionEconomics;
import io.pulse.core.thresholds.DormancyThreshold;
import io.pulse.core.thresholds.EngagementCut;
import io.pulse.core.thresholds.GapPrior;
import io.pulse.core.thresholds.ReturnRates;
import io.pulse.core.thresholds.Gaps;
import io.pulse.core.thresholds.ThresholdReason;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Personal thresholds of every user with an event up to a cutoff: a dormancy threshold in days from
 * their own gaps between active days shrunk toward their segment's ({@link DormancyThreshold}), and
 * the segment's engagement cut on the latest predicted probability of activity ({@link EngagementCut},
 * taking the model at its word: lost = 1 − p). Segments are the clusters of the latest
 * {@code pulse segments}, or one segment {@code all}. {@link ThresholdTable} writes the table
 * {@code thresholds}.
 */
public final class ThresholdRun {

    /**
     * A segment with fewer users with a gap than this borrows the prior of the whole base: a variance
     * estimated from a handful of users would make its members' thresholds noise.
     */
    static final int MIN_PRIOR_USERS = 30;
    /** Example users per segment in the result, for the terminal and the JSON. */
    static final int EXAMPLES_PER_SEGMENT = 2;

    private ThresholdRun() {
    }

    /**
     * @param cutoff last day whose events count; null for the last event's day
     * @param quantile the share of a user's gaps below their threshold (0.95: a silence longer than 19 in 20 of their gaps)
     */
    public record Options(LocalDate cutoff, double quantile, ActionEconomics economics) {

        public Options {
            if (!(quantile > 0.5 && quantile < 1)) {
                throw new PulseInputException("--quantile", 0, "quantile", "need 0.5 < q < 1, got " + quantile);
            }
        }

        public static Options defaults() {
            return new Options(null, 0.95, ActionEconomics.DEFAULTS);
        }
    }

    /** One user's thresholds; probability and engagement cut are NaN without predictions. */
    public record UserThreshold(String userId, String segment, int activeDays, double ownMedianGapDays,
            DormancyThreshold dormancy, int daysSinceLastActive, double engagementCut, double probability,
            String reason) {

        public boolean beyondThreshold() {
            return dormancy.exceededBy(daysSinceLastActive);
        }
    }

    /**
     * @param prior the gap prior its members were shrunk toward
     * @param ownPrior false when the segment had too few users with gaps and borrowed the whole base's
     * @param medianThresholdDays the median of its members' dormancy thresholds
     * @param shareBeyond the share of its members silent for longer than their threshold at the cutoff
     * @param engagement the engagement cut; null without predictions
     */
    public record SegmentThresholds(String segment, int users, GapPrior prior, boolean ownPrior,
            double segmentThresholdDays, double medianThresholdDays, double shareBeyond, EngagementCut engagement) {
    }

    /** @param prediction the scores used; null when the store has no predictions */
    public record Result(Options options, LocalDate cutoff, int users, PredictionSource prediction,
            List<SegmentThresholds> segments, List<UserThreshold> examples, Instant createdAt) {
    }

    /**
     * The result and every user's thresholds, in user id order, with the gaps they came from.
     *
     * @param gaps each user's gaps between active days, in day order (as {@code users})
     */
    public record Computed(Result result, List<UserThreshold> users, int[][] gaps) {

        /** How often users of each number of active days stop for {@code horizonDays}, as of the cutoff. */
        public ReturnRates returnRates(int horizonDays) {
            int[] silent = users.stream().mapToInt(UserThreshold::daysSinceLastActive).toArray();
            return ReturnRates.fit(gaps, silent, horizonDays);
        }
    }

    /** Computes the thresholds at the options' cutoff and replaces the table {@code thresholds} with them. */
    public static Result run(PulseStore store, Options o) {
        Computed computed = compute(store, o, false);
        ThresholdTable.write(store, computed.users().toArray(UserThreshold[]::new), computed.result().cutoff());
        return computed.result();
    }

    /**
     * Computes the thresholds without writing anything.
     *
     * @param asOfCutoff true to use only what was known at the cutoff: one prior for the whole base and
     *     no predictions, because the stored segments and scores come from later data (a backtest must
     *     not look ahead)
     */
    public static Computed compute(PulseStore store, Options o, boolean asOfCutoff) {
        LocalDate cutoff = o.cutoff() != null ? o.cutoff() : FeatureTable.lastEventDay(store);
        LocalDate first = FeatureTable.firstEventDay(store);
        if (cutoff == null || first == null) {
            throw new PulseInputException(store.path().toString(), "the store has no events: run 'pulse ingest FILE' first");
        }
        if (cutoff.isBefore(first)) {
            throw new PulseInputException("--cutoff", 0, "cutoff", "cutoff " + cutoff + " is before the first event ("
                    + first + "); choose a day on or after it");
        }
        PredictionSource prediction = asOfCutoff ? null : UserGaps.latestPrediction(store);
        UserGaps data = UserGaps.read(store, cutoff, prediction, !asOfCutoff);
        double[][] logGaps = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            logGaps[i] = Gaps.logs(data.gaps()[i]);
        }
        GapPrior everyone = GapPrior.fit(logGaps);
        Map<String, int[]> members = members(data.segment());

        UserThreshold[] users = new UserThreshold[data.size()];
        List<SegmentThresholds> segments = new ArrayList<>();
        List<UserThreshold> examples = new ArrayList<>();
        for (Map.Entry<String, int[]> e : members.entrySet()) {
            int[] who = e.getValue();
            GapPrior own = GapPrior.fit(pick(logGaps, who));
            boolean ownPrior = own.users() >= MIN_PRIOR_USERS;
            GapPrior prior = ownPrior ? own : everyone;
            EngagementCut cut = prediction == null ? null : cut(data.probability(), who, o.economics());
            double[] thresholds = new double[who.length];
            int beyond = 0;
            for (int k = 0; k < who.length; k++) {
                int i = who[k];
                UserThreshold t = user(data, i, logGaps[i], prior, cut, o.quantile());
                users[i] = t;
                thresholds[k] = t.dormancy().days();
                beyond += t.beyondThreshold() ? 1 : 0;
            }
            segments.add(new SegmentThresholds(e.getKey(), who.length, prior, ownPrior,
                    prior.segmentThresholdDays(o.quantile()), median(thresholds), (double) beyond / who.length, cut));
            examples.addAll(examples(users, who));
        }
        Result result = new Result(o, cutoff, data.size(), prediction, List.copyOf(segments), List.copyOf(examples),
                Instant.now());
        return new Computed(result, Arrays.asList(users), data.gaps());
    }

    private static UserThreshold user(UserGaps data, int i, double[] logGaps, GapPrior prior, EngagementCut cut,
            double q) {
        DormancyThreshold d = DormancyThreshold.of(logGaps, prior, q);
        double median = Gaps.median(data.gaps()[i]);
        double cutValue = cut == null ? Double.NaN : cut.cut();
        String reason = ThresholdReason.of(data.segment()[i], data.activeDays()[i], median, d, q, data.silentDays()[i],
                data.probability()[i], cutValue);
        return new UserThreshold(data.userIds()[i], data.segment()[i], data.activeDays()[i], median, d,
                data.silentDays()[i], cutValue, data.probability()[i], reason);
    }

    /** The cut over the segment's scored members; users without a score are left out. */
    private static EngagementCut cut(double[] probability, int[] who, ActionEconomics economics) {
        double[] p = Arrays.stream(who).mapToDouble(i -> probability[i]).filter(v -> !Double.isNaN(v)).toArray();
        return EngagementCut.choose(p, economics);
    }

    /** Users of each segment, in user order; segments by name. */
    private static Map<String, int[]> members(String[] segment) {
        Map<String, List<Integer>> lists = new TreeMap<>();
        for (int i = 0; i < segment.length; i++) {
            lists.computeIfAbsent(segment[i], s -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        lists.forEach((s, l) -> out.put(s, l.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    private static double[][] pick(double[][] rows, int[] who) {
        double[][] out = new double[who.length][];
        for (int k = 0; k < who.length; k++) {
            out[k] = rows[who[k]];
        }
        return out;
    }

    /**
     * The first member (by user id) beyond their threshold and the first within it, among members with
     * three active days or more: one with a single gap says little about the threshold.
     */
    private static List<UserThreshold> examples(UserThreshold[] users, int[] who) {
        List<UserThreshold> out = new ArrayList<>();
        for (boolean beyond : new boolean[] {true, false}) {
            for (int i : who) {
                if (users[i].beyondThreshold() == beyond && users[i].activeDays() > 2) {
                    out.add(users[i]);
                    break;
                }
            }
        }
        return out.subList(0, Math.min(out.size(), EXAMPLES_PER_SEGMENT));
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
