package io.pulse.stream.profile;

import java.time.Instant;

/**
 * One user's online profile as of the watermark: what {@code pulse stream} writes to {@code stream_profiles}
 * and the Flink job to its profile topic.
 *
 * @param revenue         purchases' amounts, refunds not taken off (they are in {@code refunds})
 * @param activeDays      distinct UTC days with an event
 * @param activityScore   active days weighted by 2^(−age / half-life): about "active days lately"
 * @param thresholdDays   personal dormancy threshold (NaN before any gap exists in the base)
 * @param silentDays      whole days since the last active day, as of the watermark
 */
public record Profile(String userId, int events, int sessions, int purchases, int carts, double revenue,
                      double refunds, int activeDays, Instant firstSeen, Instant lastSeen, double activityScore,
                      double thresholdDays, int silentDays) {
}
