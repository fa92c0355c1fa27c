package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.core.segments.SegmentProfile.AttributeLift;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentProfileTest {

    // five users: segment 0 = users 0-1, segment 1 = users 2-4
    private static final int[] ASSIGNMENTS = {0, 0, 1, 1, 1};
    private static final double[][] ORDERS = {{2, 4, 1, 1, 2}};
    private static final double[] REVENUE = {50, 30, 10, 5, 5};
    private static final String[] ATTRIBUTES = {"country", "device", "plan"};
    private static final String[][] VALUES = {
        {"DE", "DE", "FR", "FR", "DE"},
        {"ios", "android", "android", "android", "ios"},
        {"pro", "pro", "free", "basic", "free"},
    };

    private static List<SegmentProfile> profiles() {
        return SegmentProfile.of(ASSIGNMENTS, new String[] {"orders"}, ORDERS, REVENUE, ATTRIBUTES, VALUES);
    }

    @Test
    void sizesAndSharesOfUsersAndRevenueMatchTheFixture() {
        List<SegmentProfile> p = profiles();
        assertThat(p).hasSize(2);
        assertThat(p.get(0).size()).isEqualTo(2);
        assertThat(p.get(0).userShare()).isCloseTo(0.4, within(1e-12));
        assertThat(p.get(0).revenueShare()).isCloseTo(0.8, within(1e-12)); // 80 of 100
        assertThat(p.get(1).size()).isEqualTo(3);
        assertThat(p.get(1).userShare()).isCloseTo(0.6, within(1e-12));
        assertThat(p.get(1).revenueShare()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void featureLiftIsTheSegmentMeanOverThePopulationMean() {
        // population mean 10/5 = 2; segment 0 mean 3 → lift 1.5; segment 1 mean 4/3 → lift 2/3.
        SegmentProfile.FeatureLift first = profiles().get(0).features().get(0);
        assertThat(first.feature()).isEqualTo("orders");
        assertThat(first.segmentMean()).isCloseTo(3, within(1e-12));
        assertThat(first.populationMean()).isCloseTo(2, within(1e-12));
        assertThat(first.lift()).isCloseTo(1.5, within(1e-12));
        assertThat(profiles().get(1).features().get(0).lift()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void overRepresentedValuesAreRankedByLiftAndUnderRepresentedOnesLeftOut() {
        // segment 0: plan=pro 1/0.4 = 2.5, country=DE 1/0.6 = 5/3, device=ios 0.5/0.4 = 1.25; android 0.5/0.6 < 1.
        List<AttributeLift> over = profiles().get(0).overRepresented();
        assertThat(over).extracting(AttributeLift::value).containsExactly("pro", "DE", "ios");
        assertThat(over.get(0).lift()).isCloseTo(2.5, within(1e-12));
        assertThat(over.get(1).lift()).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(over.get(2).lift()).isCloseTo(1.25, within(1e-12));
        assertThat(over.get(1).segmentShare()).isCloseTo(1.0, within(1e-12));
        assertThat(over.get(1).populationShare()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void onlyTheTopThreeOverRepresentedValuesAreKept() {
        // segment 1: FR, free and basic all at lift 5/3; android at (2/3)/0.6 = 10/9 is fourth and dropped.
        List<AttributeLift> over = profiles().get(1).overRepresented();
        assertThat(over).extracting(AttributeLift::value).containsExactlyInAnyOrder("FR", "free", "basic");
        assertThat(over).allSatisfy(a -> assertThat(a.lift()).isCloseTo(5.0 / 3, within(1e-12)));
    }

    @Test
    void missingValuesAreLeftOutOfBothMeans() {
        // order value of users 0, 2, 3, 4 (user 1 has not bought): population mean (60+20+30+40)/4 = 37.5;
        // segment 0 has only user 0 (60), lift 1.6; segment 1 mean 30, lift 0.8.
        double[][] aov = {{60, Double.NaN, 20, 30, 40}};
        List<SegmentProfile> p = SegmentProfile.of(ASSIGNMENTS, new String[] {"aov"}, aov, REVENUE, ATTRIBUTES, VALUES);
        assertThat(p.get(0).features().get(0).populationMean()).isCloseTo(37.5, within(1e-12));
        assertThat(p.get(0).features().get(0).segmentMean()).isCloseTo(60, within(1e-12));
        assertThat(p.get(0).features().get(0).lift()).isCloseTo(1.6, within(1e-12));
        assertThat(p.get(1).features().get(0).segmentMean()).isCloseTo(30, within(1e-12));
    }

    @Test
    void aSegmentWithNoValueOfAFeatureHasNoMeanForIt() {
        double[][] aov = {{Double.NaN, Double.NaN, 20, 30, 40}};
        SegmentProfile.FeatureLift first = SegmentProfile.of(ASSIGNMENTS, new String[] {"aov"}, aov, REVENUE, ATTRIBUTES,
                VALUES).get(0).features().get(0);
        assertThat(first.segmentMean()).isNaN();
        assertThat(first.lift()).isNaN();
    }
}
