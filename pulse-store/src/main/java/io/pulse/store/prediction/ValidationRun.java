package io.pulse.store.prediction;

import io.pulse.core.PulseInputException;
import io.pulse.core.Provenance;
import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureMatrix;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.core.progress.Progress;
import io.pulse.core.validation.AucEstimate;
import io.pulse.core.validation.BinaryMetrics;
import io.pulse.core.validation.Bootstrap;
import io.pulse.core.validation.ForwardHoldout;
import io.pulse.core.validation.LabelledRows;
import io.pulse.core.validation.MetricIntervals;
import io.pulse.core.validation.OptimismVerdict;
import io.pulse.core.validation.RandomKFold;
import io.pulse.core.validation.Split;
import io.pulse.core.validation.TimeSeriesCv;
import io.pulse.core.validation.ValidationScheme;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.prediction.CostCalculator.Estimate;
import io.pulse.store.prediction.CostCalculator.UnitCost;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Validates activity models three ways side by side on the store's labelled rows and says which
 * estimate to trust: random K-fold over all user-cutoff rows (the common mistake, kept to show the
 * gap), time-series CV over cutoffs with a one-horizon gap, and the forward holdout on the latest
 * cutoff. Each scheme's figures are taken on its folds' test predictions pooled, with bootstrap
 * intervals. Before running, {@link CostCalculator} estimates every scheme from a measured
 * calibration; a budget trims folds, then training rows, to fit. Results go to the table
 * {@code validation_results}, replacing the previous run.
 */
public final class ValidationRun {

    public static final String DDL = """
            CREATE OR REPLACE TABLE validation_results (
                model         VARCHAR NOT NULL,
                scheme        VARCHAR NOT NULL,
                folds         INTEGER NOT NULL,
                train_rows    BIGINT NOT NULL,
                test_rows     BIGINT NOT NULL,
                roc_auc       DOUBLE,
                roc_auc_low   DOUBLE,
                roc_auc_high  DOUBLE,
                pr_auc        DOUBLE,
                accuracy      DOUBLE,
                log_loss      DOUBLE,
                brier         DOUBLE,
                estimated_s   DOUBLE NOT NULL,
                actual_s      DOUBLE NOT NULL,
                cpu_s         DOUBLE NOT NULL,
                verdict       VARCHAR NOT NULL,
                created_at    TIMESTAMP NOT NULL
            )""";

    /** Fewest folds a budget may leave each cross-validation; below that an estimate says little. */
    static final int MIN_FOLDS = 2;
    /** Smallest share of training rows a budget may keep. */
    static final double MIN_FRACTION = 0.02;

    private ValidationRun() {
    }

    /**
     * @param folds random K-fold folds
     * @param timeSeriesFolds test cutoffs of time-series CV
     * @param slidingCutoffs training cutoffs per fold of a sliding window
     * @param holdoutCutoffs latest cutoffs of the forward holdout
     * @param budgetSeconds wall-time budget of the fits, or null for none
     * @param rowScale rows multiplied by this in the estimate only ("what would 10× the users cost")
     * @param estimateOnly plan and estimate, do not run
     */
    public record Options(LabelledData.Options data, List<ModelTrainer> trainers, int folds, TimeSeriesCv.Window window,
            int timeSeriesFolds, int slidingCutoffs, int holdoutCutoffs, int bootstrapRounds, long seed,
            Double budgetSeconds, double rowScale, boolean estimateOnly) {

        public Options {
            trainers = List.copyOf(trainers);
            if (trainers.isEmpty() || folds < MIN_FOLDS || timeSeriesFolds < 1 || slidingCutoffs < 1
                    || holdoutCutoffs < 1 || bootstrapRounds < 1 || !(rowScale > 0)
                    || (budgetSeconds != null && !(budgetSeconds > 0))) {
                throw new PulseInputException("validate", "need a model, folds >= 2, time-series folds, sliding"
                        + " cutoffs, holdout cutoffs and bootstrap rounds >= 1, a positive scale and budget");
            }
        }

        public static Options defaults(List<ModelTrainer> trainers) {
            return new Options(LabelledData.Options.defaults(), trainers, 5, TimeSeriesCv.Window.EXPANDING, 4, 6, 1,
                    Bootstrap.DEFAULT_ROUNDS, 42, null, 1, false);
        }
    }

