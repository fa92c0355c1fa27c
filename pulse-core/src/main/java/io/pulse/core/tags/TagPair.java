package io.pulse.core.tags;

/**
 * How two tags overlap on a population of n users.
 *
 * @param countA users with a
 * @param countB users with b
 * @param both users with both
 * @param jaccard both / (countA + countB - both); 0 when neither tag holds anyone
 * @param phi Pearson's correlation of the two 0/1 indicators, from the 2×2 table:
 *     (n11 n00 - n10 n01) / sqrt(n1. n0. n.1 n.0); NaN when a tag holds nobody or everybody
 * @param bGivenA P(b | a) = both / countA; NaN when a holds nobody
 * @param aGivenB P(a | b) = both / countB; NaN when b holds nobody
 */
public record TagPair(String a, String b, long countA, long countB, long both, double jaccard, double phi,
        double bGivenA, double aGivenB) {
}
