package io.pulse.stream.profile;

import io.pulse.core.actions.Trigger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One action the stream decided: the same rule, holdout and id as {@code pulse actions} would give on
 * {@code cutoff}, with the trigger's evidence.
 *
 * @param actionId   {@link io.pulse.core.actions.ActionId} of rule, user and cutoff
 * @param parameters the action's parameters (coupon value, template, ...)
 * @param control    held out: recorded so uplift can be measured, never sent
 * @param at         event time it was decided at
 * @param observed   see {@link TriggerHit#observed()}
 * @param threshold  see {@link TriggerHit#threshold()}
 */
public record StreamAction(String actionId, String ruleId, String userId, Trigger trigger, String kind,
                           Map<String, Object> parameters, boolean control, LocalDate cutoff, Instant at,
                           double observed, double threshold) {
}
