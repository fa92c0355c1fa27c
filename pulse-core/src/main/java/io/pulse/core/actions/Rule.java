package io.pulse.core.actions;

/**
 * One operation rule: users of {@code segment} for whom {@code trigger} holds receive {@code action},
 * except a deterministic share {@code holdout} of them kept as a control group.
 *
 * @param segment a segment id of {@code pulse segments} (a cluster {@code s3}, a value group {@code v2},
 *                an RFM cell {@code rfm_at_risk}) or {@link #ANY_SEGMENT}
 * @param holdout share of qualifying users held out, in [0, 1)
 */
public record Rule(String id, String segment, Trigger trigger, ActionSpec action, double holdout) {

    public static final String ANY_SEGMENT = "any";
    public static final double DEFAULT_HOLDOUT = 0.10;

    public Rule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a rule needs an id");
        }
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("holdout must be in [0, 1), got " + holdout);
        }
    }

    public boolean matchesSegment(String[] userSegments) {
        if (segment.equals(ANY_SEGMENT)) {
            return true;
        }
        for (String s : userSegments) {
            if (segment.equals(s)) {
                return true;
            }
        }
        return false;
    }
}
