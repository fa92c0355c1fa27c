package io.pulse.bench.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Both benchmarks at a size that runs in seconds, checking what they report rather than how fast. */
class ModelsBenchTest {

    @Test
    void bgNbdOnTwentyThousandSimulatedCustomersRecoversTheTruthRoughly() {
        ModelsBench.BgNbdResult r = ModelsBench.bgNbd(20_000, 1, 1, 1);
        assertThat(r.uniqueTuples()).isLessThan(20_000);
        // 20,000 customers pin r and alpha to a few percent; a and b are looser (CDNOW's se of b is 29%).
        assertThat(r.fitted().r()).isCloseTo(ModelsBench.TRUTH.r(), within(0.1 * ModelsBench.TRUTH.r()));
        assertThat(r.fitted().alpha()).isCloseTo(ModelsBench.TRUTH.alpha(), within(0.15 * ModelsBench.TRUTH.alpha()));
        assertThat(r.fitted().a()).isCloseTo(ModelsBench.TRUTH.a(), within(0.5 * ModelsBench.TRUTH.a()));
        assertThat(r.fittedUncompressed().logLikelihood()).isCloseTo(r.fitted().logLikelihood(), within(1e-6));
    }

    @Test
    void kMeansOnAWellSeparatedMixtureFindsEveryPlantedCentre() {
        ModelsBench.KMeansBench r = ModelsBench.kMeans(20_000, 1, 1, 3);
        assertThat(r.oneToOne()).isTrue();
        assertThat(r.worstCentreError()).isLessThan(0.1);
        assertThat(r.labelAgreement()).isEqualTo(1.0);
    }

    @Test
    void reportIsAMarkdownTableWithTheGoal() {
        ModelsBench.Options o = ModelsBench.Options.parse(new String[] {"--customers=2000", "--points=2000",
            "--rounds=1", "--slow-rounds=1"});
        String report = ModelsBench.markdown(o, ModelsBench.bgNbd(o.customers(), 1, 1, 5),
                ModelsBench.kMeans(o.points(), 1, 1, 5));
        assertThat(report).startsWith("## Model fitting").contains("| BG/NBD | fit after compression").contains("< 1 s");
    }
}
