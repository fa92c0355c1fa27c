package io.pulse.stream.profile;

import io.pulse.core.actions.Trigger;

/**
 * A threshold trigger that fired for a user in the stream.
 *
 * @param user      the user's interned id
 * @param day       the cutoff day it fired on (epoch day, UTC): a batch run with this cutoff would see it too
 * @param at        event time it fired at (the watermark, or the event's time for a surge), epoch millis
 * @param observed  dormancy: days silent; cart: minutes since the cart; surge: sessions in the last 7 days
 * @param threshold dormancy: the personal threshold in days; cart: the wait in minutes; surge: the sessions
 *                  needed (ratio × the usual week, at least the minimum)
 */
public record TriggerHit(int user, Trigger trigger, int day, long at, double observed, double threshold) {
}
