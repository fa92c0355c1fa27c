package io.pulse.store.prediction;

import io.pulse.store.GeneratedStore;

import io.pulse.core.prediction.LogisticRegression;
import io.pulse.core.progress.Progress;
import io.pulse.core.validation.ForwardHoldout;
import io.pulse.core.validation.OptimismVerdict;
import io.pulse.core.validation.RandomKFold;
import io.pulse.core.validation.Split;
import io.pulse.core.validation.TimeSeriesCv;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test on a generated store (8,000 users over a year, seed 3), whose last
 * quarter drifts (a competitor takes users without warning): random K-fold over user-cutoff rows
 * overstates the forward holdout, and time-series CV lands within 0.03 AUC of it.
 */
@Tag("slow")
class HonestValidationTest {

    @TempDir
    Path dir;

    @Test
    void randomKFoldOverstatesTheHoldoutAndTimeSeriesCvLandsWithinThreeHundredths() throws IOException {
        try (PulseStore store = GeneratedStore.open(dir, 8000, 365, 3L)) {
            ValidationRun.Result r = ValidationRun.run(store,
                    ValidationRun.Options.defaults(List.of(new LogisticRegression())), Progress.NONE);

            ValidationRun.ModelResult m = r.models().get(0);
            double random = m.schemes().get(RandomKFold.ID).metrics().rocAuc();
            double timeSeries = m.schemes().get(TimeSeriesCv.ID).metrics().rocAuc();
            double holdout = m.schemes().get(ForwardHoldout.ID).metrics().rocAuc();
            assertThat(random - holdout).as("optimism gap (%.4f vs %.4f)", random, holdout).isGreaterThan(0.01);
            assertThat(Math.abs(timeSeries - holdout)).as("time-series CV %.4f vs holdout %.4f", timeSeries, holdout)
                    .isLessThanOrEqualTo(0.03);
            assertThat(m.verdict().trust()).isEqualTo(OptimismVerdict.Trust.TIME_SERIES_CV);
            assertThat(m.verdict().verdict()).contains("overstates");

            for (String scheme : List.of(TimeSeriesCv.ID, ForwardHoldout.ID)) {
                for (Split s : m.schemes().get(scheme).splits()) {
                    LocalDate firstTest = s.testCutoffs().get(0);
                    assertThat(s.trainCutoffs()).allMatch(c -> !c.plusDays(30).isAfter(firstTest));
                }
            }
            assertThat(r.plan().estimatedSeconds()).isPositive();
            assertThat(r.seconds()).isPositive();
            assertThat(store.scalarLong("SELECT count(*) FROM validation_results")).isEqualTo(3);
        }
    }
}
