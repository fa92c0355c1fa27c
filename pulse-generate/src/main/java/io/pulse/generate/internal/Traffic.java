package io.pulse.generate.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where visits come from. A user's acquisition channel is fixed at signup; each later visit
 * arrives through a channel of its own (direct, a search engine, a newsletter, ...), with the
 * referring site as its source. The social share drifts upwards across the period.
 */
final class Traffic {

    static final String[] USER_CHANNELS = {"organic", "paid_search", "social", "referral", "email", "affiliate"};
    static final int SOCIAL = 2;
    static final int EMAIL = 4;

    /** Visit channels: the acquisition channels plus typing the address. */
    private static final String[] VISIT_CHANNELS = {
        "organic", "paid_search", "social", "referral", "email", "affiliate", "direct"};
    private static final double[] RETURN_VISIT_CDF = Draw.cumulative(0.3, 0.12, 0, 0.05, 0.15, 0.03, 0.35);
    /** Returning users come back through their own acquisition channel this often. */
    private static final double SAME_CHANNEL = 0.4;

    private static final String[][] SOURCES = {
        {"google.com", "bing.com", "duckduckgo.com"},
        {"google.com", "bing.com"},
        {"instagram.com", "facebook.com", "tiktok.com", "pinterest.com", "youtube.com"},
        {"reddit.com", "medium.com", "trustpilot.com"},
        {"newsletter"},
        {"slickdeals.net", "couponfollow.com"},
        {null}};
    private static final double[][] SOURCE_CDF = {
        Draw.cumulative(0.7, 0.2, 0.1),
        Draw.cumulative(0.85, 0.15),
        Draw.cumulative(0.35, 0.25, 0.2, 0.1, 0.1),
        Draw.cumulative(0.4, 0.3, 0.3),
        Draw.cumulative(1),
        Draw.cumulative(0.5, 0.5),
        Draw.cumulative(1)};

    private Traffic() {
    }

    /** A visit channel: the first visit comes through the acquisition channel, later ones through the mix. */
    static int visitChannel(SplittableRandom rng, int userChannel, boolean firstVisit, double socialShare) {
        if (firstVisit) {
            return userChannel;
        }
        if (rng.nextDouble() < socialShare) {
            return SOCIAL;
        }
        return rng.nextDouble() < SAME_CHANNEL ? userChannel : Draw.pick(rng, RETURN_VISIT_CDF);
    }

    static int userChannel(String name) {
        return Arrays.asList(USER_CHANNELS).indexOf(name);
    }

    static String channelName(int visitChannel) {
        return VISIT_CHANNELS[visitChannel];
    }

    /** The referrer of a visit through the channel; null for direct visits. */
    static String source(SplittableRandom rng, int visitChannel) {
        return SOURCES[visitChannel][Draw.pick(rng, SOURCE_CDF[visitChannel])];
    }
}
