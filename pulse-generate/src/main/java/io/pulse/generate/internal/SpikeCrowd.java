package io.pulse.generate.internal;

import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.SyntheticUser;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The visitors of a one-off burst: people who follow one link to one item within a few hours,
 * look, rarely buy, and mostly never come back. Each is a user of their own, signed up that day.
 */
final class SpikeCrowd {

    static final String SEGMENT = "spike_visitor";
    static final String DESCRIPTION = "arrived within a few hours from one referrer to one item (see spikes);"
            + " looked, rarely bought, and mostly never came back";

    private static final Segment.Browsing BROWSING = new Segment.Browsing(1.4, 35, 0.05, 0.08, false);
    private static final double PURCHASE_CHANCE = 0.015;
    private static final double COMES_BACK = 0.05;
    private static final double RETURN_PURCHASE_CHANCE = 0.1;
    /** Arrival offsets are gamma with this shape: the crowd builds within the first hour, then thins. */
    private static final double ARRIVAL_SHAPE = 1.5;
    private static final double[] AGE_BAND_CDF = Draw.cumulative(0.45, 0.35, 0.12, 0.05, 0.02, 0.01);
    private static final double[] ANY_CATEGORY_CDF;

    static {
        double[] flat = new double[Catalog.CATEGORIES.length];
        Arrays.fill(flat, 1);
        ANY_CATEGORY_CDF = Draw.cumulative(flat);
    }

    private final GeneratorConfig config;
    private final StoreCalendar calendar;
    private final Session session;
    private final Output out;

    SpikeCrowd(GeneratorConfig config, StoreCalendar calendar, Session session, Output out) {
        this.config = config;
        this.calendar = calendar;
        this.session = session;
        this.out = out;
    }

    void visit(Incidents.Spike spike, int visitor) {
        SplittableRandom rng = Draw.rng(config.seed(), Draw.SPIKE_VISITORS, visitor);
        out.user(new SyntheticUser(visitor, calendar.date(spike.day()),
                Segment.AGE_BANDS[Draw.pick(rng, AGE_BAND_CDF)],
                Shopper.GENDERS[Draw.pick(rng, Shopper.GENDER_CDF)],
                Shopper.REGIONS[Draw.pick(rng, Shopper.REGION_CDF)],
                spike.channel(),
                SEGMENT));
        int offset;
        do {
            offset = (int) Draw.gammaWithMean(rng, spike.durationSeconds() / 4.0, ARRIVAL_SHAPE);
        } while (offset >= spike.durationSeconds());
        Visit landing = new Visit(visitor, BROWSING, ANY_CATEGORY_CDF, PriceLean.ANY, false, spike.item());
        session.run(rng, landing, spike.day(), spike.startSecond() + offset, spike.channel(), spike.source(),
                PURCHASE_CHANCE);
        if (rng.nextDouble() < COMES_BACK) {
            int day = spike.day() + 1 + rng.nextInt(30);
            if (day < calendar.days()) {
                int channel = Traffic.visitChannel(rng, Traffic.userChannel(spike.channel()), false,
                        calendar.socialShare(day));
                Visit back = new Visit(visitor, BROWSING, ANY_CATEGORY_CDF, PriceLean.ANY, false, -1);
                session.run(rng, back, day, calendar.secondOfDay(rng, false), Traffic.channelName(channel),
                        Traffic.source(rng, channel), RETURN_PURCHASE_CHANCE);
            }
        }
    }
}
