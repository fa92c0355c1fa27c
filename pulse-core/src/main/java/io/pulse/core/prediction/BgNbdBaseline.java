package io.pulse.core.prediction;

import io.pulse.core.clv.BgNbdModel;
import io.pulse.core.clv.BgNbdParams;
import io.pulse.core.clv.CustomerSummaries;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The customer-base baseline: a BG/NBD fitted on the training rows' purchase histories, scoring a
 * customer with the probability of at least one purchase in the horizon,
 * P(alive | x, t_x, T) × (1 − ((α+T)/(α+T+t))^(r+x)) (FHL05a: given alive, λ has a Gamma(r+x, α+T)
 * posterior, and P(no purchase in t | λ) = e^(−λt)). Users who have not bought have no history for the
 * model; they get the training share of such users who were active, a constant.
 *
 * <p>It reads three columns in days: {@value #X} (repeat purchase days), {@value #TX} and {@value #T}
 * (days from the first purchase to the last one and to the cutoff; NaN for non-buyers), and works in
 * weeks as FHL05a does. It predicts purchases while the label may be any event: that is what makes it
 * a baseline, the bar a feature model has to clear.
 */
public final class BgNbdBaseline implements ModelTrainer {

    public static final String KIND = "bgnbd";
    public static final String X = "frequency";
    public static final String TX = "bgnbd_tx";
    public static final String T = "bgnbd_t";
    private static final double DAYS_PER_WEEK = 7;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ActivityModel fit(FeatureMatrix x, boolean[] active, ModelInfo info) {
        int cx = column(x, X);
        int ctx = column(x, TX);
        int cT = column(x, T);
        List<double[]> tuples = new ArrayList<>();
        long nonBuyers = 0;
        long activeNonBuyers = 0;
        for (int i = 0; i < x.rows(); i++) {
            double t = x.get(i, cT);
            if (Double.isNaN(t)) {
                nonBuyers++;
                activeNonBuyers += active[i] ? 1 : 0;
            } else if (t > 0) {
                tuples.add(new double[] {x.get(i, cx), x.get(i, ctx) / DAYS_PER_WEEK, t / DAYS_PER_WEEK});
            }
        }
        if (tuples.isEmpty()) {
            throw new IllegalArgumentException("the BG/NBD baseline needs training rows of customers with a purchase");
        }
        double[] xs = new double[tuples.size()];
        double[] txs = new double[tuples.size()];
        double[] Ts = new double[tuples.size()];
        for (int i = 0; i < tuples.size(); i++) {
            xs[i] = tuples.get(i)[0];
            txs[i] = tuples.get(i)[1];
            Ts[i] = tuples.get(i)[2];
        }
        BgNbdParams p = BgNbdModel.fit(CustomerSummaries.of(xs, txs, Ts));
        double nonBuyerRate = nonBuyers == 0 ? 0 : (double) activeNonBuyers / nonBuyers;
        ModelInfo fitted = new ModelInfo(KIND, List.of(X, TX, T), info.label(), info.horizonDays(), info.cutoffs(),
                Map.of("r", Double.toString(p.r()), "alpha", Double.toString(p.alpha()), "a", Double.toString(p.a()),
                        "b", Double.toString(p.b()), "non_buyer_rate", Double.toString(nonBuyerRate), "unit", "week"),
                info.metrics(), info.seed(), info.pulseVersion(), info.trainedAt());
        return new Fitted(fitted, p, nonBuyerRate);
    }

    @Override
    public ActivityModel load(byte[] state, ModelInfo info) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            BgNbdParams p = BgNbdParams.of(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
            return new Fitted(info, p, in.readDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("not a BG/NBD baseline state", e);
        }
    }

    private static int column(FeatureMatrix x, String name) {
        int c = x.column(name);
        if (c < 0) {
            throw new IllegalArgumentException("the BG/NBD baseline needs the column " + name);
        }
        return c;
    }

    private record Fitted(ModelInfo info, BgNbdParams params, double nonBuyerRate) implements ActivityModel {

        @Override
        public double[] predict(FeatureMatrix x) {
            int cx = column(x, X);
            int ctx = column(x, TX);
            int cT = column(x, T);
            double t = info.horizonDays() / DAYS_PER_WEEK;
            double[] out = new double[x.rows()];
            for (int i = 0; i < out.length; i++) {
                double age = x.get(i, cT);
                if (Double.isNaN(age)) {
                    out[i] = nonBuyerRate;
                    continue;
                }
                double frequency = x.get(i, cx);
                double weeks = age / DAYS_PER_WEEK;
                double alive = params.probabilityAlive(frequency, x.get(i, ctx) / DAYS_PER_WEEK, weeks);
                double none = Math.pow((params.alpha() + weeks) / (params.alpha() + weeks + t), params.r() + frequency);
                out[i] = alive * (1 - none);
            }
            return out;
        }

        @Override
        public List<FeatureImportance> explain(int top) {
            List<FeatureImportance> out = List.of(new FeatureImportance(X, 1, "model input"),
                    new FeatureImportance(TX, 1, "model input"), new FeatureImportance(T, 1, "model input"));
            return out.subList(0, Math.min(top, out.size()));
        }

        @Override
        public byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeDouble(params.r());
                out.writeDouble(params.alpha());
                out.writeDouble(params.a());
                out.writeDouble(params.b());
                out.writeDouble(nonBuyerRate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }
}
