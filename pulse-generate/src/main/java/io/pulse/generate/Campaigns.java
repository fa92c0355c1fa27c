package io.pulse.generate;

import io.pulse.core.PulseInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The store's own past operations: every 14 days it sends a coupon to users who have gone quiet
 * ({@code dormant-coupon}) and a win-back message to users who have been away for months
 * ({@code low-engagement-winback}), holding out a control group of each. Treated users respond by
 * coming back with the planted probability, so a backtest can measure the uplift and check it
 * against the truth.
 *
 * @param enabled       whether to simulate the campaigns at all (actions.csv is then only a header)
 * @param couponUplift  segment label → chance that a treated user of the segment comes back because
 *                      of the coupon; segments not named get 0. Normalised to every regular segment,
 *                      in documented order.
 * @param winbackUplift chance that a treated user comes back because of the win-back message; the
 *                      default 0 plants a null effect that a backtest should not mistake for one
 */
public record Campaigns(boolean enabled, Map<String, Double> couponUplift, double winbackUplift) {

    private static final Map<String, Double> DEFAULT_COUPON_UPLIFT = defaultCouponUplift();

    public Campaigns {
        Objects.requireNonNull(couponUplift, "couponUplift");
        Map<String, Double> all = new LinkedHashMap<>();
        for (String segment : DEFAULT_COUPON_UPLIFT.keySet()) {
            all.put(segment, 0.0);
        }
        for (Map.Entry<String, Double> e : couponUplift.entrySet()) {
            if (!all.containsKey(e.getKey())) {
                throw invalid("uplift", "unknown segment '" + e.getKey() + "', expected one of "
                        + String.join(", ", all.keySet()));
            }
            all.put(e.getKey(), probability("uplift." + e.getKey(), e.getValue()));
        }
        couponUplift = Collections.unmodifiableMap(all);
        probability("winback_uplift", winbackUplift);
    }

    /** Campaigns on, with the default coupon uplift per segment and no win-back effect. */
    public static Campaigns defaults() {
        return new Campaigns(true, DEFAULT_COUPON_UPLIFT, 0.0);
    }

    public static Campaigns disabled() {
        return new Campaigns(false, DEFAULT_COUPON_UPLIFT, 0.0);
    }

    /** These campaigns with the coupon uplift of the named segments replaced; the others keep theirs. */
    public Campaigns withCouponUplift(Map<String, Double> overrides) {
        Map<String, Double> merged = new LinkedHashMap<>(couponUplift);
        merged.putAll(overrides);
        return new Campaigns(enabled, merged, winbackUplift);
    }

    public Campaigns withWinbackUplift(double uplift) {
        return new Campaigns(enabled, couponUplift, uplift);
    }

    /** The coupon uplift of a segment; 0 for spike visitors, whom no campaign reaches. */
    public double couponUplift(String segment) {
        return couponUplift.getOrDefault(segment, 0.0);
    }

    /**
     * Bargain hunters answer a discount most, hidden-value users (who buy for the products) more than
     * the loyal, who would have come anyway; one-and-done users have mostly left for good.
     */
    private static Map<String, Double> defaultCouponUplift() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loyal_regular", 0.10);
        m.put("bargain_hunter", 0.35);
        m.put("window_shopper", 0.10);
        m.put("casual", 0.20);
        m.put("one_and_done", 0.05);
        m.put("hidden_value", 0.25);
        return Collections.unmodifiableMap(m);
    }

    private static double probability(String field, Double p) {
        if (p == null || !(p >= 0 && p <= 1)) {
            throw invalid(field, "must be a probability between 0 and 1, got " + p);
        }
        return p;
    }

    private static PulseInputException invalid(String field, String why) {
        return new PulseInputException("generator config", 0, field, why);
    }
}
