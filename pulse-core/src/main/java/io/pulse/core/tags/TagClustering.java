package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Agglomerative hierarchical clustering of tags with average linkage (UPGMA): start with each tag
 * alone and repeatedly merge the two closest clusters, where the distance between clusters is the mean
 * distance over all pairs of their members. Average linkage has no inversions (heights never fall), so
 * cutting at a height is well defined, and unlike single linkage it does not chain distinct groups
 * through one bridging tag. Between tags the distance is 1 - Jaccard of their users.
 *
 * <p>The straightforward O(k³) algorithm with the Lance–Williams update: fine for the tens or hundreds
 * of tags a store defines. Ties go to the pair found first (lowest indexes), so runs are repeatable.
 */
public final class TagClustering {

    /** Tags merged below this distance (Jaccard above 0.8) are offered as merge candidates. */
    public static final double DEFAULT_MERGE_HEIGHT = 0.2;

    private final List<String> names;
    private final List<TagMerge> merges;

    private TagClustering(List<String> names, List<TagMerge> merges) {
        this.names = List.copyOf(names);
        this.merges = List.copyOf(merges);
    }

    /** Clusters on distance 1 - Jaccard. */
    public static TagClustering of(TagOverlap overlap) {
        double[][] jaccard = overlap.jaccardMatrix();
        double[][] distance = new double[jaccard.length][jaccard.length];
        for (int i = 0; i < jaccard.length; i++) {
            for (int j = 0; j < jaccard.length; j++) {
                distance[i][j] = i == j ? 0 : 1 - jaccard[i][j];
            }
        }
        return averageLinkage(overlap.names(), distance);
    }

    /** @param distance symmetric k × k, zero diagonal */
    public static TagClustering averageLinkage(List<String> names, double[][] distance) {
        int k = names.size();
        if (distance.length != k) {
            throw new IllegalArgumentException(k + " names for a " + distance.length + "-row distance matrix");
        }
        double[][] d = new double[k][];
        for (int i = 0; i < k; i++) {
            d[i] = distance[i].clone();
        }
        int[] id = new int[k];
        int[] size = new int[k];
        boolean[] active = new boolean[k];
        for (int i = 0; i < k; i++) {
            id[i] = i;
            size[i] = 1;
            active[i] = true;
        }
        List<TagMerge> merges = new ArrayList<>();
        for (int step = 0; step < k - 1; step++) {
            int bestI = -1;
            int bestJ = -1;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; active[i] && j < k; j++) {
                    if (active[j] && (bestI < 0 || d[i][j] < d[bestI][bestJ])) {
                        bestI = i;
                        bestJ = j;
                    }
                }
            }
            double height = d[bestI][bestJ];
            int merged = size[bestI] + size[bestJ];
            for (int m = 0; m < k; m++) {
                if (active[m] && m != bestI && m != bestJ) {
                    d[bestI][m] = (size[bestI] * d[bestI][m] + size[bestJ] * d[bestJ][m]) / merged;
                    d[m][bestI] = d[bestI][m];
                }
            }
            merges.add(new TagMerge(Math.min(id[bestI], id[bestJ]), Math.max(id[bestI], id[bestJ]), height, merged));
            id[bestI] = k + step;
            size[bestI] = merged;
            active[bestJ] = false;
        }
        return new TagClustering(names, merges);
    }

    public List<String> names() {
        return names;
    }

    /** The k - 1 merges in order, heights non-decreasing. */
    public List<TagMerge> merges() {
        return merges;
    }

    /**
     * The clusters after every merge at or below {@code height}, singletons included, ordered by their
     * first tag.
     */
    public List<TagGroup> clustersAt(double height) {
        int k = names.size();
        List<List<Integer>> members = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        boolean[] consumed = new boolean[2 * Math.max(k, 1)];
        for (int i = 0; i < k; i++) {
            members.add(List.of(i));
            heights.add(0.0);
        }
        for (TagMerge merge : merges) {
            if (merge.height() > height) {
                break; // heights never fall, so no later merge is below the cut either
            }
            List<Integer> joined = new ArrayList<>(members.get(merge.left()));
            joined.addAll(members.get(merge.right()));
            members.add(joined);
            heights.add(merge.height());
            consumed[merge.left()] = true;
            consumed[merge.right()] = true;
        }
        List<TagGroup> groups = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            if (!consumed[c]) {
                int[] sorted = members.get(c).stream().mapToInt(Integer::intValue).sorted().toArray();
                groups.add(new TagGroup(Arrays.stream(sorted).mapToObj(names::get).toList(), heights.get(c)));
                firsts.add(sorted[0]);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            order.add(g);
        }
        order.sort(Comparator.comparingInt(firsts::get));
        return order.stream().map(groups::get).toList();
    }

    /** Clusters of two or more tags formed at or below {@code height}: candidates to merge into one tag. */
    public List<TagGroup> mergeCandidates(double height) {
        return clustersAt(height).stream().filter(g -> g.tags().size() > 1).toList();
    }
}
