package io.pulse.core.segments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the segments that look ordinary on activity but carry strong value signals, the customers a
 * dashboard of averages never shows: they buy and visit no more than most, yet browse long, spend
 * more per order, pay above the category's usual price or are worth more over the next year.
 *
 * <p>A candidate (a k-means segment or an RFM cell) qualifies when
 * <ul>
 *   <li>it looks ordinary: purchases per 30 days at most {@value #ORDINARY_PURCHASES}× and visits
 *       per 30 days at most {@value #ORDINARY_VISITS}× the population's mean;</li>
 *   <li>it shows at least {@value #MIN_SIGNALS} value signals: browse minutes per visit
 *       ≥ {@value #BROWSE_LIFT}×, average order value ≥ {@value #AOV_LIFT}×, price index (price paid
 *       against the category median) ≥ {@value #PRICE_LIFT}×, 12-month CLV per customer
 *       ≥ {@value #CLV_LIFT}× the population's;</li>
 *   <li>it holds at least {@value #MIN_SIZE} customers and {@value #MIN_SHARE} of the population.</li>
 * </ul>
 * The strength of its signals is the sum of ln(lift) over the behavioural ones (browse, order value,
 * price); CLV qualifies a group but adds no strength, since it is the money the revenue at stake
 * already counts and it grows with order value, which would be counted twice. Opportunities are
 * ranked by strength:
 * the question is which group's value is most hidden by the averages, and a group whose customers
 * merely spend somewhat more shows a large revenue at stake (the members' summed 12-month CLV) without
 * hiding anything. Revenue at stake breaks ties and is reported with every opportunity; the size floor
 * keeps a handful of outliers from topping the list.
 */
public final class HiddenValue {

    /** The profile feature holding each customer's discounted 12-month CLV. */
    public static final String CLV = "clv_12m";

    public static final double ORDINARY_PURCHASES = 1.25;
    public static final double ORDINARY_VISITS = 1.5;
    public static final double BROWSE_LIFT = 1.5;
    public static final double AOV_LIFT = 1.3;
    public static final double PRICE_LIFT = 1.1;
    public static final double CLV_LIFT = 1.3;
    public static final int MIN_SIGNALS = 2;
    public static final int MIN_SIZE = 20;
    public static final double MIN_SHARE = 0.01;
    /** Below this price-index lift a group buys on price, and a targeted offer is the lever. */
    static final double PRICE_SENSITIVE = 0.95;
    /** Above this lift of days since the last visit a group is drifting away. */
    static final double LAPSING = 1.5;

    private HiddenValue() {
    }

    /** A group to judge: a segment's id, its name and its profile, which must include {@link #CLV}. */
    public record Candidate(String segmentId, String name, SegmentProfile profile) {
    }

    /** What to do for a hidden-value group. */
    public enum Action {
        PERSONALISED_RECOMMENDATIONS("personalised recommendations of premium items from the categories they browse,"
                + " with early access to new arrivals; no discounts: they do not buy on price"),
        EXCLUSIVE_SERVICE("exclusive service: a personal contact and priority support before they drift away;"
                + " no discounts: they do not buy on price"),
        EARLY_ACCESS("early access to new and limited items in the categories they buy"),
        TARGETED_OFFER("a targeted offer on the items they keep browsing: they respond to price");

        private final String description;

        Action(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A ranked hidden-value group.
     *
     * @param revenueAtStake the members' summed 12-month CLV
     * @param strength sum of ln(lift) over the behavioural value signals shown (browse, aov, price)
     * @param signals the value signals shown, e.g. "browse", "aov", "price", "clv"
     * @param evidence the numbers behind it, in plain language
     */
    public record Opportunity(String segmentId, String name, int size, double revenueAtStake, double strength,
            List<String> signals, Action action, String evidence) {
    }

    /** The qualifying candidates, best first: strongest signals, then more revenue at stake, then by id. */
    public static List<Opportunity> rank(List<Candidate> candidates) {
        List<Opportunity> out = new ArrayList<>();
        for (Candidate c : candidates) {
            Opportunity o = judge(c);
            if (o != null) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparingDouble(Opportunity::strength).reversed()
                .thenComparing(Comparator.comparingDouble(Opportunity::revenueAtStake).reversed())
                .thenComparing(Opportunity::segmentId));
        return List.copyOf(out);
    }

    /** The opportunity in one candidate, or null when it does not qualify. */
    static Opportunity judge(Candidate c) {
        SegmentProfile p = c.profile();
        double purchases = SegmentNames.lift(p, BehaviourFeature.PURCHASES_PER_30D.column());
        double visits = SegmentNames.lift(p, BehaviourFeature.SESSIONS_PER_30D.column());
        if (p.size() < MIN_SIZE || p.userShare() < MIN_SHARE || !(purchases <= ORDINARY_PURCHASES) || !(visits <= ORDINARY_VISITS)) {
            return null;
        }
        double browse = SegmentNames.lift(p, BehaviourFeature.BROWSE_MINUTES_PER_SESSION.column());
        double aov = SegmentNames.lift(p, BehaviourFeature.AOV.column());
        double price = SegmentNames.lift(p, BehaviourFeature.PRICE_INDEX.column());
        double clv = SegmentNames.lift(p, CLV);
        List<String> signals = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        double strength = 0;
        if (browse >= BROWSE_LIFT) {
            signals.add("browse");
            strength += Math.log(browse);
            shown.add(String.format(Locale.ROOT, "%.1f minutes browsed per visit (%.1f× the average)",
                    mean(p, BehaviourFeature.BROWSE_MINUTES_PER_SESSION), browse));
        }
        if (aov >= AOV_LIFT) {
            signals.add("aov");
            strength += Math.log(aov);
            shown.add(String.format(Locale.ROOT, "an average order of %.2f (%.1f×)", mean(p, BehaviourFeature.AOV), aov));
        }
        if (price >= PRICE_LIFT) {
            signals.add("price");
            strength += Math.log(price);
            shown.add(String.format(Locale.ROOT, "pays %.2f× the category's median price (%.1f× the average customer)",
                    mean(p, BehaviourFeature.PRICE_INDEX), price));
        }
        if (clv >= CLV_LIFT) {
            signals.add("clv");
            shown.add(String.format(Locale.ROOT, "a 12-month CLV of %.2f per customer (%.1f×)", SegmentNames.mean(p, CLV),
                    clv));
        }
        if (signals.size() < MIN_SIGNALS) {
            return null;
        }
        double revenueAtStake = SegmentNames.mean(p, CLV) * p.size();
        String evidence = String.format(Locale.ROOT,
                "Looks ordinary: %.2f purchases and %.1f visits per 30 days (%.1f× and %.1f× the average). "
                        + "Carries value: %s.",
                mean(p, BehaviourFeature.PURCHASES_PER_30D), mean(p, BehaviourFeature.SESSIONS_PER_30D), purchases,
                visits, String.join("; ", shown));
        return new Opportunity(c.segmentId(), c.name(), p.size(), revenueAtStake, strength, List.copyOf(signals),
                action(p, price), evidence);
    }

    private static Action action(SegmentProfile p, double priceLift) {
        if (priceLift < PRICE_SENSITIVE) {
            return Action.TARGETED_OFFER;
        }
        if (SegmentNames.lift(p, BehaviourFeature.DAYS_SINCE_LAST_VISIT.column()) >= LAPSING) {
            return Action.EXCLUSIVE_SERVICE;
        }
        if (SegmentNames.lift(p, BehaviourFeature.BROWSE_MINUTES_PER_SESSION.column()) >= BROWSE_LIFT) {
            return Action.PERSONALISED_RECOMMENDATIONS;
        }
        return Action.EARLY_ACCESS;
    }

    private static double mean(SegmentProfile p, BehaviourFeature f) {
        return SegmentNames.mean(p, f.column());
    }
}
