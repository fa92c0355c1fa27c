package io.pulse.generate.internal;

import io.pulse.generate.GeneratorConfig;
import java.util.SplittableRandom;

/**
 * The behavioural groups the simulated store is made of. Each user belongs to one; within it,
 * visit rate, conversion and dropout vary from user to user (gamma and beta draws around the
 * segment's means), as in the BG/NBD story: Poisson visits while alive, a coin after each visit
 * that may end the relationship.
 *
 * <p>Weight arrays follow fixed orders: days Monday to Sunday; categories as in
 * {@link Catalog#CATEGORIES}; channels as in {@link Traffic#USER_CHANNELS}; age bands as in
 * {@link #AGE_BANDS}.
 */
enum Segment {

    // Each constant: label, description, share of users, then
    //   Rhythm(visits/week, gamma shape, dropout, dropout after purchase, reactivation, sale elasticity, favourite day)
    //   Buying(conversion, beta concentration, first-visit conversion, sale boost, price lean)
    //   Browsing(views/session, seconds/view, search rate, cart rate, evening)
    //   weights by weekday, category, acquisition channel, age band.
    LOYAL_REGULAR("loyal_regular",
            "visits about weekly, often on a favourite weekday; buys two to four times a month at mid order value;"
                    + " long-lived",
            0.15,
            new Rhythm(1.1, 4, 0.004, 0.004, 0.15, 0.6, 3),
            new Buying(0.5, 20, 0.5, 1.2, PriceLean.ANY),
            new Browsing(4, 50, 0.3, 0.04, false),
            new double[] {1, 1, 1, 1, 1, 1.1, 1.1},
            new double[] {1, 2, 1.5, 1.5, 1.5, 1, 1, 3, 0.3, 0.7, 1, 1.5},
            new double[] {0.4, 0.15, 0.1, 0.1, 0.2, 0.05},
            new double[] {0.08, 0.25, 0.28, 0.2, 0.12, 0.07}),

    BARGAIN_HUNTER("bargain_hunter",
            "visits a lot during sales and holiday peaks and little otherwise; buys cheap items, sometimes several;"
                    + " low order value",
            0.17,
            new Rhythm(0.45, 2, 0.012, 0.012, 0.2, 2.2, 1),
            new Buying(0.08, 10, 0.1, 4, PriceLean.CHEAPER),
            new Browsing(5, 28, 0.6, 0.06, false),
            new double[] {0.9, 0.9, 0.9, 0.95, 1, 1.3, 1.25},
            new double[] {0.8, 0.8, 2.5, 1, 2, 1.5, 1, 2.5, 0.2, 0.5, 0.6, 1.2},
            new double[] {0.15, 0.2, 0.15, 0.05, 0.15, 0.3},
            new double[] {0.18, 0.3, 0.22, 0.15, 0.1, 0.05}),

    WINDOW_SHOPPER("window_shopper",
            "many short visits with few views, mostly at weekends and in the evening; rarely buys, and less as the"
                    + " period goes on",
            0.22,
            new Rhythm(0.9, 1.5, 0.007, 0.007, 0.1, 1, 1),
            new Buying(0.025, 10, 0.03, 1.3, PriceLean.ANY),
            new Browsing(3.5, 22, 0.4, 0.03, true),
            new double[] {0.9, 0.9, 0.95, 0.95, 1, 1.3, 1.35},
            new double[] {2, 1, 3, 1.5, 1.5, 0.8, 1, 0.3, 1, 0.5, 0.8, 0.5},
            new double[] {0.25, 0.1, 0.45, 0.1, 0.05, 0.05},
            new double[] {0.32, 0.33, 0.17, 0.1, 0.05, 0.03}),

    CASUAL("casual",
            "visits every few weeks and buys now and then; visit rates decline slowly over the period",
            0.28,
            new Rhythm(0.3, 1.2, 0.035, 0.035, 0.15, 1.2, 1),
            new Buying(0.15, 6, 0.15, 1.3, PriceLean.ANY),
            new Browsing(3.5, 40, 0.3, 0.04, false),
            new double[] {0.85, 0.9, 0.9, 0.95, 1.05, 1.3, 1.25},
            new double[] {1, 1.5, 1.5, 1.2, 1, 1.2, 1, 1, 0.4, 0.8, 1, 1},
            new double[] {0.3, 0.3, 0.2, 0.08, 0.07, 0.05},
            new double[] {0.15, 0.27, 0.23, 0.17, 0.11, 0.07}),

