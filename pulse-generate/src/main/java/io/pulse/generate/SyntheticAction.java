package io.pulse.generate;

import io.pulse.generate.internal.Ids;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One action the store took in the past, as Pulse's own {@code pulse actions} would have recorded
 * it: a rule fired for a user on a campaign day. Control users are recorded too, but received nothing.
 *
 * @param ruleId  {@code dormant-coupon} or {@code low-engagement-winback}
 * @param user    the user's index, as in {@link SyntheticUser#index()}
 * @param day     the campaign day
 * @param action  {@code coupon} or {@code win_back}
 * @param control whether the user was held out (by {@code Holdout.isControl(userId, ruleId, 0.1)})
 */
public record SyntheticAction(String ruleId, int user, LocalDate day, String action, boolean control) {

    /** Campaigns go out at nine in the morning, UTC. */
    public static final int HOUR = 9;

    /** {@code <rule_id>:<user_id>:<yyyy-mm-dd>}: unique, since a user gets at most one action a day. */
    public String actionId() {
        return ruleId + ":" + userId() + ":" + day;
    }

    public String userId() {
        return Ids.user(user);
    }

    public Instant ts() {
        return day.atTime(HOUR, 0).toInstant(ZoneOffset.UTC);
    }
}
