package io.pulse.core.segments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names a segment by what sets it apart: the {@link BehaviourFeature}s whose segment mean is furthest
 * from the population's (by |ln lift|, recency at half weight; at least {@value #MIN_LIFT}× either
 * way), one per theme, up to
 * {@value #MAX_WORDS}, e.g. "Long browsers · rare buyers". A segment close to the population on every
 * feature is "Typical customers".
 */
public final class SegmentNames {

    public static final double MIN_LIFT = 1.5;
    public static final int MAX_WORDS = 2;

    private SegmentNames() {
    }

    /** One name per profile, in order; a repeated name gets " (2)", " (3)"... so every name is unique. */
    public static List<String> nameAll(List<SegmentProfile> profiles) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SegmentProfile p : profiles) {
            String name = name(p);
            int n = seen.merge(name, 1, Integer::sum);
            names.add(n == 1 ? name : name + " (" + n + ")");
        }
        return names;
    }

    public static String name(SegmentProfile profile) {
        record Word(BehaviourFeature feature, double logLift) {
        }
        List<Word> words = new ArrayList<>();
        for (BehaviourFeature f : BehaviourFeature.values()) {
            double lift = lift(profile, f.column());
            if (lift > 0 && Double.isFinite(lift) && Math.abs(Math.log(lift)) >= Math.log(MIN_LIFT)) {
                words.add(new Word(f, Math.log(lift)));
            }
        }
        words.sort(Comparator.comparingDouble((Word w) -> -weight(w.feature()) * Math.abs(w.logLift()))
                .thenComparing(w -> w.feature()));
        Set<BehaviourFeature.Theme> used = EnumSet.noneOf(BehaviourFeature.Theme.class);
        StringBuilder name = new StringBuilder();
        for (Word w : words) {
            if (used.size() == MAX_WORDS || !used.add(w.feature().theme())) {
                continue;
            }
            name.append(name.length() == 0 ? "" : " · ").append(w.logLift() > 0 ? w.feature().high() : w.feature().low());
        }
        if (name.length() == 0) {
            return "Typical customers";
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Recency counts half: days since the last visit swing widely with how many one-off visitors a
     * store has, and "recently active" says less about who a group is than how it buys and browses.
     */
    private static double weight(BehaviourFeature f) {
        return f.theme() == BehaviourFeature.Theme.RECENCY ? 0.5 : 1;
    }

    /** The segment's lift on a feature, or NaN when the profile lacks it. */
    static double lift(SegmentProfile profile, String feature) {
        for (SegmentProfile.FeatureLift f : profile.features()) {
            if (f.feature().equals(feature)) {
                return f.lift();
            }
        }
        return Double.NaN;
    }

    /** The segment's mean of a feature, or NaN when the profile lacks it. */
    static double mean(SegmentProfile profile, String feature) {
        for (SegmentProfile.FeatureLift f : profile.features()) {
            if (f.feature().equals(feature)) {
                return f.segmentMean();
            }
        }
        return Double.NaN;
    }
}