    ONE_AND_DONE("one_and_done",
            "buys on the first visit, then mostly never comes back",
            0.12,
            new Rhythm(0.5, 2, 0.3, 0.85, 0.08, 1, 1),
            new Buying(0.05, 10, 1.0, 1.3, PriceLean.ANY),
            new Browsing(4, 45, 0.5, 0.05, false),
            new double[] {1, 1, 1, 1, 1, 1.1, 1.1},
            new double[] {1.5, 1, 1.5, 1, 1, 1.5, 1, 0.5, 0.5, 0.5, 0.8, 0.8},
            new double[] {0.15, 0.35, 0.25, 0.05, 0.05, 0.15},
            new double[] {0.2, 0.3, 0.2, 0.14, 0.1, 0.06}),

    HIDDEN_VALUE("hidden_value",
            "average-looking activity: visits once or twice a month and buys only every few months, but browses"
                    + " for 30+ minutes over many items and spends about three times the average order, mostly in"
                    + " electronics, jewelry and home",
            0.06,
            new Rhythm(0.4, 3, 0.008, 0.008, 0.15, 0.3, 1),
            new Buying(0.11, 10, 0.11, 1, PriceLean.DEARER),
            new Browsing(20, 110, 0.7, 0.03, true),
            new double[] {0.8, 0.8, 0.85, 0.9, 0.95, 1.3, 1.6},
            new double[] {3, 0.3, 0.6, 2, 0.3, 0.2, 1.2, 0, 2.5, 1.2, 0.8, 0.2},
            new double[] {0.3, 0.1, 0.05, 0.4, 0.1, 0.05},
            new double[] {0.03, 0.12, 0.3, 0.3, 0.17, 0.08});

    static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};

    private static final double[] SHARES_CDF;

    static {
        double[] shares = new double[values().length];
        for (Segment s : values()) {
            shares[s.ordinal()] = s.share;
        }
        SHARES_CDF = Draw.cumulative(shares);
    }

    /**
     * How a user of the segment comes and goes.
     *
     * @param visitsPerWeek  mean of the individual visit rates (gamma across users)
     * @param visitShape     gamma shape of those rates: smaller means more heterogeneous users
     * @param dropout        mean chance, after a visit without purchase, that the user never returns
     * @param dropoutAfterPurchase the same after a visit with a purchase
     * @param reactivation   chance that a user who dropped out comes back once after a long gap
     * @param saleElasticity how strongly holiday and sale peaks move visits (1 = as the calendar says)
     * @param favouriteDay   weight of one personal weekday against the others (1 = none)
     */
    record Rhythm(double visitsPerWeek, double visitShape, double dropout, double dropoutAfterPurchase,
                  double reactivation, double saleElasticity, double favouriteDay) {
    }

    /**
     * How a user of the segment buys.
     *
     * @param conversion      mean chance that a visit ends with a purchase (beta across users)
     * @param concentration   beta concentration of that chance
     * @param firstVisit      chance that a new user's first visit ends with a purchase
     * @param saleBoost       conversion multiplier on sale days
     * @param priceLean       which of the items looked at get bought
     */
    record Buying(double conversion, double concentration, double firstVisit, double saleBoost, PriceLean priceLean) {
    }

    /**
     * What a visit of the segment looks like.
     *
     * @param viewsPerSession mean item views
     * @param secondsPerView  mean seconds on each view (log-normal)
     * @param searchRate      chance of searching during a visit
     * @param cartRate        chance of adding a viewed item to the cart without buying it
     * @param evening         visits lean to the evening rather than the working day
     */
    record Browsing(double viewsPerSession, double secondsPerView, double searchRate, double cartRate,
                    boolean evening) {
    }

    private final String label;
    private final String description;
    private final double share;
    final Rhythm rhythm;
    final Buying buying;
    final Browsing browsing;
    final double[] dayOfWeek;
    final double[] categories;
    final double[] channelsCdf;
    final double[] ageBandsCdf;

    Segment(String label, String description, double share, Rhythm rhythm, Buying buying, Browsing browsing,
            double[] dayOfWeek, double[] categories, double[] channels, double[] ageBands) {
        this.label = label;
        this.description = description;
        this.share = share;
        this.rhythm = rhythm;
        this.buying = buying;
        this.browsing = browsing;
        this.dayOfWeek = dayOfWeek;
        this.categories = categories;
        this.channelsCdf = Draw.cumulative(channels);
        this.ageBandsCdf = Draw.cumulative(ageBands);
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** The segment of a regular user: the first draw of the user's own random stream. */
    static Segment of(GeneratorConfig config, int userIndex) {
        return draw(Draw.rng(config.seed(), Draw.USERS, userIndex));
    }

    static Segment draw(SplittableRandom userRng) {
        return values()[Draw.pick(userRng, SHARES_CDF)];
    }
}
