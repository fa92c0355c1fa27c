package io.pulse.store.clv;

import io.pulse.core.PulseInputException;
import io.pulse.core.clv.CustomerSummaries;
import io.pulse.core.clv.GammaGammaModel;
import io.pulse.core.clv.GammaGammaParams;
import io.pulse.store.PulseStore;
import io.pulse.store.TestFiles;
import io.pulse.store.ingest.IngestRequest;
import io.pulse.store.ingest.Ingestor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;

import static io.pulse.store.TestFiles.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The CDNOW 1/10th sample through the cdnow-sample mapping reproduces the published BTYD figures of
 * shared/data/cdnow/EXPECTED.md: the calibration summaries of §1, then the fits of §2-§4.
 */
class ClvCdnowTest {

    private static final LocalDate CUTOFF = LocalDate.of(1997, 9, 30);

    @TempDir
    static Path dir;
    static PulseStore store;
    static CalibrationSummaries weeks;

    @BeforeAll
    static void ingestTheSample() {
        store = PulseStore.open(dir.resolve("pulse.duckdb"));
        Ingestor.ingestEvents(store, IngestRequest.of(TestFiles.sharedData("cdnow/CDNOW_sample.txt"),
                Ingestor.eventMapping("cdnow-sample")));
        weeks = CalibrationSummaries.compute(store, CUTOFF, ClvUnit.WEEK);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private int index(String sampleId) {
        int i = weeks.userIds().indexOf(sampleId);
        assertThat(i).as("customer " + sampleId).isNotNegative();
        return i;
    }

    @Test
    void summariesCountTheCustomersAndRepeatPurchasesOfSection1() {
        assertThat(weeks.customers()).isEqualTo(2357);
        assertThat(Arrays.stream(weeks.x()).sum()).isEqualTo(2457);
        assertThat(Arrays.stream(weeks.x()).filter(x -> x > 0).count()).isEqualTo(946);
    }

    @Test
    void customer1516HasTheWalkthroughsRecencyAndFrequency() {
        int i = index("1516");
        assertThat(weeks.x()[i]).isEqualTo(26);
        assertThat(weeks.tx()[i]).isCloseTo(30.85714, within(1e-5));
        assertThat(weeks.T()[i]).isEqualTo(31.0);
    }

    @Test
    void customer1HasTheWalkthroughsSummaryWithMeanRepeatSpend() {
        int i = index("0001");
        assertThat(weeks.x()[i]).isEqualTo(2);
        assertThat(weeks.tx()[i]).isCloseTo(30.428571, within(1e-6));
        assertThat(weeks.T()[i]).isCloseTo(38.857143, within(1e-6));
        assertThat(weeks.mx()[i]).isCloseTo(22.345, within(1e-9));
    }

    @Test
    void bgNbdFitMatchesFhl05aAndBtyd() {
        ClvRun.Result r = ClvRun.fit(weeks, ClvRun.Options.defaults(ClvModel.BGNBD, CUTOFF, ClvUnit.WEEK));
        assertThat(r.params().get("r")).isCloseTo(0.2426, within(0.005));
        assertThat(r.params().get("alpha")).isCloseTo(4.414, within(0.005));
        assertThat(r.params().get("a")).isCloseTo(0.793, within(0.005));
        assertThat(r.params().get("b")).isCloseTo(2.426, within(0.005));
        assertThat(r.logLikelihood()).isCloseTo(-9582.43, within(0.01));
    }

    @Test
    void paretoNbdFitMatchesTheWalkthroughsLogLikelihood() {
        ClvRun.Result r = ClvRun.fit(weeks, ClvRun.Options.defaults(ClvModel.PARETO, CUTOFF, ClvUnit.WEEK));
        assertThat(r.logLikelihood()).isCloseTo(-9594.98, within(0.01));
        assertThat(r.params().get("r")).isCloseTo(0.553, within(0.01));
        assertThat(r.params().get("alpha")).isCloseTo(10.58, within(0.1));
    }

    @Test
    void gammaGammaFitMatchesFh13OnTheNineHundredFortySixRepeaters() {
        CustomerSummaries spend = weeks.withSpend();
        assertThat(spend.repeatCustomers()).isEqualTo(946);
        GammaGammaParams p = GammaGammaModel.fit(spend);
        assertThat(p.p()).isCloseTo(6.25, within(0.01));
        assertThat(p.q()).isCloseTo(3.74, within(0.01));
        assertThat(p.gamma()).isCloseTo(15.44, within(0.05));
        assertThat(p.logLikelihood()).isCloseTo(-4055.9177, within(0.01));
    }

    @Test
    void runWritesOneRowPerCustomerWithCertainSurvivalForNonRepeaters() {
        ClvRun.Options options = ClvRun.Options.defaults(ClvModel.BGNBD, CUTOFF, ClvUnit.WEEK);
        ClvRun.run(store, options);
        ClvRun.run(store, options);
        assertThat(scalar(store, "SELECT count(*) FROM clv_customers WHERE model = 'bgnbd'")).isEqualTo("2357");
        assertThat(scalar(store, "SELECT count(*) FROM clv_customers WHERE x = 0 AND p_alive <> 1")).isEqualTo("0");
        assertThat(scalar(store, "SELECT count(*) FROM clv_customers WHERE x = 0")).isEqualTo("1411");
        assertThat(scalar(store, "SELECT count(*) FROM clv_models WHERE model = 'bgnbd'")).isEqualTo("1");
        assertThat(Double.parseDouble(scalar(store, "SELECT round(p_alive, 6) FROM clv_customers WHERE user_id = '1516'")))
                .isCloseTo(0.968852, within(1e-4));
        assertThat(Double.parseDouble(scalar(store,
                "SELECT expected_purchases FROM clv_customers WHERE user_id = '1516'"))).isCloseTo(25.75659, within(0.01));
        assertThat(Double.parseDouble(scalar(store,
                "SELECT expected_aov FROM clv_customers WHERE user_id = '0001'"))).isCloseTo(24.658619, within(0.01));
        assertThat(Double.parseDouble(scalar(store,
                "SELECT expected_aov FROM clv_customers WHERE x = 0 LIMIT 1"))).isCloseTo(35.17, within(0.01));
        assertThat(scalar(store, "SELECT count(*) FROM clv_customers WHERE clv IS NULL OR clv < 0")).isEqualTo("0");
    }

    @Test
    void paretoNbdRunValuesEveryCustomerAndAgreesWithBgNbdOnTheTotal() {
        ClvRun.Result pareto = ClvRun.fit(weeks, ClvRun.Options.defaults(ClvModel.PARETO, CUTOFF, ClvUnit.WEEK));
        ClvRun.Result bgNbd = ClvRun.fit(weeks, ClvRun.Options.defaults(ClvModel.BGNBD, CUTOFF, ClvUnit.WEEK));
        assertThat(pareto.values()).allSatisfy(v -> assertThat(v.clv()).isNotNull().isNotNegative());
        double paretoTotal = pareto.values().stream().mapToDouble(ClvRun.CustomerValue::clv).sum();
        double bgNbdTotal = bgNbd.values().stream().mapToDouble(ClvRun.CustomerValue::clv).sum();
        // FHL05a: the two models' individual expectations correlate at 0.996; totals differ by a few percent.
        assertThat(paretoTotal).isCloseTo(bgNbdTotal, within(0.05 * bgNbdTotal));
        assertThat(pareto.top(1).get(0).clv()).isEqualTo(
                pareto.values().stream().mapToDouble(ClvRun.CustomerValue::clv).max().orElseThrow());
    }

    @Test
    void aCutoffBeforeAnyPurchaseIsAnInputError() {
        assertThatThrownBy(() -> CalibrationSummaries.compute(store, LocalDate.of(1996, 1, 1), ClvUnit.WEEK))
                .isInstanceOf(PulseInputException.class).hasMessageContaining("no customer made a purchase");
    }

    @Test
    void unknownModelIsAnInputError() {
        assertThatThrownBy(() -> ClvModel.parse("mbgnbd")).isInstanceOf(PulseInputException.class)
                .hasMessageContaining("bgnbd, pareto or gg");
    }
}
