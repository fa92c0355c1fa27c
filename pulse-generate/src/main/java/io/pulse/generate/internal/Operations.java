package io.pulse.generate.internal;

import io.pulse.core.actions.Holdout;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's own past operations: a campaign every {@link #EVERY_DAYS} days, in which two of
 * Pulse's default rules fire for the regular users whose silence qualifies them, with a control
 * group held out exactly as {@code pulse actions} would hold it out. Knows the schedule, who
 * qualifies, who is held out and how likely a treated user is to respond, and tallies the outcome
 * for truth.json; the users' side of it (the response visit) is lived in {@link Shopper}.
 */
final class Operations {

    static final int EVERY_DAYS = 14;
    /** Eight weeks in, so that every user seen in the period has had time to build a rhythm. */
    static final int FIRST_DAY = 56;
    static final int WINDOW_DAYS = 30;
    /** The response window after the last campaign, plus slack, so every campaign is observed in full. */
    private static final int LAST_DAY_BEFORE_END = 45;
    /** A user hears from the store at most once in this many days, whichever rule and whether held out. */
    static final int COOLDOWN_DAYS = 28;
    static final double HOLDOUT = 0.1;
    /** A response is a visit this many days after the campaign, at most. */
    static final int MAX_RESPONSE_DELAY = 3;
    private static final int MIN_DORMANT_SILENCE = 7;
    /** Dormant means silent for three of the user's own usual gaps: a weekly visitor after three weeks. */
    private static final double USUAL_GAPS = 3;
    private static final int MAX_DORMANT_SILENCE = 90;
    private static final int MAX_WINBACK_SILENCE = 180;

    enum Rule {
        DORMANT_COUPON("dormant-coupon", "coupon", 1.5,
                "a regular user silent for at least max(7, 3 of their own usual gaps between visits) and at most "
                        + MAX_DORMANT_SILENCE + " days since their last visit in the period"),
        LOW_ENGAGEMENT_WINBACK("low-engagement-winback", "win_back", 1,
                "a regular user silent for more than " + MAX_DORMANT_SILENCE + " and at most "
                        + MAX_WINBACK_SILENCE + " days since their last visit in the period");

        final String id;
        final String action;
        /** The coupon makes the visit it brings about more likely to end in a purchase. */
        final double conversionBoost;
        final String qualifies;

        Rule(String id, String action, double conversionBoost, String qualifies) {
            this.id = id;
            this.action = action;
            this.conversionBoost = conversionBoost;
            this.qualifies = qualifies;
        }
    }

    private final Campaigns campaigns;
    private final StoreCalendar calendar;
    private final int[] days;
    /** Per rule: treated, control, responded. */
    private final long[][] tally = new long[Rule.values().length][3];

    Operations(GeneratorConfig config, StoreCalendar calendar) {
        this.campaigns = config.campaigns();
        this.calendar = calendar;
        List<Integer> scheduled = new ArrayList<>();
        if (campaigns.enabled()) {
            for (int day = FIRST_DAY; day <= config.days() - LAST_DAY_BEFORE_END; day += EVERY_DAYS) {
                scheduled.add(day);
            }
        }
        days = scheduled.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The campaign days, in order; empty when campaigns are off or the period is too short. */
    int[] days() {
        return days.clone();
    }

    /**
     * The rule that fires on campaign day {@code day} for a user last seen on {@code lastVisit} (-1 for
     * never in the period), or null. The rules are tried in order and the first that matches wins.
     */
    static Rule qualifies(int lastVisit, int day, double visitsPerDay) {
        if (lastVisit < 0 || lastVisit >= day) {
            return null;
        }
        int silence = day - lastVisit;
        if (silence <= MAX_DORMANT_SILENCE
                && silence >= Math.max(MIN_DORMANT_SILENCE, Math.round(USUAL_GAPS / visitsPerDay))) {
            return Rule.DORMANT_COUPON;
        }
        if (silence > MAX_DORMANT_SILENCE && silence <= MAX_WINBACK_SILENCE) {
            return Rule.LOW_ENGAGEMENT_WINBACK;
        }
        return null;
    }

    /** What {@code pulse actions} would decide for this user and rule. */
    static boolean isControl(int user, Rule rule) {
        return Holdout.isControl(Ids.user(user), rule.id, HOLDOUT);
    }

    /** The planted chance that a treated user of the segment responds to the rule's action. */
    double uplift(Rule rule, Segment segment) {
        return rule == Rule.DORMANT_COUPON ? campaigns.couponUplift(segment.label()) : campaigns.winbackUplift();
    }

    void count(Rule rule, boolean control, boolean responded) {
        long[] t = tally[rule.ordinal()];
        t[control ? 1 : 0]++;
        if (responded) {
            t[2]++;
        }
    }

    Optional<GroundTruth.CampaignHistory> truth() {
        if (!campaigns.enabled()) {
            return Optional.empty();
        }
        List<GroundTruth.RuleOutcome> rules = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            long[] t = tally[rule.ordinal()];
            boolean coupon = rule == Rule.DORMANT_COUPON;
            rules.add(new GroundTruth.RuleOutcome(rule.id, rule.action, rule.qualifies,
                    coupon ? campaigns.couponUplift() : Map.of(), coupon ? 0 : campaigns.winbackUplift(),
                    t[0], t[1], t[2]));
        }
        boolean any = days.length > 0;
        return Optional.of(new GroundTruth.CampaignHistory(EVERY_DAYS,
                any ? calendar.date(days[0]) : null, any ? calendar.date(days[days.length - 1]) : null,
                WINDOW_DAYS, rules));
    }
}
