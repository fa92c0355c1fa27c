package io.pulse.core.segments;

/**
 * A per-customer feature that customers are clustered and described on, with the words a segment
 * name uses when the segment's mean is well above or below the population's.
 *
 * <p>Counts, money and durations are skewed (a few customers dominate), so they are log1p-scaled
 * before standardising; {@link #PRICE_INDEX} is already a ratio around 1 and is not.
 *
 * <p>Some features do not exist for some customers: browse figures for a user with no sessions, order
 * value and price index for one who has not bought. Profiles leave them out of means; clustering,
 * which needs a number, uses {@link #whenMissing()}: 0 browsing (no visit is no browsing), and the
 * population median for order value and price index. Not buying is already said by purchases per 30
 * days = 0; filling order value with 0 would say it twice, and the gap between 0 and any real order
 * then splits buyers from non-buyers before anything else, scattering a group whose mark is how it
 * browses, not whether it has bought yet.
 */
public enum BehaviourFeature {
    PURCHASES_PER_30D("purchases_per_30d", Theme.BUYING, "frequent buyers", "rare buyers", true, 0),
    SESSIONS_PER_30D("sessions_per_30d", Theme.VISITING, "frequent visitors", "rare visitors", true, 0),
    BROWSE_MINUTES_PER_SESSION("browse_minutes_per_session", Theme.BROWSING, "long browsers", "quick visits", true, 0),
    VIEWS_PER_SESSION("views_per_session", Theme.BROWSING, "many items a visit", "few items a visit", true, 0),
    AOV("aov", Theme.VALUE, "big baskets", "small baskets", true, Double.NaN),
    PRICE_INDEX("price_index", Theme.PRICE, "premium buyers", "bargain buyers", false, Double.NaN),
    CATEGORY_BREADTH("category_breadth", Theme.BREADTH, "broad interests", "narrow interests", true, 0),
    DAYS_SINCE_LAST_VISIT("days_since_last_visit", Theme.RECENCY, "lapsing", "recently active", true, 0);

    /** What a feature speaks about; a name uses each theme at most once, so it does not say one thing twice. */
    public enum Theme {
        BUYING, VISITING, BROWSING, VALUE, PRICE, BREADTH, RECENCY;

        /** Browsing depth, order value and price paid: what can show value that purchase counts hide. */
        public boolean valueSignal() {
            return this == BROWSING || this == VALUE || this == PRICE;
        }
    }

    private final String column;
    private final Theme theme;
    private final String high;
    private final String low;
    private final boolean logScaled;
    private final double whenMissing;

    BehaviourFeature(String column, Theme theme, String high, String low, boolean logScaled, double whenMissing) {
        this.column = column;
        this.theme = theme;
        this.high = high;
        this.low = low;
        this.logScaled = logScaled;
        this.whenMissing = whenMissing;
    }

    /** The value clustering uses when a customer has none (see the class comment); NaN means the population median. */
    public double whenMissing() {
        return whenMissing;
    }

    /** The column name, as in the feature table and in segment profiles. */
    public String column() {
        return column;
    }

    public Theme theme() {
        return theme;
    }

    /** Words for a segment far above the population on this feature. */
    public String high() {
        return high;
    }

    /** Words for a segment far below the population on this feature. */
    public String low() {
        return low;
    }

    public boolean logScaled() {
        return logScaled;
    }

    /** Column names of all features, in declaration order. */
    public static String[] columns() {
        BehaviourFeature[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].column;
        }
        return out;
    }

    /** The features whose theme is a {@linkplain Theme#valueSignal() value signal}, in declaration order. */
    public static java.util.List<BehaviourFeature> valueSignals() {
        return java.util.Arrays.stream(values()).filter(f -> f.theme.valueSignal()).toList();
    }

    /** The log1p flags of all features, in declaration order, as {@link Standardizer} takes them. */
    public static boolean[] logScaling() {
        BehaviourFeature[] all = values();
        boolean[] out = new boolean[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].logScaled;
        }
        return out;
    }
}
