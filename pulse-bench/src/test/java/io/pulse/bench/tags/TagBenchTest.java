package io.pulse.bench.tags;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.core.tags.AudienceExpression;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The benchmark at a size that runs in seconds, checking what it reports rather than how fast. */
class TagBenchTest {

    @Test
    void theSyntheticTagsHaveTheDesignedShape() {
        SyntheticTags tags = SyntheticTags.generate(100_000, 1);
        assertThat(tags.size()).isEqualTo(50);
        RoaringBitmap regions = new RoaringBitmap();
        long regionTotal = 0;
        for (int t = 0; t < tags.size(); t++) {
            RoaringBitmap tag = tags.bitmaps.get(t);
            assertThat(tag.getCardinality()).as(tags.names.get(t)).isEqualTo(tags.bitSets.get(t).cardinality());
            if (tags.names.get(t).startsWith("region:")) {
                regions.or(tag);
                regionTotal += tag.getCardinality();
            }
        }
        // Every user has exactly one region.
        assertThat(regions.getCardinality()).isEqualTo(100_000);
        assertThat(regionTotal).isEqualTo(100_000);
        RoaringBitmap top = tags.bitmaps.get(tags.names.indexOf("top_spender"));
        RoaringBitmap high = tags.bitmaps.get(tags.names.indexOf("high_value"));
        // Nested on one trait: most top spenders are high value, far above the 20% chance would give.
        assertThat((double) RoaringBitmap.andCardinality(top, high) / top.getCardinality()).isGreaterThan(0.8);
    }

    @Test
    void bitSetsAndThePerUserLoopCountEveryQueryAsRoaringDoes() {
        SyntheticTags tags = SyntheticTags.generate(50_000, 2);
        TagBench.Options o = TagBench.Options.parse(new String[] {"--reps=1", "--loop-reps=1"});
        List<TagBench.QueryResult> results = TagBench.queries(tags, o);
        assertThat(results).hasSize(TagBench.QUERIES.size()).allSatisfy(r -> assertThat(r.count()).isPositive());
    }

    @Test
    void theBitSetPeerComplementsWithinTheUsers() {
        BitSet a = new BitSet();
        a.set(1);
        a.set(3);
        BitSet b = new BitSet();
        b.set(3);
        AudienceExpression e = AudienceExpression.parse("not a or (a and not b)");
        // Users 0..4: not a = {0, 2, 4}; a and not b = {1}.
        assertThat(AudiencePeers.evaluate(e.root(), Map.of("a", a, "b", b), 5))
                .isEqualTo(BitSet.valueOf(new long[] {0b10111}));
        boolean[] ca = {false, true, false, true, false};
        boolean[] cb = {false, false, false, true, false};
        assertThat(AudiencePeers.count(AudiencePeers.compile(e.root(), Map.of("a", ca, "b", cb)), 5)).isEqualTo(4);
    }

    @Test
    void levelWiseCountsAHandExample() {
        // Users 0..5; tag 0 = {0,1,2,3}, tag 1 = {0,1,2}, tag 2 = {0,1,4}, tag 3 = {5}.
        List<RoaringBitmap> tags = List.of(RoaringBitmap.bitmapOf(0, 1, 2, 3), RoaringBitmap.bitmapOf(0, 1, 2),
                RoaringBitmap.bitmapOf(0, 1, 4), RoaringBitmap.bitmapOf(5));
        assertThat(LevelWise.mine(tags, 2, 3)).isEqualTo(Map.of(
                List.of(0), 4L, List.of(1), 3L, List.of(2), 3L,
                List.of(0, 1), 3L, List.of(0, 2), 2L, List.of(1, 2), 2L,
                List.of(0, 1, 2), 2L));
    }

    @Test
    void fpGrowthAndLevelWiseFindTheSameItemsetsAndTheReportSaysSo() {
        SyntheticTags tags = SyntheticTags.generate(20_000, 3);
        TagBench.Options o = TagBench.Options.parse(new String[] {"--reps=1", "--loop-reps=1", "--fp-users=20000",
            "--fp-rounds=1", "--min-support=0.02", "--max-size=3"});
        TagBench.FpResult fp = TagBench.frequentItemsets(tags, o);
        assertThat(fp.bySize()).containsKeys(1, 2, 3);
        String report = TagBench.report(tags, o, TagBench.queries(tags, o), fp);
        assertThat(report).contains("| query | users | Pulse (Roaring) | BitSet | per-user loop |")
                .contains("Both found the same itemsets with the same counts.");
    }
}
