package io.pulse.generate.internal;

import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.SyntheticUser;
import java.util.SplittableRandom;

/**
 * Lives the life of one regular user, day by day: Poisson visits at the user's own rate (shaped by
 * weekday, season, holidays and drift) while alive; after each visit a coin that may end the
 * relationship; for some, one comeback after a long dormant gap. Everything is drawn from the
 * user's own random stream, so a user's events do not depend on who was generated before.
 */
final class Shopper {

    /**
     * Users who signed up before the period; many of them have already lapsed when it starts.
     * High enough that newcomers roughly replace the lapsing, so the store grows only modestly.
     */
    private static final double EXISTING_SHARE = 0.7;
    private static final int MAX_PRIOR_TENURE_DAYS = 2 * 365;
    private static final int MIN_DORMANT_DAYS = 60;
    private static final double MEAN_EXTRA_DORMANT_DAYS = 90;
    /** Dropout chances are beta-distributed across users with this concentration. */
    private static final double DROPOUT_CONCENTRATION = 20;
    /** Spread of personal taste around the segment's category weights (gamma shape). */
    private static final double TASTE_SHAPE = 2;

    static final String[] GENDERS = {"f", "m", "x"};
    static final double[] GENDER_CDF = Draw.cumulative(0.52, 0.45, 0.03);
    static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    static final double[] REGION_CDF = Draw.cumulative(0.22, 0.2, 0.18, 0.2, 0.2);

    private final GeneratorConfig config;
    private final StoreCalendar calendar;
    private final Session session;
    private final Output out;
    private long reactivated;

    Shopper(GeneratorConfig config, StoreCalendar calendar, Session session, Output out) {
        this.config = config;
        this.calendar = calendar;
        this.session = session;
        this.out = out;
    }

    void live(int index) {
        SplittableRandom rng = Draw.rng(config.seed(), Draw.USERS, index);
        Segment segment = Segment.draw(rng);
        boolean existing = rng.nextDouble() < EXISTING_SHARE;
        int signupDay = existing ? -1 - rng.nextInt(MAX_PRIOR_TENURE_DAYS) : calendar.signupDay(rng);
        int channel = Draw.pick(rng, segment.channelsCdf);
        out.user(new SyntheticUser(index, calendar.date(signupDay),
                Segment.AGE_BANDS[Draw.pick(rng, segment.ageBandsCdf)],
                GENDERS[Draw.pick(rng, GENDER_CDF)],
                REGIONS[Draw.pick(rng, REGION_CDF)],
                Traffic.USER_CHANNELS[channel],
                segment.label()));

        Segment.Rhythm rhythm = segment.rhythm;
        double visitsPerDay = Draw.gammaWithMean(rng, rhythm.visitsPerWeek(), rhythm.visitShape()) / 7;
        double conversion = Draw.betaWithMean(rng, segment.buying.conversion(), segment.buying.concentration());
        double dropout = Draw.betaWithMean(rng, rhythm.dropout(), DROPOUT_CONCENTRATION);
        double dropoutAfterPurchase = Draw.betaWithMean(rng, rhythm.dropoutAfterPurchase(), DROPOUT_CONCENTRATION);
        double[] weekday = weekdayWeights(rng, segment);
        Visit visit = new Visit(index, segment.browsing, taste(rng, segment), segment.buying.priceLean(),
                segment == Segment.BARGAIN_HUNTER, -1);

        int leavesOn = leavesForCompetitor(index, segment);
        boolean comebackUsed = false;
        boolean firstVisit = !existing;
        int day = signupDay;
        if (existing) {
            // Survival to the start of the period, without simulating the years before it.
            double visitsBefore = visitsPerDay * -signupDay;
            if (rng.nextDouble() < Math.pow(1 - dropout, visitsBefore)) {
                day = 0;
            } else if (rng.nextDouble() < rhythm.reactivation()) {
                // Lapsed before the period, back during it: early enough to be seen as a return.
                comebackUsed = true;
                day = rng.nextInt(Math.max(1, calendar.days() * 2 / 3));
                reactivated++;
            } else {
                day = calendar.days();
            }
        }
        while (day < leavesOn) {
            int visits = Draw.poisson(rng,
                    visitsPerDay * weekday[calendar.dayOfWeek(day)] * calendar.visitMultiplier(segment, day));
            if (firstVisit) {
                visits = Math.max(1, visits);
            }
            boolean lapsed = false;
            for (int v = 0; v < visits && !lapsed; v++) {
                double chance = firstVisit
                        ? segment.buying.firstVisit()
                        : conversion * calendar.conversionMultiplier(segment, day);
                int visitChannel = Traffic.visitChannel(rng, channel, firstVisit, calendar.socialShare(day));
                boolean bought = session.run(rng, visit, day,
                        calendar.secondOfDay(rng, segment.browsing.evening()),
                        Traffic.channelName(visitChannel), Traffic.source(rng, visitChannel), chance);
                firstVisit = false;
                lapsed = rng.nextDouble() < (bought ? dropoutAfterPurchase : dropout);
            }
            if (!lapsed) {
                day++;
            } else if (!comebackUsed && rng.nextDouble() < rhythm.reactivation()) {
                comebackUsed = true;
                day += MIN_DORMANT_DAYS + (int) (rng.nextExponential() * MEAN_EXTRA_DORMANT_DAYS);
                if (day < calendar.days()) {
                    reactivated++;
                }
            } else {
                break;
            }
        }
    }

    /**
     * The day the user leaves for the competitor, or the end of the period. Drawn from a stream of its
     * own, so the rest of the user's life is the same draw for draw with or without the competitor.
     */
    private int leavesForCompetitor(int index, Segment segment) {
        SplittableRandom rng = Draw.rng(config.seed(), Draw.COMPETITOR, index);
        int opens = calendar.competitorDay();
        if (!StoreCalendar.competitorTakes(segment) || opens >= calendar.days()
                || rng.nextDouble() >= StoreCalendar.COMPETITOR_SHARE) {
            return calendar.days();
        }
        return opens + rng.nextInt(calendar.days() - opens);
    }

    /** Weekday weights with mean 1; loyal regulars favour one weekday of their own. */
    private static double[] weekdayWeights(SplittableRandom rng, Segment segment) {
        double[] weights = segment.dayOfWeek.clone();
        weights[rng.nextInt(7)] *= segment.rhythm.favouriteDay();
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        for (int d = 0; d < 7; d++) {
            weights[d] *= 7 / sum;
        }
        return weights;
    }

    private static double[] taste(SplittableRandom rng, Segment segment) {
        double[] weights = new double[segment.categories.length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = segment.categories[c] * Draw.gammaWithMean(rng, 1, TASTE_SHAPE);
        }
        return Draw.cumulative(weights);
    }

    long reactivated() {
        return reactivated;
    }
}
