package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class TagOverlapTest {

    @Test
    void phiJaccardAndConditionalsMatchTheTwoByTwoTableByHand() {
        // n = 10, a = {0..3}, b = {2..5}: n11 = 2, n10 = 2, n01 = 2, n00 = 4.
        TagOverlap overlap = TagOverlap.of(List.of("a", "b"),
                List.of(RoaringBitmap.bitmapOfRange(0, 4), RoaringBitmap.bitmapOfRange(2, 6)), 10);
        // phi = (2 × 4 - 2 × 2) / sqrt(4 × 6 × 4 × 6) = 4 / 24.
        assertThat(overlap.phi(0, 1)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(overlap.jaccard(0, 1)).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(overlap.conditional(1, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(overlap.coverage(0)).isCloseTo(0.4, within(1e-12));
        TagPair pair = overlap.pair(0, 1);
        assertThat(pair).isEqualTo(new TagPair("a", "b", 4, 4, 2, overlap.jaccard(0, 1), overlap.phi(0, 1), 0.5, 0.5));
        assertThat(overlap.pairs()).containsExactly(pair);
    }

    @Test
    void phiIsPearsonsCorrelationOfTheIndicators() {
        int n = 50;
        RoaringBitmap a = new RoaringBitmap();
        RoaringBitmap b = new RoaringBitmap();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int u = 0; u < n; u++) {
            x[u] = (u * 7 % 11) < 4 ? 1 : 0;
            y[u] = (u * 3 % 5) < 2 || x[u] == 1 && u % 2 == 0 ? 1 : 0;
            if (x[u] == 1) {
                a.add(u);
            }
            if (y[u] == 1) {
                b.add(u);
            }
        }
        TagOverlap overlap = TagOverlap.of(List.of("a", "b"), List.of(a, b), n);
        assertThat(overlap.phi(0, 1)).isCloseTo(pearson(x, y), within(1e-12));
        assertThat(overlap.phiMatrix()[1][0]).isEqualTo(overlap.phi(0, 1));
    }

    @Test
    void aTagThatHoldsEveryoneHasNoPhi() {
        TagOverlap overlap = TagOverlap.of(List.of("all", "some"),
                List.of(RoaringBitmap.bitmapOfRange(0, 4), RoaringBitmap.bitmapOf(1)), 4);
        assertThat(overlap.phi(0, 1)).isNaN();
    }

    @Test
    void impliedPairsAreCalledOutButNotTowardsATagEveryoneHas() {
        // vip ⊂ high_value; everyone_but_one covers 99 of 100 users.
        RoaringBitmap vip = RoaringBitmap.bitmapOfRange(0, 10);
        RoaringBitmap highValue = RoaringBitmap.bitmapOfRange(0, 30);
        RoaringBitmap nearlyAll = RoaringBitmap.bitmapOfRange(1, 100);
        TagOverlap overlap = TagOverlap.of(List.of("vip", "high_value", "nearly_all"),
                List.of(vip, highValue, nearlyAll), 100);
        List<TagImplication> implied = overlap.implied(TagOverlap.DEFAULT_IMPLICATION);
        assertThat(implied).containsExactly(new TagImplication("vip", "high_value", 10, 1.0, 1 / 0.3));
    }

    @Test
    void commonTagsThatNeverMeetAreContradictoryButValuesOfOneAttributeAreNot() {
        // new_user 40 and loyal 40 of 100 never meet: independence expects 16 together.
        // rare_a 3 and rare_b 3 never meet: independence expects 0.09, no finding.
        TagOverlap overlap = TagOverlap.of(
                List.of("new_user", "loyal", "rare_a", "rare_b", "region:east", "region:north"),
                List.of(RoaringBitmap.bitmapOfRange(0, 40), RoaringBitmap.bitmapOfRange(40, 80),
                        RoaringBitmap.bitmapOf(80, 81, 82), RoaringBitmap.bitmapOf(83, 84, 85),
                        parity(0), parity(1)), 100);
        List<TagPair> contradictory = overlap.contradictory();
        assertThat(contradictory).extracting(p -> p.a() + "/" + p.b()).containsExactly("new_user/loyal");
        // phi = (0 × 20 - 40 × 40) / sqrt(40 × 60 × 40 × 60) = -1600 / 2400.
        assertThat(contradictory.get(0).phi()).isCloseTo(-2.0 / 3, within(1e-12));
    }

    /** The even (0) or odd (1) users of 100: an attribute unrelated to the other tags. */
    private static RoaringBitmap parity(int remainder) {
        RoaringBitmap users = new RoaringBitmap();
        for (int u = remainder; u < 100; u += 2) {
            users.add(u);
        }
        return users;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
