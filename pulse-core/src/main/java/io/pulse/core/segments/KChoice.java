package io.pulse.core.segments;

/**
 * The k picked by {@link KChooser} and the evidence for it.
 *
 * @param best the clustering at the chosen k
 * @param ks every k tried, ascending
 * @param silhouettes mean silhouette at each k in {@code ks}
 * @param seed seed used for every clustering and the silhouette sample
 */
public record KChoice(KMeansResult best, int[] ks, double[] silhouettes, long seed) {

    public int k() {
        return best.k();
    }
}
