package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class TagStabilityTest {

    @Test
    void keptEnteredAndLeftCountTheMovesBetweenVersions() {
        // before {1,2,3,4}, after {3,4,5}: kept 2, entered 1, left 2, Jaccard 2 / 5.
        TagStability s = TagStability.of("vip", RoaringBitmap.bitmapOf(1, 2, 3, 4), RoaringBitmap.bitmapOf(3, 4, 5));
        assertThat(s).isEqualTo(new TagStability("vip", 4, 3, 2, 1, 2, 0.4));
    }

    @Test
    void aTagEmptyInBothVersionsIsPerfectlyStable() {
        assertThat(TagStability.of("none", new RoaringBitmap(), new RoaringBitmap()).jaccard()).isEqualTo(1.0);
    }
}
