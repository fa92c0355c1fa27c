package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pulse.core.PulseInputException;
import org.junit.jupiter.api.Test;

class CustomerSummariesTest {

    @Test
    void customersSharingATupleAreStoredOnceWithTheirCount() {
        CustomerSummaries s = CustomerSummaries.of(new double[] {0, 0, 2, 2, 2}, new double[] {0, 0, 5, 5, 6},
                new double[] {10, 10, 10, 10, 10}, new double[] {0, 0, 20, 20, 20});
        assertThat(s.customers()).isEqualTo(5);
        assertThat(s.uniqueTuples()).isEqualTo(3);
        assertThat(s.count).containsExactly(2, 2, 1);
        // Gamma-Gamma needs only (x, m_x) of repeat buyers: one pair (2, 20) for three customers.
        assertThat(s.repeatCustomers()).isEqualTo(3);
        assertThat(s.spendCount).containsExactly(3);
    }

    @Test
    void cdnowHasFarFewerUniqueTuplesThanCustomers() {
        CustomerSummaries s = Cdnow.calibration().summaries();
        assertThat(s.customers()).isEqualTo(2357);
        // 1,411 customers with x = 0 share at most 84 values of T (births 1997-01-01 to 1997-03-25).
        assertThat(s.uniqueTuples()).isLessThanOrEqualTo(946 + 84);
    }

    @Test
    void uncompressedSummariesKeepEveryCustomerAndGiveTheSameLikelihood() {
        Cdnow data = Cdnow.calibration();
        CustomerSummaries flat = CustomerSummaries.uncompressed(data.x, data.tx, data.T);
        BgNbdParams params = BgNbdParams.of(0.2425982, 4.4136842, 0.7929899, 2.4261667);
        assertThat(flat.uniqueTuples()).isEqualTo(2357);
        assertThat(BgNbdModel.logLikelihood(params, flat))
                .isCloseTo(BgNbdModel.logLikelihood(params, data.summaries()), within(1e-8));
    }

    @Test
    void distinctTimesIndexBothRecencyAndAgeAndTreatMinusZeroAsZero() {
        CustomerSummaries s = CustomerSummaries.of(new double[] {0, 1, 2}, new double[] {-0.0, 4, 10},
                new double[] {10, 10, 12});
        assertThat(s.times.values()).containsExactly(0, 4, 10, 12);
        assertThat(s.times.index()[0]).containsExactly(0, 1, 2);
        assertThat(s.times.index()[1]).containsExactly(2, 2, 3);
        assertThat(s.countByFrequency).containsExactly(1, 1, 1);
    }

    @Test
    void recencyAfterTheEndOfCalibrationIsAnInputErrorNamingTheRow() {
        assertThatThrownBy(() -> CustomerSummaries.of(new double[] {1, 1}, new double[] {3, 12},
                new double[] {10, 10}))
                .isInstanceOf(PulseInputException.class)
                .satisfies(e -> {
                    PulseInputException p = (PulseInputException) e;
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.field()).contains("t_x");
                });
    }

    @Test
    void fractionalRepeatCountIsAnInputError() {
        assertThatThrownBy(() -> CustomerSummaries.of(new double[] {1.5}, new double[] {3}, new double[] {10}))
                .isInstanceOf(PulseInputException.class);
    }
}
