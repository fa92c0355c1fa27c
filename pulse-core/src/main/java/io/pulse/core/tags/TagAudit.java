package io.pulse.core.tags;

import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which tags earn their place: coverage, stability between two versions, redundancy between pairs,
 * association rules, clusters of tags that mean nearly the same, and the marginal value curve of
 * predicting an outcome, ending in a recommended pruned set with the reason each other tag goes.
 *
 * <p>Tags named in {@code notScored} are described (coverage, redundancy, rules, clusters) but left
 * out of the marginal value curve and kept in the recommended set: the store passes the model tags,
 * whose tables were computed from data later than the audit's cutoff and would flatter their value.
 */
public final class TagAudit {

    private TagAudit() {
    }

    /**
     * @param redundantJaccard pairs at or above this Jaccard are reported as redundant
     * @param minSupport the least share of users an itemset must hold for the rules
     * @param maxRuleSize most tags in a rule (antecedent and consequent together)
     * @param minConfidence rules below this confidence are left out
     * @param minLift rules at or below this lift are left out: they say nothing beyond chance
     * @param topRules rules reported, best lift first
     */
    public record Options(double redundantJaccard, double minSupport, int maxRuleSize, double minConfidence,
            double minLift, int topRules, double mergeHeight, MarginalValue.Options marginal) {

        public static Options defaults(long seed) {
            return new Options(0.7, 0.02, 3, 0.8, 1.2, 25, TagClustering.DEFAULT_MERGE_HEIGHT,
                    MarginalValue.Options.defaults(seed));
        }
    }

    public record Coverage(String tag, long users, double share) {
    }

    /** An association rule with names. */
    public record NamedRule(List<String> antecedent, List<String> consequent, double support, double confidence,
            double lift) {
    }

    /** A tag the audit would drop, and why in words. */
    public record Dropped(String tag, String duplicates, double jaccard, double gain, String because) {
    }

    /**
     * @param stability per tag in both versions; empty without a previous version
     * @param marginal null without an outcome
     * @param allTagsAuc held-out AUC with every scored tag (the curve's last point); NaN without an outcome
     * @param recommendedAuc held-out AUC with the recommended scored tags (the knee's point)
     */
    public record Result(long users, List<String> names, List<Coverage> coverage, List<TagStability> stability,
            List<TagPair> redundant, List<TagImplication> implied, List<TagPair> contradictory, List<NamedRule> rules,
            List<TagGroup> mergeCandidates, List<TagMerge> dendrogram, double[][] jaccard, MarginalValueResult marginal,
            List<String> notScored, List<String> recommended, List<Dropped> dropped, double allTagsAuc,
            double recommendedAuc) {
    }

    /**
     * @param previous the same tags in the version before, by name; null or empty for no stability
     * @param outcome users with the outcome the tags should predict; null for no marginal value curve
     */
    public static Result run(List<String> names, List<RoaringBitmap> tags, int users, Map<String, RoaringBitmap> previous,
            RoaringBitmap outcome, Set<String> notScored, Options o) {
        TagOverlap overlap = TagOverlap.of(names, tags, users);
        List<Coverage> coverage = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            coverage.add(new Coverage(names.get(i), overlap.count(i), overlap.coverage(i)));
        }
        List<TagStability> stability = new ArrayList<>();
        if (previous != null) {
            for (int i = 0; i < names.size(); i++) {
                RoaringBitmap before = previous.get(names.get(i));
                if (before != null) {
                    stability.add(TagStability.of(names.get(i), before, tags.get(i)));
                }
            }
        }
        List<TagPair> redundant = overlap.pairs().stream()
                .filter(p -> p.jaccard() >= o.redundantJaccard())
                .sorted(Comparator.comparingDouble(TagPair::jaccard).reversed())
                .toList();
        TagClustering clustering = TagClustering.of(overlap);

