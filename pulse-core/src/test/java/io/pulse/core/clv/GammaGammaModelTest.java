package io.pulse.core.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gamma-Gamma on the CDNOW repeat buyers against shared/data/cdnow/EXPECTED.md section 4. */
class GammaGammaModelTest {

    /** FH13, as cited by lifetimes, CLVTools and BTYD. */
    private static final GammaGammaParams PUBLISHED = GammaGammaParams.of(6.25, 3.74, 15.44);
    /** The unrounded MLE behind CLVTools' LL of -4055.9177. */
    private static final GammaGammaParams MLE = GammaGammaParams.of(6.24957, 3.74422, 15.44352);

    @Test
    void fitOnTheCdnowRepeatBuyersReproducesThePublishedParametersAndLogLikelihood() {
        CustomerSummaries data = Cdnow.calibration().summaries();
        GammaGammaParams fit = GammaGammaModel.fit(data);
        assertThat(data.repeatCustomers()).isEqualTo(946);
        assertThat(fit.p()).isCloseTo(6.25, within(0.01));
        assertThat(fit.q()).isCloseTo(3.74, within(0.01));
        assertThat(fit.gamma()).isCloseTo(15.44, within(0.01));
        assertThat(fit.logLikelihood()).isCloseTo(-4055.9177, within(1e-3));
    }

    @Test
    void logLikelihoodAtTheRoundedPublishedParametersIsMinus4055Point919() {
        assertThat(GammaGammaModel.logLikelihood(PUBLISHED, Cdnow.calibration().summaries()))
                .isCloseTo(-4055.9192, within(1e-3));
    }

    @Test
    void compressedPairsGiveTheSameLogLikelihoodAsSummingEveryRepeatBuyer() {
        Cdnow data = Cdnow.calibration();
        double perCustomer = 0;
        for (int i = 0; i < data.x.length; i++) {
            if (data.x[i] > 0) {
                perCustomer += MLE.individualLogLikelihood(data.x[i], data.mx[i]);
            }
        }
        assertThat(GammaGammaModel.logLikelihood(MLE, data.summaries())).isCloseTo(perCustomer, within(1e-8));
    }

    @Test
    void expectedAverageValuesOfTheFirstTenCustomersMatchHardiesSpreadsheet() {
        Cdnow data = Cdnow.calibration();
        double[] spreadsheet = {24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17};
        for (int i = 0; i < 10; i++) {
            assertThat(PUBLISHED.conditionalExpectedAverageValue(data.x[i], data.mx[i])).as("customer %d", i + 1)
                    .isCloseTo(spreadsheet[i], within(0.1));
        }
    }

    @Test
    void expectedAverageValuesAtTheMleMatchLifetimesOnItsTwoDecimalInput() throws IOException {
        // lifetimes' Quickstart figures use its own file, whose zbar is rounded to cents (22.35, not 22.345),
        // and its own fit on that file, which differs from the MLE here in the fourth figure.
        List<String> rows = Files.readAllLines(Path.of(System.getProperty("pulse.repo.root", "."))
                .resolve("../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv"));
        assertThat(rows.get(0)).isEqualTo("ID,x,t_x,T,zbar");
        double[] atMle = {24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981,
            27.282408, 35.170981};
        for (int i = 0; i < 10; i++) {
            String[] f = rows.get(i + 1).split(",");
            assertThat(MLE.conditionalExpectedAverageValue(Double.parseDouble(f[1]), Double.parseDouble(f[4])))
                    .as("customer %d", i + 1).isCloseTo(atMle[i], within(5e-3));
        }
    }

    @Test
    void customerWithNoRepeatPurchaseGetsThePopulationMeanSpend() {
        // p gamma / (q - 1); 35.17 at the MLE (the rounded 6.25, 3.74, 15.44 give 35.22).
        assertThat(PUBLISHED.conditionalExpectedAverageValue(0, 0)).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
        assertThat(MLE.conditionalExpectedAverageValue(0, 0)).isCloseTo(35.170981, within(1e-3));
    }
}
