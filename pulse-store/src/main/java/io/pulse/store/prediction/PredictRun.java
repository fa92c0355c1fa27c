package io.pulse.store.prediction;

import io.pulse.core.Provenance;
import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.FeatureImportance;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.features.FeatureTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trains a model on the labelled rows of every cutoff and scores every user known at the scoring day
 * (default: the last event's day) with the probability of being active in the horizon after it. The
 * model goes to {@link ModelStore}; the scores to the table {@code predictions} (replacing that
 * model's earlier scores), one transaction each.
 */
public final class PredictRun {

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS predictions (
                user_id      VARCHAR NOT NULL,
                model        VARCHAR NOT NULL,
                scored_at    DATE NOT NULL,
                horizon_days INTEGER NOT NULL,
                label        VARCHAR NOT NULL,
                probability  DOUBLE NOT NULL,
                rank         BIGINT NOT NULL
            )""";

    private PredictRun() {
    }

    /** @param day the scoring day; null for the last event's day */
    public record Options(LabelledData.Options data, LocalDate day, long seed) {

        public static Options defaults() {
            return new Options(LabelledData.Options.defaults(), null, 42);
        }
    }

    /**
     * @param scores probability per user, in the order of {@code userIds}
     */
    public record Result(ActivityModel model, LabelledData.Summary training, LocalDate day, String[] userIds,
            double[] scores, List<FeatureImportance> topFeatures) {

        /** Mean predicted probability: the expected share of users active in the horizon. */
        public double expectedActiveShare() {
            return Arrays.stream(scores).average().orElse(Double.NaN);
        }
    }

    public static Result run(PulseStore store, ModelTrainer trainer, Options o, Progress progress) {
        LabelledData.Summary training = LabelledData.build(store, o.data(), progress);
        LabelledData.Rows rows = LabelledData.read(store, null);
        ModelInfo info = new ModelInfo(trainer.kind(), List.of(rows.features().names()),
                o.data().label().describe(o.data().horizonDays()), o.data().horizonDays(), training.cutoffs(),
                Map.of(), Map.of(), o.seed(), Provenance.pulseVersion(), Instant.now());
        progress.start("training " + trainer.kind() + " on " + rows.size() + " rows", -1);
        ActivityModel model = trainer.fit(rows.features(), rows.active(), info);
        progress.done();
        LocalDate day = o.day() != null ? o.day() : FeatureTable.lastEventDay(store);
        LabelledData.Rows scoring = LabelledData.scoring(store, day, info.features());
        double[] scores = model.predict(scoring.features());
        ModelStore.save(store, model);
        write(store, model.info(), day, scoring.userIds(), scores);
        return new Result(model, training, day, scoring.userIds(), scores, model.explain(10));
    }

    private static void write(PulseStore store, ModelInfo info, LocalDate day, String[] users, double[] scores) {
        Integer[] order = new Integer[users.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long[] rank = new long[users.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                try (PreparedStatement d = c.prepareStatement("DELETE FROM predictions WHERE model = ?")) {
                    d.setString(1, info.kind());
                    d.executeUpdate();
                }
                try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "predictions")) {
                    for (int i = 0; i < users.length; i++) {
                        a.beginRow().append(users[i]).append(info.kind()).append(day).append(info.horizonDays())
                                .append(info.label()).append(scores[i]).append(rank[i]).endRow();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the predictions: " + e.getMessage(), e);
        }
    }
}
