package io.pulse.store.segments;

import io.pulse.core.progress.Progress;
import io.pulse.core.segments.BehaviourFeature;

import java.util.Arrays;
import java.util.List;

/**
 * The hidden-value search: among users who look ordinary on activity, clusters on the value signals
 * alone (browse depth, order value, price paid).
 *
 * <p>Why a second clustering: k-means over all behaviour, with k chosen by silhouette, draws the big
 * lines of a customer base (frequent buyers, the lapsed, the one-visit crowd), and a group of a few
 * percent that differs only in how it browses and what it pays is split among them. Once the users
 * whose activity already stands out are set aside, the value signals are all that is left to cluster
 * on, and such a group stands alone. "Ordinary" here is at most the population's
 * {@value #ORDINARY_QUANTILE} quantile of purchases and of visits per 30 days, with at least one
 * session or purchase (a user with neither shows no value signal to search).
 *
 * @param groups value group 0..k-1 of each user, or -1 for a user not searched
 */
record ValueSearch(Clustering clustering, int[] groups, int searched) {

    static final double ORDINARY_QUANTILE = 0.9;

    static ValueSearch of(CustomerBehaviour data, SegmentRun.Options o, Progress progress) {
        double[][] rows = data.rows();
        int purchases = BehaviourFeature.PURCHASES_PER_30D.ordinal();
        int visits = BehaviourFeature.SESSIONS_PER_30D.ordinal();
        double purchaseLimit = quantile(data.behaviour()[purchases], ORDINARY_QUANTILE);
        double visitLimit = quantile(data.behaviour()[visits], ORDINARY_QUANTILE);
        int[] searchedRows = new int[rows.length];
        int n = 0;
        for (int i = 0; i < rows.length; i++) {
            double p = rows[i][purchases];
            double v = rows[i][visits];
            if (p <= purchaseLimit && v <= visitLimit && (p > 0 || v > 0)) {
                searchedRows[n++] = i;
            }
        }
        List<BehaviourFeature> signals = BehaviourFeature.valueSignals();
        double[][] values = new double[n][signals.size()];
        boolean[] logScaled = new boolean[signals.size()];
        for (int j = 0; j < signals.size(); j++) {
            logScaled[j] = signals.get(j).logScaled();
            for (int r = 0; r < n; r++) {
                values[r][j] = rows[searchedRows[r]][signals.get(j).ordinal()];
            }
        }
        int[] groups = new int[rows.length];
        Arrays.fill(groups, -1);
        if (n < 3) {
            return new ValueSearch(null, groups, n);
        }
        Clustering clustering = Clustering.of(values, logScaled, o.kMin(), o.kMax(), o.sample(), o.seed(),
                "value search", progress);
        for (int r = 0; r < n; r++) {
            groups[searchedRows[r]] = clustering.assignments()[r];
        }
        return new ValueSearch(clustering, groups, n);
    }

    /** The q-quantile by linear interpolation, as DuckDB's quantile_cont. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
