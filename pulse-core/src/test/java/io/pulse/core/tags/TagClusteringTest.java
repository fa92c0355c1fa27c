package io.pulse.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class TagClusteringTest {

    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
    /** a–b close, c–d fairly close, e far from all. */
    private static final double[][] DISTANCE = {
        {0.0, 0.1, 0.8, 0.9, 0.95},
        {0.1, 0.0, 0.7, 1.0, 0.97},
        {0.8, 0.7, 0.0, 0.3, 0.99},
        {0.9, 1.0, 0.3, 0.0, 0.93},
        {0.95, 0.97, 0.99, 0.93, 0.0},
    };

    @Test
    void averageLinkageMergesTheClosestPairsFirstAtTheMeanDistanceBetweenMembers() {
        List<TagMerge> merges = TagClustering.averageLinkage(NAMES, DISTANCE).merges();
        assertThat(merges).hasSize(4);
        assertThat(merges.get(0)).isEqualTo(new TagMerge(0, 1, 0.1, 2));
        assertThat(merges.get(1)).isEqualTo(new TagMerge(2, 3, 0.3, 2));
        // {a,b} to {c,d}: (0.8 + 0.9 + 0.7 + 1.0) / 4 = 0.85; to e: 0.96 and 0.96, so {a,b}+{c,d} first.
        assertThat(merges.get(2).left()).isEqualTo(5);
        assertThat(merges.get(2).right()).isEqualTo(6);
        assertThat(merges.get(2).height()).isCloseTo(0.85, within(1e-12));
        // e to {a,b,c,d}: (0.95 + 0.97 + 0.99 + 0.93) / 4 = 0.96.
        assertThat(merges.get(3).left()).isEqualTo(4);
        assertThat(merges.get(3).right()).isEqualTo(7);
        assertThat(merges.get(3).height()).isCloseTo(0.96, within(1e-12));
        assertThat(merges.get(3).size()).isEqualTo(5);
    }

    @Test
    void cuttingAtAHeightKeepsOnlyTheMergesBelowIt() {
        TagClustering clustering = TagClustering.averageLinkage(NAMES, DISTANCE);
        assertThat(clustering.clustersAt(0.05)).extracting(TagGroup::tags)
                .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"), List.of("e"));
        assertThat(clustering.clustersAt(0.5)).containsExactly(new TagGroup(List.of("a", "b"), 0.1),
                new TagGroup(List.of("c", "d"), 0.3), new TagGroup(List.of("e"), 0));
        assertThat(clustering.clustersAt(1.0)).extracting(TagGroup::tags)
                .containsExactly(List.of("a", "b", "c", "d", "e"));
        assertThat(clustering.mergeCandidates(TagClustering.DEFAULT_MERGE_HEIGHT))
                .containsExactly(new TagGroup(List.of("a", "b"), 0.1));
    }

    @Test
    void nearDuplicateTagsAreMergeCandidatesOnOneMinusJaccard() {
        // big_spender and high_value share 90 of 100 users (Jaccard 0.9), mobile is unrelated.
        TagOverlap overlap = TagOverlap.of(List.of("high_value", "mobile", "big_spender"),
                List.of(RoaringBitmap.bitmapOfRange(0, 95), RoaringBitmap.bitmapOfRange(150, 300),
                        RoaringBitmap.bitmapOfRange(5, 100)), 400);
        TagClustering clustering = TagClustering.of(overlap);
        assertThat(clustering.merges().get(0).height()).isCloseTo(1 - 90.0 / 100, within(1e-12));
        assertThat(clustering.mergeCandidates(TagClustering.DEFAULT_MERGE_HEIGHT)).extracting(TagGroup::tags)
                .containsExactly(List.of("high_value", "big_spender"));
    }
}
