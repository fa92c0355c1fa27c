package io.pulse.generate.internal;

import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.SyntheticAction;
import io.pulse.generate.SyntheticUser;
import java.util.SplittableRandom;

/**
 * Lives the life of one regular user, day by day: Poisson visits at the user's own rate (shaped by
 * weekday, season, holidays and drift) while alive; after each visit a coin that may end the
 * relationship; for some, one comeback after a long dormant gap. Everything is drawn from the
 * user's own random stream, so a user's events do not depend on who was generated before. On the
 * store's campaign days (see {@link Operations}) the user may be reached, alive or lapsed, and a
 * treated user may respond with an extra visit, which revives a user who had dropped out.
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
    /** A day after every day of any period: the user is away for good. */
    private static final int NEVER = Integer.MAX_VALUE;

    static final String[] GENDERS = {"f", "m", "x"};
    static final double[] GENDER_CDF = Draw.cumulative(0.52, 0.45, 0.03);
    static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    static final double[] REGION_CDF = Draw.cumulative(0.22, 0.2, 0.18, 0.2, 0.2);

    private final GeneratorConfig config;
    private final StoreCalendar calendar;
    private final Session session;
    private final Output out;
    private final Operations operations;
    private final int[] campaignDays;
    private long reactivated;

    /** What a campaign needs to know of the user whose life is being lived. */
    private record Traits(int index, Segment segment, Visit visit, double visitsPerDay, double conversion,
                          int leavesOn) {
    }

    // The user's history as the store sees it, for its campaigns; reset for every user.
    private int lastVisit;
    private int lastAction;
    private int nextCampaign;

    Shopper(GeneratorConfig config, StoreCalendar calendar, Session session, Output out, Operations operations) {
        this.config = config;
        this.calendar = calendar;
        this.session = session;
        this.out = out;
        this.operations = operations;
        this.campaignDays = operations.days();
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

        Traits traits = new Traits(index, segment, visit, visitsPerDay, conversion,
                leavesForCompetitor(index, segment));
        int leavesOn = traits.leavesOn();
        lastVisit = -1;
        lastAction = -Operations.COOLDOWN_DAYS;
        nextCampaign = 0;
        boolean comebackUsed = false;
        boolean comingBack = false;
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
                comingBack = true;
                day = rng.nextInt(Math.max(1, calendar.days() * 2 / 3));
            } else {
                day = calendar.days();
            }
        }
        // Alternates between being away until `day` (the store may still reach out, and a response
        // may cut the absence short) and being alive from `day` until a dropout coin ends it.
        while (true) {
            int revivedOn = away(traits, day);
            if (revivedOn >= 0) {
                // Back because of a campaign: a comeback they were due to make later is spent on this one.
                day = revivedOn + 1;
            } else if (comingBack && day < calendar.days()) {
                reactivated++;
            }
            comingBack = false;
            boolean lapsed = false;
            while (day < leavesOn && !lapsed) {
                if (nextCampaign < campaignDays.length && campaignDays[nextCampaign] == day) {
                    campaign(traits, day);
                }
                int visits = Draw.poisson(rng,
                        visitsPerDay * weekday[calendar.dayOfWeek(day)] * calendar.visitMultiplier(segment, day));
                if (firstVisit) {
                    visits = Math.max(1, visits);
                }
                for (int v = 0; v < visits && !lapsed; v++) {
                    double chance = firstVisit
                            ? segment.buying.firstVisit()
                            : conversion * calendar.conversionMultiplier(segment, day);
                    int visitChannel = Traffic.visitChannel(rng, channel, firstVisit, calendar.socialShare(day));
                    boolean bought = session.run(rng, visit, day,
                            calendar.secondOfDay(rng, segment.browsing.evening()),
                            Traffic.channelName(visitChannel), Traffic.source(rng, visitChannel), chance);
                    firstVisit = false;
                    lastVisit = Math.max(lastVisit, day);
                    lapsed = rng.nextDouble() < (bought ? dropoutAfterPurchase : dropout);
                }
                if (!lapsed) {
                    day++;
                }
            }
            if (!lapsed) {
                // Gone to the competitor, or the period is over: the store may still reach out, in vain.
                away(traits, NEVER);
                return;
            }
            if (!comebackUsed && rng.nextDouble() < rhythm.reactivation()) {
                comebackUsed = true;
                comingBack = true;
                day += MIN_DORMANT_DAYS + (int) (rng.nextExponential() * MEAN_EXTRA_DORMANT_DAYS);
            } else {
                day = NEVER;
            }
        }
    }

    /**
     * The campaigns before {@code until} while the user is not visiting by themselves. Returns the day
     * of a response visit that ends the absence, or -1; a user who has left for the competitor makes
     * the visit but stays gone, and one who would be back by {@code until} anyway comes back then.
     */
    private int away(Traits user, int until) {
        while (nextCampaign < campaignDays.length && campaignDays[nextCampaign] < until) {
            int visited = campaign(user, campaignDays[nextCampaign]);
            if (visited >= 0 && visited < user.leavesOn() && visited < until) {
                return visited;
            }
        }
        return -1;
    }

    /**
     * The campaign of {@code day} as it concerns the user: whether a rule fires, whether they are held
     * out, and whether they respond. All its draws come from a stream of the user and the day, so users
     * who do not respond live exactly the life they would have lived without the campaigns.
     *
     * @return the day of the visit the campaign brought about, or -1
     */
    private int campaign(Traits user, int day) {
        nextCampaign++;
        Operations.Rule rule = day - lastAction < Operations.COOLDOWN_DAYS
                ? null : Operations.qualifies(lastVisit, day, user.visitsPerDay());
        if (rule == null) {
            return -1;
        }
        lastAction = day;
        boolean control = Operations.isControl(user.index(), rule);
        out.action(new SyntheticAction(rule.id, user.index(), calendar.date(day), rule.action, control));
        SplittableRandom rng = Draw.rng(config.seed(), Draw.CAMPAIGN, user.index(), day);
        int visitDay = day + 1 + rng.nextInt(Operations.MAX_RESPONSE_DELAY);
        boolean responds = !control && rng.nextDouble() < operations.uplift(rule, user.segment())
                && visitDay < calendar.days();
        operations.count(rule, control, responds);
        if (!responds) {
            return -1;
        }
        Segment segment = user.segment();
        double chance = Math.min(1, user.conversion() * calendar.conversionMultiplier(segment, visitDay)
                * rule.conversionBoost);
        session.run(rng, user.visit(), visitDay, calendar.secondOfDay(rng, segment.browsing.evening()),
                Traffic.channelName(Traffic.EMAIL), Traffic.source(rng, Traffic.EMAIL), chance);
        lastVisit = Math.max(lastVisit, visitDay);
        return visitDay;
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
