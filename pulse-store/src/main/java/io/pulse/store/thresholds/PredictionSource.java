package io.pulse.store.thresholds;

import java.time.LocalDate;

/** The probabilities the engagement cuts were chosen on: a {@code pulse predict} model and its scoring day. */
public record PredictionSource(String model, LocalDate scoredAt) {
}
