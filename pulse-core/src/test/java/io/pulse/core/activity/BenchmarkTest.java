package io.pulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchmarkTest {

    /**
     * Ten users known from 2025-01-01. Active: January users 0-1, February 0-2, March 0-2,
     * and all ten in the first days of April.
     */
    private static Fixture tenUsers() {
        Fixture f = Fixture.users(10);
        for (int u = 0; u < 10; u++) {
            f.known(u, "2025-01-01").events(u, "2025-04-02");
            if (u < 2) {
                f.events(u, "2025-01-10");
            }
            if (u < 3) {
                f.events(u, "2025-02-10", "2025-03-10");
            }
        }
        return f;
    }

    @Test
    void theRateIsTheMeanOverFullMonthsOnly() {
        // Jan 0.2, Feb 0.3, Mar 0.3: 0.8 / 3 = 0.2667. April (1.0) is cut at the 10th and left out.
        BenchmarkVerdict v = tenUsers().analyze("2025-01-01", "2025-04-10").benchmark();
        assertThat(v.activeRate()).isCloseTo(0.8 / 3, within(1e-12));
        assertThat(v.position()).isEqualTo("below");
        assertThat(v.verdict()).isEqualTo("Your monthly active rate averages 26.7% over 3 full months, below the"
                + " industry band of 30–40%: about 1 in 4 known customers does anything in a month."
                + " Look at who lapses after their first month (retention table) before buying more traffic.");
    }

    @Test
    void withoutFullMonthsTheRateIsTheMeanOverAllMonths() {
        // March 10..31: 3 of 10; April 1..10: 10 of 10. (0.3 + 1.0) / 2 = 0.65.
        BenchmarkVerdict v = tenUsers().analyze("2025-03-10", "2025-04-10").benchmark();
        assertThat(v.activeRate()).isCloseTo(0.65, within(1e-12));
        assertThat(v.verdict()).startsWith("Your monthly active rate averages 65.0% over 2 partial months, above");
    }

    @Test
    void theBenchmarkIsComputedEvenWhenMonthsAreNotReported() {
        BenchmarkVerdict v = tenUsers().analyze(ActivityOptions.defaults()
                .withGranularities(Granularity.DAY)
                .withRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-04-10"))).benchmark();
        assertThat(v.activeRate()).isCloseTo(0.8 / 3, within(1e-12));
    }

    @Test
    void monthsWithoutKnownUsersAreLeftOut() {
        // December: nobody known yet. January 1 of 1, February 0 of 1: mean 0.5 over 2 months.
        BenchmarkVerdict v = Fixture.users(1).known(0, "2025-01-05").events(0, "2025-01-06")
                .analyze("2024-12-01", "2025-02-28").benchmark();
        assertThat(v.activeRate()).isEqualTo(0.5);
        assertThat(v.verdict()).contains("over 2 full months");
    }

    @Test
    void theVerdictReadsAsTheExampleSentence() {
        assertThat(ActivityAnalyzer.verdict(BenchmarkBand.DEFAULT, 0.274, 11, true).verdict())
                .isEqualTo("Your monthly active rate averages 27.4% over 11 full months, below the industry band"
                        + " of 30–40%: about 1 in 4 known customers does anything in a month. Look at who lapses"
                        + " after their first month (retention table) before buying more traffic.");
    }

    @Test
    void aRateWithinTheBandSaysSo() {
        assertThat(ActivityAnalyzer.verdict(BenchmarkBand.DEFAULT, 0.35, 1, true).verdict())
                .isEqualTo("Your monthly active rate averages 35.0% over 1 full month, within the industry band"
                        + " of 30–40%: about 1 in 3 known customers does anything in a month. Watch the lapsed"
                        + " and resurrecting counts (lifecycle table) to stay there.");
    }

    @Test
    void aRateAboveTheBandCountsInTenths() {
        assertThat(ActivityAnalyzer.verdict(BenchmarkBand.DEFAULT, 0.62, 4, true).verdict())
                .contains("above the industry band of 30–40%: about 6 in 10 known customers do something");
    }

    @ParameterizedTest
    @CsvSource({"0.29, below", "0.30, within", "0.35, within", "0.40, within", "0.41, above"})
    void theBandEdgesCountAsWithin(double rate, String position) {
        assertThat(ActivityAnalyzer.verdict(BenchmarkBand.DEFAULT, rate, 3, true).position()).isEqualTo(position);
    }

    @Test
    void aBandAskingForMoreThanEveryoneIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BenchmarkBand(0.5, 1.2))
                .isInstanceOf(io.pulse.core.PulseInputException.class);
    }
}
