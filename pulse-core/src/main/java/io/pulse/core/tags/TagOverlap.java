package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Pairwise redundancy of tags: for every pair the 2×2 table of users with and without each, from one
 * {@link RoaringBitmap#andCardinality} per pair, and the figures built on it (Jaccard, phi, the two
 * conditional probabilities). Fifty tags are 1,225 intersections of compressed bitmaps, no pass over
 * the users.
 */
public final class TagOverlap {

    /** P(b | a) at or above this calls a implied-by-a pair out. */
    public static final double DEFAULT_IMPLICATION = 0.95;
    /** A phi at or below this calls a pair contradictory. */
    public static final double CONTRADICTION_PHI = -0.5;
    /**
     * Two tags that never meet are contradictory only when independence would have put at least this
     * many users in both: two rare tags not meeting is chance, two common ones is a finding.
     */
    public static final double MIN_EXPECTED_TOGETHER = 10;

    private final List<String> names;
    private final long users;
    private final long[] counts;
    private final long[][] both;

    private TagOverlap(List<String> names, long users, long[] counts, long[][] both) {
        this.names = List.copyOf(names);
        this.users = users;
        this.counts = counts;
        this.both = both;
    }

    /** @param users the population size n; every bitmap holds indexes of these users only */
    public static TagOverlap of(List<String> names, List<RoaringBitmap> tags, long users) {
        if (names.size() != tags.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + tags.size() + " tags");
        }
        int k = tags.size();
        long[] counts = new long[k];
        long[][] both = new long[k][k];
        for (int i = 0; i < k; i++) {
            counts[i] = tags.get(i).getLongCardinality();
            if (counts[i] > users) {
                throw new IllegalArgumentException("tag '" + names.get(i) + "' holds " + counts[i]
                        + " users of " + users);
            }
            both[i][i] = counts[i];
            for (int j = 0; j < i; j++) {
                both[i][j] = RoaringBitmap.andCardinality(tags.get(i), tags.get(j));
                both[j][i] = both[i][j];
            }
        }
        return new TagOverlap(names, users, counts, both);
    }

    public List<String> names() {
        return names;
    }

    public long users() {
        return users;
    }

    public long count(int tag) {
        return counts[tag];
    }

    /** Share of users holding the tag. */
    public double coverage(int tag) {
        return users == 0 ? 0 : (double) counts[tag] / users;
    }

    public long both(int a, int b) {
        return both[a][b];
    }

    public double jaccard(int a, int b) {
        long union = counts[a] + counts[b] - both[a][b];
        return union == 0 ? 0 : (double) both[a][b] / union;
    }

    public double phi(int a, int b) {
        double n11 = both[a][b];
        double n10 = counts[a] - n11;
        double n01 = counts[b] - n11;
        double n00 = users - n11 - n10 - n01;
        double margins = (double) counts[a] * (users - counts[a]) * counts[b] * (users - counts[b]);
        return margins == 0 ? Double.NaN : (n11 * n00 - n10 * n01) / Math.sqrt(margins);
    }

    /** P(b | a). */
    public double conditional(int b, int a) {
        return counts[a] == 0 ? Double.NaN : (double) both[a][b] / counts[a];
    }

    public double[][] jaccardMatrix() {
        double[][] m = new double[names.size()][names.size()];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                m[i][j] = jaccard(i, j);
            }
        }
        return m;
    }

    public double[][] phiMatrix() {
        double[][] m = new double[names.size()][names.size()];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                m[i][j] = phi(i, j);
            }
        }
        return m;
    }

    public TagPair pair(int a, int b) {
        return new TagPair(names.get(a), names.get(b), counts[a], counts[b], both[a][b], jaccard(a, b), phi(a, b),
                conditional(b, a), conditional(a, b));
    }

    /** Every unordered pair, in index order (0,1), (0,2), ..., (1,2), ... */
    public List<TagPair> pairs() {
        List<TagPair> pairs = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            for (int b = a + 1; b < names.size(); b++) {
                pairs.add(pair(a, b));
            }
        }
        return pairs;
    }

    /**
     * Ordered pairs with P(to | from) ≥ {@code minConfidence}, strongest first. A {@code to} tag that
     * already covers that share of all users is left out: everything "implies" a tag nearly everyone has.
     */
    public List<TagImplication> implied(double minConfidence) {
        List<TagImplication> implied = new ArrayList<>();
        for (int from = 0; from < names.size(); from++) {
            for (int to = 0; to < names.size(); to++) {
                double confidence = conditional(to, from);
                if (to != from && confidence >= minConfidence && coverage(to) < minConfidence) {
                    implied.add(new TagImplication(names.get(from), names.get(to), counts[from], confidence,
                            confidence / coverage(to)));
                }
            }
        }
        implied.sort(Comparator.comparingDouble(TagImplication::confidence).reversed()
                .thenComparing(Comparator.comparingLong(TagImplication::fromCount).reversed()));
        return implied;
    }

    /**
     * Pairs that avoid each other: phi ≤ {@value #CONTRADICTION_PHI}, or no user in both although
     * independence predicts at least {@value #MIN_EXPECTED_TOGETHER}. Two values of one attribute
     * ({@code region:east}, {@code region:north}) exclude each other by definition and are left out.
     * Most negative phi first.
     */
    public List<TagPair> contradictory() {
        List<TagPair> found = new ArrayList<>();
        for (TagPair pair : pairs()) {
            double expected = users == 0 ? 0 : (double) pair.countA() * pair.countB() / users;
            boolean avoid = pair.phi() <= CONTRADICTION_PHI || (pair.both() == 0 && expected >= MIN_EXPECTED_TOGETHER);
            if (avoid && !sameAttribute(pair.a(), pair.b())) {
                found.add(pair);
            }
        }
        found.sort(Comparator.comparingDouble(TagPair::phi));
        return found;
    }

    private static boolean sameAttribute(String a, String b) {
        int colon = a.indexOf(':');
        return colon > 0 && b.startsWith(a.substring(0, colon + 1));
    }
}
