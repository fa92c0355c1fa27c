package io.pulse.core.tags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** "Did you mean" for an unknown tag or feature name, by Levenshtein distance. */
final class CloseNames {

    private static final int SUGGESTIONS = 3;
    private static final int LISTED_WHEN_NONE_CLOSE = 12;

    private CloseNames() {
    }

    /**
     * Up to three known names within edit distance max(2, length / 3) of {@code name}, closest first
     * (ties by name): a third of the letters covers a transposition in a long name without offering
     * unrelated short ones.
     */
    static List<String> closeTo(String name, Collection<String> known) {
        int limit = Math.max(2, name.length() / 3);
        record Candidate(String name, int distance) {
        }
        List<Candidate> close = new ArrayList<>();
        for (String k : known) {
            int d = distance(name, k);
            if (d <= limit) {
                close.add(new Candidate(k, d));
            }
        }
        close.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
        return close.stream().limit(SUGGESTIONS).map(Candidate::name).collect(Collectors.toList());
    }

    /** "; did you mean a or b?" or, with nothing close, the known names (the first dozen, sorted). */
    static String hint(String name, Collection<String> known, String noun) {
        List<String> close = closeTo(name, known);
        if (!close.isEmpty()) {
            return "; did you mean " + String.join(" or ", close) + "?";
        }
        if (known.isEmpty()) {
            return "; no " + noun + "s are defined";
        }
        List<String> sorted = known.stream().sorted().collect(Collectors.toList());
        String listed = String.join(", ", sorted.subList(0, Math.min(LISTED_WHEN_NONE_CLOSE, sorted.size())));
        return "; known " + noun + "s: " + listed + (sorted.size() > LISTED_WHEN_NONE_CLOSE ? ", ..." : "");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
