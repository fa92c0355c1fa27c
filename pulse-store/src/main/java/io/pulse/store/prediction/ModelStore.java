package io.pulse.store.prediction;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.PulseInputException;
import io.pulse.core.prediction.ActivityModel;
import io.pulse.core.prediction.ModelInfo;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fitted activity models in the store, table {@code models}: one row per kind (the latest fit replaces
 * the earlier one), holding the model's {@link ModelInfo} as JSON beside its bytes, so a score can
 * always say which model, features, label and cutoffs made it.
 */
public final class ModelStore {

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS models (
                kind       VARCHAR NOT NULL,
                info       VARCHAR NOT NULL,
                state      BLOB NOT NULL,
                trained_at TIMESTAMP NOT NULL
            )""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelStore() {
    }

    public static void save(PulseStore store, ActivityModel model) {
        try {
            var c = store.connection();
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
                try (PreparedStatement d = c.prepareStatement("DELETE FROM models WHERE kind = ?")) {
                    d.setString(1, model.info().kind());
                    d.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO models VALUES (?, ?, ?, ?)")) {
                    p.setString(1, model.info().kind());
                    p.setString(2, JSON.writeValueAsString(toJson(model.info())));
                    p.setBytes(3, model.toBytes());
                    p.setTimestamp(4, Timestamp.from(model.info().trainedAt()));
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot save the " + model.info().kind() + " model: " + e.getMessage(), e);
        }
    }

    /** The stored model of {@code trainer}'s kind, rebuilt by the trainer. */
    public static ActivityModel load(PulseStore store, ModelTrainer trainer) {
        if (store.scalarLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'models'") == 0) {
            throw missing(store, trainer);
        }
        try (PreparedStatement p = store.connection().prepareStatement("SELECT info, state FROM models WHERE kind = ?")) {
            p.setString(1, trainer.kind());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw missing(store, trainer);
                }
                return trainer.load(rs.getBytes(2), fromJson(JSON.readTree(rs.getString(1))));
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot load the " + trainer.kind() + " model: " + e.getMessage(), e);
        }
    }

    private static PulseInputException missing(PulseStore store, ModelTrainer trainer) {
        return new PulseInputException(store.path().toString(), "no " + trainer.kind()
                + " model in the store: run 'pulse predict --model " + trainer.kind() + "' to train one");
    }

    /** The info as JSON fields: kind, features, label, horizon_days, cutoffs, parameters, metrics, seed, version, trained_at. */
    public static Map<String, Object> toJson(ModelInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", info.kind());
        m.put("features", info.features());
        m.put("label", info.label());
        m.put("horizon_days", info.horizonDays());
        m.put("cutoffs", info.cutoffs().stream().map(LocalDate::toString).toList());
        m.put("parameters", info.parameters());
        m.put("metrics", info.metrics());
        m.put("seed", info.seed());
        m.put("pulse_version", info.pulseVersion());
        m.put("trained_at", info.trainedAt().toString());
        return m;
    }

    static ModelInfo fromJson(JsonNode n) {
        List<LocalDate> cutoffs = new ArrayList<>();
        n.get("cutoffs").forEach(c -> cutoffs.add(LocalDate.parse(c.asText())));
        return new ModelInfo(n.get("kind").asText(),
                JSON.convertValue(n.get("features"), new TypeReference<List<String>>() { }),
                n.get("label").asText(), n.get("horizon_days").asInt(), cutoffs,
                JSON.convertValue(n.get("parameters"), new TypeReference<Map<String, String>>() { }),
                JSON.convertValue(n.get("metrics"), new TypeReference<Map<String, Double>>() { }),
                n.get("seed").asLong(), n.get("pulse_version").asText(), Instant.parse(n.get("trained_at").asText()));
    }
}
