package io.pulse.bench.tags;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * Fifty tags over dense user indexes, shaped like a store's: attribute families whose values exclude each
 * other (region, channel, age band, gender), two tags that follow signup order (so they are long runs of
 * indexes), and rule tags driven by four hidden traits per user (value, engagement, browsing, price), so
 * tags on one trait are correlated and nested (top_spender inside high_value, silent_90d inside
 * silent_30d) while tags on different traits are independent. Densities run from 1% to 50%. The same
 * tags are held three ways: runOptimize'd RoaringBitmaps, {@link BitSet}s and {@code boolean[]} columns.
 */
final class SyntheticTags {

    /** A rule tag: on {@code trait} (or none, -1) at the high or low end, kept for {@code fidelity} of users. */
    private record Rule(String name, int trait, boolean high, double density, double fidelity) {
    }

    private record Family(String attribute, String[] values, double[] weights) {
    }

    private static final int VALUE = 0;
    private static final int ENGAGEMENT = 1;
    private static final int BROWSING = 2;
    private static final int TRAITS = 3;
    private static final int NONE = -1;

    private static final List<Family> FAMILIES = List.of(
            new Family("region", new String[] {"north", "south", "east", "west", "central"},
                    new double[] {0.28, 0.22, 0.2, 0.18, 0.12}),
            new Family("channel", new String[] {"organic", "paid_search", "social", "referral", "email", "affiliate"},
                    new double[] {0.35, 0.2, 0.18, 0.1, 0.12, 0.05}),
            new Family("age_band", new String[] {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"},
                    new double[] {0.14, 0.27, 0.23, 0.17, 0.12, 0.07}),
            new Family("gender", new String[] {"f", "m"}, new double[] {0.52, 0.48}));

    private static final List<Rule> RULES = List.of(
            new Rule("high_value", VALUE, true, 0.20, 0.95),
            new Rule("top_spender", VALUE, true, 0.05, 0.95),
            new Rule("vip_spender", VALUE, true, 0.22, 0.95),
            new Rule("low_spender", VALUE, false, 0.30, 0.9),
            new Rule("never_bought", VALUE, false, 0.45, 0.95),
            new Rule("repeat_buyer", VALUE, true, 0.35, 0.8),
            new Rule("frequent_buyer", VALUE, true, 0.08, 0.85),
            new Rule("monthly_buyer", VALUE, true, 0.15, 0.7),
            new Rule("big_basket", VALUE, true, 0.25, 0.6),
            new Rule("small_basket", VALUE, false, 0.25, 0.6),
            new Rule("visited_this_week", ENGAGEMENT, true, 0.25, 0.9),
            new Rule("busy_month", ENGAGEMENT, true, 0.20, 0.85),
            new Rule("regular_visitor", ENGAGEMENT, true, 0.30, 0.8),
            new Rule("rising", ENGAGEMENT, true, 0.05, 0.5),
            new Rule("silent_30d", ENGAGEMENT, false, 0.40, 0.9),
            new Rule("silent_90d", ENGAGEMENT, false, 0.20, 0.9),
            new Rule("churn_risk", ENGAGEMENT, false, 0.30, 0.8),
            new Rule("dormant", ENGAGEMENT, false, 0.15, 0.85),
            new Rule("fading", ENGAGEMENT, false, 0.10, 0.5),
            new Rule("deep_browser", BROWSING, true, 0.20, 0.9),
            new Rule("heavy_browser", BROWSING, true, 0.20, 0.7),
            new Rule("wide_taste", BROWSING, true, 0.20, 0.6),
            new Rule("window_shopper", BROWSING, true, 0.04, 0.5),
            new Rule("hard_to_convert", BROWSING, true, 0.03, 0.5),
            new Rule("single_category", NONE, true, 0.35, 0),
            new Rule("email_opt_in", NONE, true, 0.45, 0),
            new Rule("app_user", NONE, true, 0.30, 0),
            new Rule("coupon_user", NONE, true, 0.02, 0),
            new Rule("gift_buyer", NONE, true, 0.01, 0));

    /** Shares of users, by index, for the tags that follow signup order. */
    private static final double VETERAN = 0.30;
    private static final double NEW_CUSTOMER = 0.03;

    final int users;
    final List<String> names = new ArrayList<>();
    final List<RoaringBitmap> bitmaps = new ArrayList<>();
    final List<BitSet> bitSets = new ArrayList<>();
    final List<boolean[]> columns = new ArrayList<>();

    private SyntheticTags(int users) {
        this.users = users;
    }

    static SyntheticTags generate(int users, long seed) {
        SyntheticTags tags = new SyntheticTags(users);
        SplittableRandom random = new SplittableRandom(seed);
        for (Family f : FAMILIES) {
            boolean[][] values = new boolean[f.values().length][users];
            for (int u = 0; u < users; u++) {
                values[pick(f.weights(), random.nextDouble())][u] = true;
            }
            for (int v = 0; v < values.length; v++) {
                tags.add(f.attribute() + ":" + f.values()[v], values[v]);
            }
        }
        boolean[] veteran = new boolean[users];
        boolean[] newCustomer = new boolean[users];
        for (int u = 0; u < users; u++) {
            veteran[u] = u < VETERAN * users;
            newCustomer[u] = u >= (1 - NEW_CUSTOMER) * users;
        }
        tags.add("veteran", veteran);
        tags.add("new_customer", newCustomer);

        double[][] traits = new double[TRAITS][users];
        for (double[] trait : traits) {
            for (int u = 0; u < users; u++) {
                trait[u] = random.nextDouble();
            }
        }
        for (Rule r : RULES) {
            boolean[] column = new boolean[users];
            for (int u = 0; u < users; u++) {
                if (r.trait() != NONE && random.nextDouble() < r.fidelity()) {
                    double t = traits[r.trait()][u];
                    column[u] = r.high() ? t > 1 - r.density() : t < r.density();
                } else {
                    column[u] = random.nextDouble() < r.density();
                }
            }
            tags.add(r.name(), column);
        }
        return tags;
    }

    private static int pick(double[] weights, double draw) {
        double sum = 0;
        for (int i = 0; i < weights.length - 1; i++) {
            sum += weights[i];
            if (draw < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private void add(String name, boolean[] column) {
        RoaringBitmap bitmap = new RoaringBitmap();
        BitSet bitSet = new BitSet(users);
        for (int u = 0; u < users; u++) {
            if (column[u]) {
                bitmap.add(u);
                bitSet.set(u);
            }
        }
        bitmap.runOptimize();
        names.add(name);
        bitmaps.add(bitmap);
        bitSets.add(bitSet);
        columns.add(column);
    }

    int size() {
        return names.size();
    }

    long roaringBytes() {
        return bitmaps.stream().mapToLong(RoaringBitmap::getSizeInBytes).sum();
    }

    long bitSetBytes() {
        return bitSets.stream().mapToLong(b -> b.size() / 8).sum();
    }
}
