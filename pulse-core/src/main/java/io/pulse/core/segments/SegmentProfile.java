package io.pulse.core.segments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What sets one segment apart from the whole population.
 *
 * @param segment segment id, as in the assignments
 * @param size number of users in the segment
 * @param userShare size / population size
 * @param revenueShare segment revenue / population revenue (NaN when the population has no revenue)
 * @param features each feature's segment mean against the population mean, in input order
 * @param overRepresented up to {@link #TOP_ATTRIBUTES} attribute values with lift above 1, highest lift first
 */
public record SegmentProfile(int segment, int size, double userShare, double revenueShare,
        List<FeatureLift> features, List<AttributeLift> overRepresented) {

    public static final int TOP_ATTRIBUTES = 3;

    /**
     * A feature's mean in the segment against the population.
     *
     * @param segmentMean mean over the segment's members that have a value (NaN when none has)
     * @param lift segmentMean / populationMean (NaN when the population mean is 0 or missing)
     */
    public record FeatureLift(String feature, double segmentMean, double populationMean, double lift) {
    }

    /**
     * An attribute value's share in the segment against the population.
     *
     * @param lift segmentShare / populationShare
     */
    public record AttributeLift(String attribute, String value, double segmentShare, double populationShare,
            double lift) {
    }

    /**
     * Profiles every non-empty segment, in ascending segment id.
     *
     * @param assignments segment id 0.. of each user
     * @param featureNames name of each feature column
     * @param features {@code features[f][user]}; NaN is missing (an order value of a customer who has not
     *     bought), and means are taken over the values present, so such customers do not drag them to 0
     * @param revenue revenue of each user
     * @param attributeNames name of each attribute column
     * @param attributes {@code attributes[a][user]}; a null value is missing and counts toward no value
     */
    public static List<SegmentProfile> of(int[] assignments, String[] featureNames, double[][] features,
            double[] revenue, String[] attributeNames, String[][] attributes) {
        int n = assignments.length;
        int k = 0;
        for (int s : assignments) {
            k = Math.max(k, s + 1);
        }
        int[] sizes = new int[k];
        double[] segmentRevenue = new double[k];
        double totalRevenue = 0;
        for (int i = 0; i < n; i++) {
            sizes[assignments[i]]++;
            segmentRevenue[assignments[i]] += revenue[i];
            totalRevenue += revenue[i];
        }
        double[][] segmentSums = new double[features.length][k];
        int[][] segmentCounts = new int[features.length][k];
        double[] populationMeans = new double[features.length];
        for (int f = 0; f < features.length; f++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                double v = features[f][i];
                if (!Double.isNaN(v)) {
                    segmentSums[f][assignments[i]] += v;
                    segmentCounts[f][assignments[i]]++;
                    sum += v;
                    count++;
                }
            }
            populationMeans[f] = count == 0 ? Double.NaN : sum / count;
        }
        int segments = k;
        List<Map<String, int[]>> valueCounts = new ArrayList<>();
        for (String[] column : attributes) {
            Map<String, int[]> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (column[i] != null) {
                    // the last slot counts the whole population
                    int[] perSegment = counts.computeIfAbsent(column[i], v -> new int[segments + 1]);
                    perSegment[assignments[i]]++;
                    perSegment[segments]++;
                }
            }
            valueCounts.add(counts);
        }
        List<SegmentProfile> profiles = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            if (sizes[s] == 0) {
                continue;
            }
            List<FeatureLift> lifts = new ArrayList<>();
            for (int f = 0; f < features.length; f++) {
                double mean = segmentCounts[f][s] == 0 ? Double.NaN : segmentSums[f][s] / segmentCounts[f][s];
                double lift = populationMeans[f] == 0 ? Double.NaN : mean / populationMeans[f];
                lifts.add(new FeatureLift(featureNames[f], mean, populationMeans[f], lift));
            }
            List<AttributeLift> over = new ArrayList<>();
            for (int a = 0; a < attributes.length; a++) {
                for (Map.Entry<String, int[]> e : valueCounts.get(a).entrySet()) {
                    double segmentShare = (double) e.getValue()[s] / sizes[s];
                    double populationShare = (double) e.getValue()[k] / n;
                    double lift = segmentShare / populationShare;
                    if (lift > 1) {
                        over.add(new AttributeLift(attributeNames[a], e.getKey(), segmentShare, populationShare, lift));
                    }
                }
            }
            // ties in lift go to the value more users of the segment have, then by name for a stable order
            over.sort(Comparator.comparingDouble(AttributeLift::lift).reversed()
                    .thenComparing(Comparator.comparingDouble(AttributeLift::segmentShare).reversed())
                    .thenComparing(AttributeLift::attribute)
                    .thenComparing(AttributeLift::value));
            profiles.add(new SegmentProfile(s, sizes[s], (double) sizes[s] / n,
                    totalRevenue == 0 ? Double.NaN : segmentRevenue[s] / totalRevenue,
                    List.copyOf(lifts), List.copyOf(over.subList(0, Math.min(TOP_ATTRIBUTES, over.size())))));
        }
        return profiles;
    }
}