        MarginalValueResult marginal = null;
        List<String> recommended = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        double allAuc = Double.NaN;
        double recommendedAuc = Double.NaN;
        if (outcome != null) {
            List<String> scoredNames = new ArrayList<>();
            List<RoaringBitmap> scored = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (!notScored.contains(names.get(i)) && overlap.count(i) > 0) {
                    scoredNames.add(names.get(i));
                    scored.add(tags.get(i));
                }
            }
            if (!scoredNames.isEmpty()) {
                marginal = MarginalValue.curve(scoredNames, scored, outcome, users, o.marginal());
                recommended.addAll(marginal.recommended());
                for (DroppedTag d : marginal.dropped()) {
                    dropped.add(new Dropped(d.tag(), d.duplicates(), d.jaccard(), d.gain(), because(d)));
                }
                List<MarginalStep> curve = marginal.curve();
                allAuc = curve.get(curve.size() - 1).auc();
                recommendedAuc = curve.get(marginal.knee() - 1).auc();
            }
        }
        Set<String> kept = new LinkedHashSet<>(recommended);
        for (String n : names) {
            if (notScored.contains(n) || (outcome == null)) {
                kept.add(n);
            }
        }
        // Tags holding nobody cannot be scored; they go, and say so.
        for (int i = 0; i < names.size(); i++) {
            if (overlap.count(i) == 0 && !notScored.contains(names.get(i))) {
                kept.remove(names.get(i));
                dropped.add(new Dropped(names.get(i), null, 0, 0, "holds nobody"));
            }
        }
        return new Result(users, List.copyOf(names), coverage, stability, redundant,
                overlap.implied(TagOverlap.DEFAULT_IMPLICATION), overlap.contradictory(), rules(names, tags, users, o),
                clustering.mergeCandidates(o.mergeHeight()), clustering.merges(), overlap.jaccardMatrix(), marginal,
                List.copyOf(notScored), List.copyOf(kept), dropped, allAuc, recommendedAuc);
    }

    private static String because(DroppedTag d) {
        if (d.duplicates() != null && d.jaccard() >= 0.5) {
            return String.format(Locale.ROOT, "duplicates %s (Jaccard %.2f); adds %+.4f AUC", d.duplicates(),
                    d.jaccard(), d.gain());
        }
        return String.format(Locale.ROOT, "adds %+.4f AUC once the recommended tags are in%s", d.gain(),
                d.duplicates() == null ? "" : String.format(Locale.ROOT, "; closest kept tag %s (Jaccard %.2f)",
                        d.duplicates(), d.jaccard()));
    }

    /**
     * Rules among tags by FP-Growth, best lift first, leaving out rules within one attribute family
     * ({@code region:east => not region:west} says nothing).
     */
    static List<NamedRule> rules(List<String> names, List<RoaringBitmap> tags, int users, Options o) {
        int[][] transactions = Transactions.of(tags, users);
        FrequentItemsets frequent = FpGrowth.mine(transactions, o.minSupport(), o.maxRuleSize());
        List<NamedRule> out = new ArrayList<>();
        for (AssociationRule r : AssociationRules.from(frequent, o.minConfidence())) {
            if (r.lift() <= o.minLift()) {
                continue;
            }
            List<String> a = names(r.antecedent(), names);
            List<String> c = names(r.consequent(), names);
            if (oneFamily(a, c)) {
                continue;
            }
            out.add(new NamedRule(a, c, r.support(), r.confidence(), r.lift()));
            if (out.size() == o.topRules()) {
                break;
            }
        }
        return out;
    }

    private static List<String> names(int[] ids, List<String> names) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(names.get(id));
        }
        return out;
    }

    private static boolean oneFamily(List<String> a, List<String> c) {
        Set<String> families = new LinkedHashSet<>();
        for (String t : a) {
            families.add(family(t));
        }
        for (String t : c) {
            families.add(family(t));
        }
        return families.size() == 1 && a.get(0).contains(":");
    }

    private static String family(String tag) {
        int colon = tag.indexOf(':');
        return colon < 0 ? tag : tag.substring(0, colon);
    }
}