    /**
     * What will run and what it should cost.
     *
     * @param sampleFraction share of each split's training rows used (1 unless a budget asked for less)
     * @param choice in words, what the budget changed, or that nothing needed to
     */
    public record Plan(int folds, int timeSeriesFolds, double sampleFraction, List<UnitCost> costs,
            List<Estimate> estimates, String choice) {

        public double estimatedSeconds() {
            return estimates.stream().mapToDouble(Estimate::seconds).sum();
        }

        public double estimatedCpuSeconds() {
            return estimates.stream().mapToDouble(Estimate::cpuSeconds).sum();
        }

        public double calibrationSeconds() {
            return costs.stream().mapToDouble(UnitCost::calibrationSeconds).sum();
        }
    }

    /** One model under one scheme: figures on the pooled test predictions, with intervals, and what it cost. */
    public record SchemeResult(String model, String scheme, int folds, long trainRows, long testRows,
            BinaryMetrics metrics, MetricIntervals intervals, double estimatedSeconds, double seconds,
            double cpuSeconds, List<Split> splits) {
    }

    public record ModelResult(String model, Map<String, SchemeResult> schemes, OptimismVerdict verdict) {
    }

    public record Result(Options options, LabelledData.Summary data, Plan plan, List<ModelResult> models,
            double seconds, double cpuSeconds, Instant createdAt) {
    }

    public static Result run(PulseStore store, Options o, Progress progress) {
        LabelledData.Summary data = LabelledData.build(store, o.data(), progress);
        LabelledData.Rows rows = LabelledData.read(store, null);
        LabelledRows layout = new LabelledRows(rows.cutoffIndex(), rows.cutoffs(), o.data().horizonDays());
        if (rows.cutoffs().length < o.holdoutCutoffs() + 2) {
            throw new PulseInputException(store.path().toString(), rows.cutoffs().length + " cutoffs are too few to"
                    + " validate over time; use a longer history or more frequent cutoffs (--every)");
        }
        progress.start("calibrating the cost of " + o.trainers().size() + " model(s)", o.trainers().size());
        List<UnitCost> costs = new ArrayList<>();
        for (ModelTrainer t : o.trainers()) {
            costs.add(CostCalculator.calibrate(t, rows.features(), rows.active(), info(o, t.kind(), rows), o.seed(),
                    new Bootstrap(o.bootstrapRounds(), Bootstrap.DEFAULT_LEVEL, o.seed())));
            progress.advance(1);
        }
        progress.done();
        Plan plan = plan(o, layout, costs);
        if (o.estimateOnly()) {
            return new Result(o, data, plan, List.of(), 0, 0, Instant.now());
        }
        long cpuStart = CostCalculator.cpuNanos();
        long wallStart = System.nanoTime();
        List<ModelResult> models = new ArrayList<>();
        for (ModelTrainer trainer : o.trainers()) {
            Map<String, SchemeResult> schemes = new LinkedHashMap<>();
            for (ValidationScheme scheme : schemes(o, plan.folds(), plan.timeSeriesFolds())) {
                List<Split> splits = scheme.splits(layout);
                Estimate estimate = find(plan.estimates(), trainer.kind(), scheme.id());
                schemes.put(scheme.id(), evaluate(trainer, scheme.id(), splits, rows, o, plan.sampleFraction(),
                        estimate, progress));
            }
            OptimismVerdict verdict = OptimismVerdict.judge(auc(schemes.get(RandomKFold.ID)),
                    auc(schemes.get(TimeSeriesCv.ID)), auc(schemes.get(ForwardHoldout.ID)));
            models.add(new ModelResult(trainer.kind(), schemes, verdict));
        }
        Result result = new Result(o, data, plan, models, (System.nanoTime() - wallStart) / 1e9,
                (CostCalculator.cpuNanos() - cpuStart) / 1e9, Instant.now());
        write(store, result);
        return result;
    }

    private static ModelInfo info(Options o, String kind, LabelledData.Rows rows) {
        return new ModelInfo(kind, List.of(rows.features().names()), o.data().label().describe(o.data().horizonDays()),
                o.data().horizonDays(), Arrays.asList(rows.cutoffs()), Map.of(), Map.of(), o.seed(),
                Provenance.pulseVersion(), Instant.now());
    }

