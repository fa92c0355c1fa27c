package io.pulse.stream.profile;

import io.pulse.core.thresholds.GapPrior;
import java.time.Duration;

/**
 * How online profiles turn events into the threshold triggers of {@code pulse thresholds} and
 * {@code pulse actions}.
 *
 * @param quantile         dormancy: the share of a user's gaps below their threshold (as {@code --quantile})
 * @param cartWait         cart abandonment: how long after a cart with no purchase the trigger fires
 * @param surgeMinSessions browse surge: fewest sessions in the last 7 days
 * @param surgeRatio       browse surge: sessions in the last 7 days at least this many times the weekly average
 *                         of the 8 weeks before
 * @param halfLifeDays     the activity score's half-life: an active day counts 1 today, ½ this many days later
 * @param fixedPrior       the gap prior every threshold shrinks toward; null to refit it from all profiles at
 *                         each new day of event time (the backtest's as-of-cutoff prior, one for the whole base)
 */
public record ProfileSettings(double quantile, Duration cartWait, int surgeMinSessions, double surgeRatio,
                              double halfLifeDays, GapPrior fixedPrior) {

    public ProfileSettings {
        if (!(quantile > 0.5 && quantile < 1)) {
            throw new IllegalArgumentException("need 0.5 < quantile < 1, got " + quantile);
        }
        if (cartWait.isNegative() || surgeMinSessions < 1 || !(surgeRatio > 0) || !(halfLifeDays > 0)) {
            throw new IllegalArgumentException("cart wait ≥ 0, surge sessions ≥ 1, ratio and half-life > 0");
        }
    }

    /**
     * The batch defaults (quantile 0.95, surge of 3 sessions and 3× the usual week), a one-hour cart wait (a
     * stream can remind the same evening where the batch looks back three days) and a 14-day half-life.
     */
    public static ProfileSettings defaults() {
        return new ProfileSettings(0.95, Duration.ofHours(1), 3, 3.0, 14, null);
    }

    public ProfileSettings withFixedPrior(GapPrior prior) {
        return new ProfileSettings(quantile, cartWait, surgeMinSessions, surgeRatio, halfLifeDays, prior);
    }
}
