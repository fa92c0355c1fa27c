package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.core.segments.SegmentProfile.FeatureLift;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentNamesTest {

    /** A profile with the given lift per behaviour feature (in declaration order) and 1 for the rest. */
    private static SegmentProfile profile(double... lifts) {
        List<FeatureLift> f = new ArrayList<>();
        BehaviourFeature[] all = BehaviourFeature.values();
        for (int i = 0; i < all.length; i++) {
            double lift = i < lifts.length ? lifts[i] : 1;
            f.add(new FeatureLift(all[i].column(), lift, 1, lift));
        }
        return new SegmentProfile(0, 10, 0.1, 0.1, f, List.of());
    }

    @Test
    void theTwoFeaturesFurthestFromThePopulationNameTheSegment() {
        // purchases 0.4 (|ln| 0.92), visits 1, browse 8 (2.08), views 1, AOV 2 (0.69)
        assertThat(SegmentNames.name(profile(0.4, 1, 8, 1, 2))).isEqualTo("Long browsers · rare buyers");
    }

    @Test
    void oneThemeIsSaidOnce() {
        // browse minutes 8 and views per visit 6 are both browsing: the second word goes to AOV 2
        assertThat(SegmentNames.name(profile(1, 1, 8, 6, 2))).isEqualTo("Long browsers · big baskets");
    }

    @Test
    void recencyCountsHalf() {
        // days since last visit 0.3 (|ln| 1.20, weighted 0.60) loses to AOV 2 (0.69)
        assertThat(SegmentNames.name(profile(1, 1, 8, 1, 2, 1, 1, 0.3))).isEqualTo("Long browsers · big baskets");
    }

    @Test
    void aSegmentCloseToThePopulationIsTypical() {
        assertThat(SegmentNames.name(profile(1.2, 0.9, 1.4))).isEqualTo("Typical customers");
    }

    @Test
    void repeatedNamesAreNumbered() {
        assertThat(SegmentNames.nameAll(List.of(profile(3), profile(4), profile(1, 3))))
                .containsExactly("Frequent buyers", "Frequent buyers (2)", "Frequent visitors");
    }
}