    static List<ValidationScheme> schemes(Options o, int folds, int timeSeriesFolds) {
        return List.of(new RandomKFold(folds, o.seed()),
                new TimeSeriesCv(o.window(), timeSeriesFolds, o.slidingCutoffs(), o.holdoutCutoffs()),
                new ForwardHoldout(o.holdoutCutoffs()));
    }

    /**
     * The folds and training share that fit the budget: first fewer folds (random K-fold down to
     * {@value #MIN_FOLDS}, time-series CV down to {@value #MIN_FOLDS} test cutoffs), then a seeded sample
     * of each split's training rows, the largest share whose estimate fits (at least {@value #MIN_FRACTION}).
     */
    static Plan plan(Options o, LabelledRows layout, List<UnitCost> costs) {
        int folds = o.folds();
        int tsFolds = o.timeSeriesFolds();
        List<Estimate> estimates = estimates(o, layout, costs, folds, tsFolds, 1.0);
        if (o.budgetSeconds() == null || total(estimates) <= o.budgetSeconds()) {
            return new Plan(folds, tsFolds, 1.0, costs, estimates, o.budgetSeconds() == null ? "no budget set"
                    : String.format(Locale.ROOT, "the full plan fits the %.0f s budget", o.budgetSeconds()));
        }
        List<String> changes = new ArrayList<>();
        int fewerFolds = Math.min(folds, Math.max(MIN_FOLDS, 3));
        int fewerTs = Math.min(tsFolds, MIN_FOLDS);
        if (fewerFolds < folds || fewerTs < tsFolds) {
            changes.add("random K-fold " + folds + " → " + fewerFolds + " folds, time-series CV " + tsFolds + " → "
                    + fewerTs + " test cutoffs");
            folds = fewerFolds;
            tsFolds = fewerTs;
            estimates = estimates(o, layout, costs, folds, tsFolds, 1.0);
        }
        double fraction = 1.0;
        if (total(estimates) > o.budgetSeconds()) {
            // the estimate grows with the share; halve the interval until the largest share that fits is found
            double low = MIN_FRACTION;
            double high = 1.0;
            for (int i = 0; i < 30; i++) {
                double mid = (low + high) / 2;
                if (total(estimates(o, layout, costs, folds, tsFolds, mid)) <= o.budgetSeconds()) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            fraction = low;
            estimates = estimates(o, layout, costs, folds, tsFolds, fraction);
            changes.add(String.format(Locale.ROOT, "training on a %.0f%% sample of each split's rows", 100 * fraction));
        }
        String choice = String.format(Locale.ROOT, "to fit the %.0f s budget: %s; estimate %.0f s%s",
                o.budgetSeconds(), String.join("; ", changes), total(estimates),
                total(estimates) > o.budgetSeconds() ? " (still over: the fixed costs alone exceed it)" : "");
        return new Plan(folds, tsFolds, fraction, costs, estimates, choice);
    }

    /** Estimates of every model under every scheme, training rows scaled by the sample share and {@code rowScale}. */
    private static List<Estimate> estimates(Options o, LabelledRows layout, List<UnitCost> costs, int folds,
            int tsFolds, double fraction) {
        List<Estimate> out = new ArrayList<>();
        for (UnitCost cost : costs) {
            for (ValidationScheme scheme : schemes(o, folds, tsFolds)) {
                List<Split> splits = scheme.splits(layout);
                double seconds = 0;
                double cpu = 0;
                long train = 0;
                long test = 0;
                for (Split s : splits) {
                    double[] one = cost.of(s.train().length * fraction * o.rowScale(), s.test().length * o.rowScale());
                    seconds += one[0];
                    cpu += one[1];
                    train += Math.round(s.train().length * fraction * o.rowScale());
                    test += Math.round(s.test().length * o.rowScale());
                }
                out.add(new Estimate(cost.model(), scheme.id(), splits.size(), train, test, seconds, cpu));
            }
        }
        return out;
    }

    private static double total(List<Estimate> estimates) {
        return estimates.stream().mapToDouble(Estimate::seconds).sum();
    }

    private static Estimate find(List<Estimate> estimates, String model, String scheme) {
        return estimates.stream().filter(e -> e.model().equals(model) && e.scheme().equals(scheme)).findFirst()
                .orElseThrow();
    }

    private static SchemeResult evaluate(ModelTrainer trainer, String scheme, List<Split> splits,
            LabelledData.Rows rows, Options o, double fraction, Estimate estimate, Progress progress) {
        long cpu = CostCalculator.cpuNanos();
        long wall = System.nanoTime();
        int tested = Arrays.stream(splits.stream().mapToInt(s -> s.test().length).toArray()).sum();
        double[] p = new double[tested];
        boolean[] y = new boolean[tested];
        long trainRows = 0;
        int at = 0;
        progress.start(trainer.kind() + " · " + scheme + " (" + splits.size() + " fits)", splits.size());
        SplittableRandom random = new SplittableRandom(o.seed());
        for (Split s : splits) {
            int[] train = fraction < 1 ? sample(s.train(), fraction, random) : s.train();
            boolean[] labels = new boolean[train.length];
            for (int i = 0; i < train.length; i++) {
                labels[i] = rows.active()[train[i]];
            }
            ModelInfo info = new ModelInfo(trainer.kind(), List.of(rows.features().names()),
                    o.data().label().describe(o.data().horizonDays()), o.data().horizonDays(), s.trainCutoffs(),
                    Map.of(), Map.of(), o.seed(), Provenance.pulseVersion(), Instant.now());
            ActivityModel model = trainer.fit(rows.features().select(train), labels, info);
            FeatureMatrix test = rows.features().select(s.test());
            double[] scores = model.predict(test);
            System.arraycopy(scores, 0, p, at, scores.length);
            for (int i = 0; i < s.test().length; i++) {
                y[at + i] = rows.active()[s.test()[i]];
            }
            at += scores.length;
            trainRows += train.length;
            progress.advance(1);
        }
        progress.done();
        BinaryMetrics metrics = BinaryMetrics.of(p, y);
        MetricIntervals intervals = new Bootstrap(o.bootstrapRounds(), Bootstrap.DEFAULT_LEVEL, o.seed()).intervals(p, y);
        return new SchemeResult(trainer.kind(), scheme, splits.size(), trainRows, tested, metrics, intervals,
                estimate.seconds(), (System.nanoTime() - wall) / 1e9, (CostCalculator.cpuNanos() - cpu) / 1e9, splits);
    }

    private static int[] sample(int[] rows, double fraction, SplittableRandom random) {
        int[] out = Arrays.stream(rows).filter(r -> random.nextDouble() < fraction).toArray();
        return out.length > 0 ? out : rows;
    }

    private static AucEstimate auc(SchemeResult r) {
        return r == null || r.folds() == 0 ? AucEstimate.UNDEFINED : AucEstimate.of(r.metrics(), r.intervals());
    }

    private static void write(PulseStore store, Result r) {
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO validation_results VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ModelResult m : r.models()) {
                        for (SchemeResult s : m.schemes().values()) {
                            int i = 1;
                            p.setString(i++, s.model());
                            p.setString(i++, s.scheme());
                            p.setInt(i++, s.folds());
                            p.setLong(i++, s.trainRows());
                            p.setLong(i++, s.testRows());
                            for (double v : new double[] {s.metrics().rocAuc(), s.intervals().rocAuc().low(),
                                    s.intervals().rocAuc().high(), s.metrics().prAuc(), s.metrics().accuracy(),
                                    s.metrics().logLoss(), s.metrics().brier()}) {
                                p.setObject(i++, Double.isFinite(v) ? v : null);
                            }
                            p.setDouble(i++, s.estimatedSeconds());
                            p.setDouble(i++, s.seconds());
                            p.setDouble(i++, s.cpuSeconds());
                            p.setString(i++, m.verdict().verdict());
                            p.setObject(i, java.sql.Timestamp.from(r.createdAt()));
                            p.addBatch();
                        }
                    }
                    p.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the validation results: " + e.getMessage(), e);
        }
    }

    /** Cutoffs of a split, e.g. "2025-03-10..2025-09-22 (14)". */
    public static String describe(List<LocalDate> cutoffs) {
        if (cutoffs.isEmpty()) {
            return "none";
        }
        return cutoffs.get(0) + (cutoffs.size() == 1 ? "" : ".." + cutoffs.get(cutoffs.size() - 1)) + " ("
                + cutoffs.size() + ")";
    }
}
