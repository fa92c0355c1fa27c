package io.pulse.store.recommend;

import io.pulse.core.PulseInputException;
import io.pulse.core.recommend.CoOccurrenceRecommender;
import io.pulse.core.recommend.HoldoutEvaluation;
import io.pulse.core.recommend.PopularityRecommender;
import io.pulse.core.recommend.Ranking;
import io.pulse.core.recommend.RecommenderConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Personalised recommendations from the events: item-to-item co-occurrence of views, carts and
 * purchases ({@link CoOccurrenceRecommender}), fitted on everything up to a cutoff and written to the
 * table {@code recommendations}; and an offline {@link #evaluate evaluation} on a time split against
 * the popularity baseline.
 */
public final class RecommendRun {

    /** Hit rate and recall are reported at this depth, the length of a typical carousel. */
    public static final int EVAL_K = 10;

    private RecommendRun() {
    }

    /**
     * @param cutoff last day whose events count
     * @param top items written per user
     * @param holdoutDays days before the cutoff (inclusive of it) held out by {@link #evaluate}
     */
    public record Options(LocalDate cutoff, int top, int holdoutDays, RecommenderConfig config) {

        public Options {
            if (top < 1 || top > 1000) {
                throw new PulseInputException("--top", 0, "top", "need 1 <= N <= 1000, got " + top);
            }
            if (holdoutDays < 1) {
                throw new PulseInputException("--holdout-days", 0, "holdout-days", "need at least 1 day, got " + holdoutDays);
            }
        }

        public static Options defaults(LocalDate cutoff) {
            return new Options(cutoff, 10, 30, RecommenderConfig.defaults());
        }
    }

    /** One user's written recommendations. */
    public record UserRecommendations(String userId, int historyItems, List<String> itemIds, double[] scores) {
    }

    /**
     * @param users users with a history up to the cutoff
     * @param items items anyone interacted with
     * @param recommended users who got at least one item
     * @param rows rows written to {@code recommendations}
     * @param fitSeconds time to fit the similarity and rank the top items of every user (reading excluded)
     */
    public record Result(Options options, int users, int items, int recommended, long rows, double fitSeconds,
            List<UserRecommendations> sample, Instant createdAt) {
    }

    /**
     * @param split last day of the training history: the cutoff less the holdout
     * @param users users evaluated (a history before the split, a new cart or purchase after it)
     */
    public record Evaluation(LocalDate split, LocalDate cutoff, int users, HoldoutEvaluation.Quality cooccurrence,
            HoldoutEvaluation.Quality popularity) {
    }

    /** Fits on the events up to the cutoff, writes every user's top items and returns a few of them. */
    public static Result run(PulseStore store, Options o, int sampleSize) {
        InteractionReader.History h = history(store, o.cutoff());
        long started = System.nanoTime();
        CoOccurrenceRecommender model = CoOccurrenceRecommender.fit(h.interactions(), o.config());
        Ranking[] ranked = model.recommendAll(o.top());
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = RecommendationTable.write(store, h, ranked, o.cutoff());
        List<UserRecommendations> sample = new ArrayList<>();
        int recommended = 0;
        for (int u = 0; u < ranked.length; u++) {
            if (ranked[u].size() == 0) {
                continue;
            }
            recommended++;
            if (sample.size() < sampleSize) {
                List<String> items = new ArrayList<>();
                for (int i : ranked[u].items()) {
                    items.add(h.itemIds()[i]);
                }
                sample.add(new UserRecommendations(h.userIds()[u], model.history().count(u), items, ranked[u].scores()));
            }
        }
        return new Result(o, h.userIds().length, h.itemIds().length, recommended, rows, seconds, sample, Instant.now());
    }

    /**
     * Fits both models on the events up to {@code cutoff - holdoutDays} and scores their top
     * {@link #EVAL_K} against what users carted or bought in the held-out days.
     */
    public static Evaluation evaluate(PulseStore store, Options o) {
        LocalDate split = o.cutoff().minusDays(o.holdoutDays());
        InteractionReader.History h = history(store, split);
        CoOccurrenceRecommender model = CoOccurrenceRecommender.fit(h.interactions(), o.config());
        InteractionReader.Targets t = InteractionReader.targets(store, h, split, o.cutoff());
        int[][] targets = HoldoutEvaluation.targets(model.history(), t.user(), t.item());
        HoldoutEvaluation.Quality co = HoldoutEvaluation.evaluate(model.recommendAll(EVAL_K), targets, EVAL_K);
        HoldoutEvaluation.Quality pop = HoldoutEvaluation.evaluate(
                new PopularityRecommender(model.history()).recommendAll(EVAL_K), targets, EVAL_K);
        return new Evaluation(split, o.cutoff(), co.users(), co, pop);
    }

    private static InteractionReader.History history(PulseStore store, LocalDate lastDay) {
        LocalDate first = FeatureTable.firstEventDay(store);
        if (first == null) {
            throw new PulseInputException(store.path().toString(), "the store has no events: run 'pulse ingest FILE' first");
        }
        if (lastDay.isBefore(first)) {
            throw new PulseInputException("--cutoff", 0, "cutoff", "the history would end on " + lastDay
                    + ", before the first event (" + first + "); choose a later cutoff or fewer holdout days");
        }
        InteractionReader.History h = InteractionReader.read(store, lastDay);
        if (h.interactions().size() == 0) {
            throw new PulseInputException(store.path().toString(), "no view, cart or purchase of an item up to "
                    + lastDay + ": nothing to recommend from");
        }
        return h;
    }
}
