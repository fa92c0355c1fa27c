package io.pulse.core.activity;

import java.util.List;

/** Weekly cohorts followed for at most {@code maxWeeks} weeks (fewer when the range ends sooner). */
public record RetentionMatrix(int maxWeeks, List<RetentionCohort> cohorts) {

    public RetentionMatrix {
        cohorts = List.copyOf(cohorts);
    }
}
