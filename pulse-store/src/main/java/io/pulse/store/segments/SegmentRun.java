package io.pulse.store.segments;

import io.pulse.core.PulseInputException;
import io.pulse.core.progress.Progress;
import io.pulse.core.segments.BehaviourFeature;
import io.pulse.core.segments.HiddenValue;
import io.pulse.core.segments.KChoice;
import io.pulse.core.segments.RfmCell;
import io.pulse.core.segments.RfmScores;
import io.pulse.core.segments.SegmentNames;
import io.pulse.core.segments.SegmentProfile;
import io.pulse.store.PulseStore;
import io.pulse.store.clv.ClvModel;
import io.pulse.store.clv.ClvRun;
import io.pulse.store.clv.ClvUnit;
import io.pulse.store.features.FeatureTable;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Segments the customers of a store at a cutoff and ranks its hidden-value opportunities. Three
 * groupings, each profiled against all users:
 * <ul>
 *   <li>clusters {@code s1, s2...}: k-means on every {@link BehaviourFeature} (log-scaled,
 *       standardised, k chosen by silhouette on a sample), the overview of the customer base;</li>
 *   <li>value groups {@code v1, v2...}: the {@link ValueSearch}, k-means on the value signals of the
 *       users who look ordinary on activity;</li>
 *   <li>RFM cells {@code rfm_champions...} of the buyers, and {@code rfm_no_purchase} for the rest.</li>
 * </ul>
 * {@link HiddenValue#rank} then ranks all of them as opportunities.
 *
 * <p>It builds what it needs: the feature table at the cutoff, and the BG/NBD + Gamma-Gamma CLV
 * (weekly) whose 12-month value is the revenue at stake, unless a fit at this cutoff is newer than
 * the last ingest. {@link SegmentTables} writes the result.
 */
public final class SegmentRun {

    /** The RFM cell of a customer who has not bought: RFM scores buyers only. */
    public static final String NO_PURCHASE = "no_purchase";
    static final String CLV_MODEL = ClvModel.BGNBD.toString();

    private SegmentRun() {
    }

    /**
     * @param kMin smallest k tried (at least 2: the silhouette needs two clusters)
     * @param kMax largest k tried
     * @param sample users k-means and the silhouette are fitted on; everyone else joins the nearest centroid
     * @param membersDir where each opportunity's members CSV goes
     */
    public record Options(LocalDate cutoff, long seed, int kMin, int kMax, int sample, Path membersDir) {

        public Options {
            if (kMin < 2 || kMax < kMin) {
                throw new PulseInputException("--k", 0, "k", "need 2 <= min <= max, got " + kMin + ".." + kMax);
            }
            if (sample < 100) {
                throw new PulseInputException("--sample", 0, "sample", "need at least 100 users, got " + sample);
            }
        }

        public static Options defaults(LocalDate cutoff, Path membersDir) {
            return new Options(cutoff, 42, 2, 10, 20_000, membersDir);
        }
    }

    /**
     * A cluster, value group or RFM cell, profiled against all users.
     *
     * @param kind "cluster", "value" or "rfm"
     * @param clvTotal the members' summed 12-month CLV
     */
    public record Segment(String id, String kind, String name, SegmentProfile profile, double clvTotal) {
    }

    /**
     * An opportunity with its place in the ranking (1 = best) and the CSV of its members.
     *
     * @param alsoFoundAs lower-ranked segments made of mostly the same customers, left out of the ranking
     */
    public record RankedOpportunity(int rank, HiddenValue.Opportunity opportunity, Path membersFile,
            List<String> alsoFoundAs) {
    }

    /**
     * Two opportunities whose smaller one has at least this share of its members in the larger are the
     * same customers found twice (say as a cluster and as a value group); only the better ranked is listed.
     */
    static final double SAME_CUSTOMERS = 0.8;

    /** A ranked opportunity's members, before its file is written. */
    record Found(HiddenValue.Opportunity opportunity, BitSet members, List<String> alsoFoundAs) {
    }

    /**
     * @param users users segmented (every row of the feature table)
     * @param overview the k chosen for the clusters and the silhouette of every k tried
     * @param valueSearch the same for the value groups; null when too few users looked ordinary
     * @param valueSearched users the value search clustered
     */
    public record Result(Options options, int users, KChoice overview, KChoice valueSearch, int valueSearched,
            List<Segment> clusters, List<Segment> valueGroups, List<Segment> rfmCells,
            List<RankedOpportunity> opportunities, Instant createdAt) {

        /** Clusters, value groups and RFM cells, in that order. */
        public List<Segment> all() {
            List<Segment> out = new ArrayList<>(clusters);
            out.addAll(valueGroups);
            out.addAll(rfmCells);
            return out;
        }
    }

    /** Who belongs where: one id per user in each grouping; value is null for a user not searched. */
    record Membership(String[] userIds, String[] cluster, String[] value, String[] rfm, int[][] rfmScores) {

        boolean contains(int user, String segmentId) {
            return segmentId.equals(cluster[user]) || segmentId.equals(value[user]) || segmentId.equals(rfm[user]);
        }
    }

    public static Result run(PulseStore store, Options o, Progress progress) {
        prepare(store, o.cutoff());
        CustomerBehaviour data = CustomerBehaviour.read(store, o.cutoff(), CLV_MODEL);
        if (data.size() < 3) {
            throw new PulseInputException(store.path().toString(), "only " + data.size()
                    + " users are known at " + o.cutoff() + ": too few to segment");
        }
        Clustering overview = Clustering.of(data.rows(), BehaviourFeature.logScaling(), o.kMin(), o.kMax(),
                o.sample(), o.seed(), "segments", progress);
        ValueSearch search = ValueSearch.of(data, o, progress);
        RfmScores rfm = rfm(data);
        int[] cellOf = cells(data, rfm);

        String[] names = profileFeatureNames();
        double[][] columns = profileColumns(data);
        List<Segment> clusters = named(profile(overview.assignments(), names, columns, data), "cluster", "s");
        int notSearched = search.clustering() == null ? 0 : search.clustering().choice().k();
        int[] valueOf = Arrays.stream(search.groups()).map(g -> g < 0 ? notSearched : g).toArray();
        List<Segment> valueGroups = named(profile(valueOf, names, columns, data).stream()
                .filter(p -> p.segment() != notSearched).toList(), "value", "v");
        List<Segment> cells = new ArrayList<>();
        for (SegmentProfile p : profile(cellOf, names, columns, data)) {
            cells.add(new Segment(SegmentTables.RFM_PREFIX + cellId(p.segment()), "rfm", cellName(p.segment()), p, clvTotal(p)));
        }

        List<HiddenValue.Candidate> candidates = new ArrayList<>();
        for (Segment s : concat(concat(clusters, valueGroups), cells)) {
            candidates.add(new HiddenValue.Candidate(s.id(), s.name(), s.profile()));
        }
        Membership members = membership(data, overview.assignments(), search.groups(), cellOf, rfm);
        List<RankedOpportunity> opportunities = SegmentTables.writeMembers(o.membersDir(),
                distinct(HiddenValue.rank(candidates), members), members.userIds());
        Result result = new Result(o, data.size(), overview.choice(),
                search.clustering() == null ? null : search.clustering().choice(), search.searched(), clusters,
                valueGroups, cells, opportunities, Instant.now());
        SegmentTables.write(store, result, members);
        return result;
    }

    /** The ranked opportunities without repeats of the same customers (see {@link #SAME_CUSTOMERS}). */
    static List<Found> distinct(List<HiddenValue.Opportunity> ranked, Membership m) {
        List<Found> kept = new ArrayList<>();
        for (HiddenValue.Opportunity o : ranked) {
            BitSet members = new BitSet(m.userIds().length);
            for (int u = 0; u < m.userIds().length; u++) {
                if (m.contains(u, o.segmentId())) {
                    members.set(u);
                }
            }
            Found same = null;
            for (Found f : kept) {
                BitSet both = (BitSet) f.members().clone();
                both.and(members);
                if (both.cardinality() >= SAME_CUSTOMERS * Math.min(members.cardinality(), f.members().cardinality())) {
                    same = f;
                    break;
                }
            }
            if (same == null) {
                kept.add(new Found(o, members, new ArrayList<>()));
            } else {
                same.alsoFoundAs().add(o.segmentId());
            }
        }
        return kept;
    }

    /**
     * Builds the feature table at the cutoff (always: it takes seconds, and a table built before the
     * last ingest would be silently stale), and fits the CLV unless a fit at this cutoff is newer than
     * the last ingest.
     */
    private static void prepare(PulseStore store, LocalDate cutoff) {
        FeatureTable.build(store, cutoff);
        if (!clvIsCurrent(store, cutoff)) {
            ClvRun.run(store, ClvRun.Options.defaults(ClvModel.BGNBD, cutoff, ClvUnit.WEEK));
        }
    }

    private static boolean clvIsCurrent(PulseStore store, LocalDate cutoff) {
        if (store.scalarLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'clv_models'") == 0) {
            return false;
        }
        return store.scalarLong("SELECT count(*) FROM clv_models WHERE model = '" + CLV_MODEL + "' AND cutoff = DATE '"
                + cutoff + "' AND fitted_at >= (SELECT coalesce(max(finished_at), TIMESTAMP '1970-01-01')"
                + " FROM ingest_batches)") > 0;
    }

    private static List<SegmentProfile> profile(int[] assignments, String[] names, double[][] columns,
            CustomerBehaviour data) {
        return SegmentProfile.of(assignments, names, columns, data.monetary(), CustomerBehaviour.ATTRIBUTES,
                data.attributes());
    }

    private static List<Segment> named(List<SegmentProfile> profiles, String kind, String prefix) {
        List<String> names = SegmentNames.nameAll(profiles);
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            SegmentProfile p = profiles.get(i);
            out.add(new Segment(prefix + (p.segment() + 1), kind, names.get(i), p, clvTotal(p)));
        }
        return out;
    }

    private static String[] profileFeatureNames() {
        String[] behaviour = BehaviourFeature.columns();
        String[] out = Arrays.copyOf(behaviour, behaviour.length + 2);
        out[behaviour.length] = "monetary_total";
        out[behaviour.length + 1] = HiddenValue.CLV;
        return out;
    }

    private static double[][] profileColumns(CustomerBehaviour data) {
        double[][] out = Arrays.copyOf(data.behaviour(), data.behaviour().length + 2);
        out[data.behaviour().length] = data.monetary();
        out[data.behaviour().length + 1] = data.clv();
        return out;
    }

    private static double clvTotal(SegmentProfile p) {
        for (SegmentProfile.FeatureLift f : p.features()) {
            if (f.feature().equals(HiddenValue.CLV) && !Double.isNaN(f.segmentMean())) {
                return f.segmentMean() * p.size();
            }
        }
        return 0;
    }

    private static List<Segment> concat(List<Segment> a, List<Segment> b) {
        List<Segment> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** RFM scores of the buyers (users with a last purchase), in user order. */
    private static RfmScores rfm(CustomerBehaviour data) {
        List<Integer> buyers = buyers(data);
        double[] recency = new double[buyers.size()];
        double[] frequency = new double[buyers.size()];
        double[] monetary = new double[buyers.size()];
        for (int b = 0; b < buyers.size(); b++) {
            int i = buyers.get(b);
            recency[b] = data.recencyDays()[i];
            frequency[b] = data.frequency()[i];
            monetary[b] = data.monetary()[i];
        }
        return buyers.isEmpty() ? new RfmScores(new int[0], new int[0], new int[0], new RfmCell[0])
                : RfmScores.of(recency, frequency, monetary);
    }

    private static List<Integer> buyers(CustomerBehaviour data) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (!Double.isNaN(data.recencyDays()[i])) {
                out.add(i);
            }
        }
        return out;
    }

    /** The RFM cell index of every user; a user who has not bought is in cell {@code RfmCell.values().length}. */
    private static int[] cells(CustomerBehaviour data, RfmScores rfm) {
        int[] out = new int[data.size()];
        Arrays.fill(out, RfmCell.values().length);
        List<Integer> buyers = buyers(data);
        for (int b = 0; b < buyers.size(); b++) {
            out[buyers.get(b)] = rfm.cells()[b].ordinal();
        }
        return out;
    }

    private static Membership membership(CustomerBehaviour data, int[] clusterOf, int[] valueOf, int[] cellOf,
            RfmScores rfm) {
        int n = data.size();
        String[] cluster = new String[n];
        String[] value = new String[n];
        String[] cell = new String[n];
        int[][] scores = new int[n][];
        for (int i = 0; i < n; i++) {
            cluster[i] = "s" + (clusterOf[i] + 1);
            value[i] = valueOf[i] < 0 ? null : "v" + (valueOf[i] + 1);
            cell[i] = SegmentTables.RFM_PREFIX + cellId(cellOf[i]);
        }
        List<Integer> buyers = buyers(data);
        for (int b = 0; b < buyers.size(); b++) {
            scores[buyers.get(b)] = new int[] {rfm.r()[b], rfm.f()[b], rfm.m()[b]};
        }
        return new Membership(data.userIds(), cluster, value, cell, scores);
    }

    static String cellId(int index) {
        return index == RfmCell.values().length ? NO_PURCHASE : RfmCell.values()[index].name().toLowerCase(Locale.ROOT);
    }

    static String cellName(int index) {
        return index == RfmCell.values().length ? "No purchase yet" : RfmCell.values()[index].displayName();
    }
}
