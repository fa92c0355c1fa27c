package io.pulse.store.tags;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.StoreException;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.tags.TagDefinition.Band;
import io.pulse.store.tags.TagDefinition.Kind;
import io.pulse.store.tags.TagDefinition.Model;
import org.roaringbitmap.RoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Computes the tags of every user of the feature table at a cutoff. Rule tags are evaluated in memory on
 * the referenced feature columns (one query, numbers only); attribute and model tags come from one query
 * each that returns (user index, value code), so no per-user string crosses JDBC but the user ids, once.
 *
 * <p>A model tag reads the output of another command (segments, predict, clv, thresholds); when its table
 * does not exist the definition is skipped with the command to run, since a store is usually tagged
 * before every model has been fitted.
 */
public final class TagRun {

    /** Characters outside an audience term's value ({@code name:value}) become '_', so every tag is addressable. */
    private static final Pattern NOT_VALUE = Pattern.compile("[^A-Za-z0-9_+-]");
    /**
     * Dense index of each user, the same order as the user ids are read in: a temporary table made once per
     * computation, since numbering the users sorts all their ids and every attribute and model tag joins it.
     */
    private static final String INDEXED = "pulse_tag_index";

    private TagRun() {
    }

    public static TagSet compute(PulseStore store, List<TagDefinition> defs, LocalDate cutoff) {
        ensureFeatures(store, cutoff);
        Set<String> features = new LinkedHashSet<>();
        for (TagDefinition d : defs) {
            if (d.kind() == Kind.RULE) {
                features.addAll(d.rule().referencedFeatures());
            }
        }
        execute(store, "CREATE OR REPLACE TEMP TABLE " + INDEXED + " AS SELECT user_id,"
                + " CAST(row_number() OVER (ORDER BY user_id) - 1 AS INTEGER) AS idx FROM " + FeatureTable.TABLE);
        try {
            return compute(store, defs, cutoff, List.copyOf(features));
        } finally {
            execute(store, "DROP TABLE IF EXISTS temp." + INDEXED);
        }
    }

    private static TagSet compute(PulseStore store, List<TagDefinition> defs, LocalDate cutoff, List<String> features) {
        Map<String, double[]> columns = new HashMap<>();
        String[] userIds = readColumns(store, features, columns);
        LinkedHashMap<String, RoaringBitmap> tags = new LinkedHashMap<>();
        Map<String, String> definitionOf = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        List<TagSet.Skipped> skipped = new ArrayList<>();
        for (TagDefinition d : defs) {
            Map<String, RoaringBitmap> made = switch (d.kind()) {
                case RULE -> Map.of(d.name(), evaluate(d, columns));
                case ATTRIBUTE -> categorical(store, d.name(), "SELECT user_id, " + d.attribute().column()
                        + " AS value FROM " + FeatureTable.TABLE);
                case MODEL -> model(store, d, userIds.length, sources, skipped);
            };
            for (Map.Entry<String, RoaringBitmap> e : made.entrySet()) {
                tags.put(e.getKey(), e.getValue());
                definitionOf.put(e.getKey(), d.name());
            }
        }
        return new TagSet(0, cutoff, Instant.now(), userIds, tags, definitionOf, sources, skipped);
    }

    /** A rule's users; a percentile of a feature no user has is the file's mistake, so it points at the definition. */
    private static RoaringBitmap evaluate(TagDefinition d, Map<String, double[]> columns) {
        try {
            return d.rule().evaluate(columns::get, TagDefinitions.FEATURES);
        } catch (PulseInputException e) {
            throw new PulseInputException(d.source(), d.line(), "rule", "tag '" + d.name() + "': " + e.getMessage());
        }
    }

    /** Builds the feature table unless it already holds exactly this cutoff. */
    private static void ensureFeatures(PulseStore store, LocalDate cutoff) {
        if (tableExists(store, FeatureTable.TABLE)) {
            List<LocalDate> cutoffs = rows(store, "SELECT DISTINCT cutoff FROM " + FeatureTable.TABLE + " LIMIT 2",
                    List.of(), rs -> rs.getObject(1, LocalDate.class));
            if (cutoffs.equals(List.of(cutoff))) {
                return;
            }
        }
        FeatureTable.build(store, cutoff);
    }

    /** The user ids in index order, filling {@code into} with each feature as doubles (NULL as NaN). */
    private static String[] readColumns(PulseStore store, List<String> features, Map<String, double[]> into) {
        StringBuilder sql = new StringBuilder("SELECT user_id");
        for (String f : features) {
            sql.append(", CAST(").append(Sql.identifier(f)).append(" AS DOUBLE)");
        }
        sql.append(" FROM ").append(FeatureTable.TABLE).append(" ORDER BY user_id");
        int n = (int) store.scalarLong("SELECT count(*) FROM " + FeatureTable.TABLE);
        String[] ids = new String[n];
        double[][] values = new double[features.size()][n];
        try (PreparedStatement p = store.connection().prepareStatement(sql.toString());
                ResultSet rs = p.executeQuery()) {
            int i = 0;
            while (rs.next()) {
                ids[i] = rs.getString(1);
                for (int f = 0; f < values.length; f++) {
                    double v = rs.getDouble(f + 2);
                    values[f][i] = rs.wasNull() ? Double.NaN : v;
                }
                i++;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the features: " + e.getMessage(), e);
        }
        for (int f = 0; f < values.length; f++) {
            into.put(features.get(f), values[f]);
        }
        return ids;
    }

    private static Map<String, RoaringBitmap> model(PulseStore store, TagDefinition d, int users,
            Map<String, String> sources, List<TagSet.Skipped> skipped) {
        Model m = d.model();
        String table = switch (m) {
            case SEGMENT -> "segment_members";
            case P_ACTIVE -> "predictions";
            case CLV -> "clv_customers";
            case DORMANCY -> "thresholds";
        };
        if (!tableExists(store, table) || store.scalarLong("SELECT count(*) FROM " + table) == 0) {
            skipped.add(new TagSet.Skipped(d.name(), "no " + table + " in the store: run '" + m.command() + "' first"));
            return Map.of();
        }
        return switch (m) {
            case SEGMENT -> {
                sources.put(d.name(), "segment_members.cluster at cutoff " + join(rows(store,
                        "SELECT DISTINCT cutoff FROM segment_members ORDER BY 1", List.of(), rs -> rs.getString(1))));
                yield categorical(store, d.name(), "SELECT user_id, cluster AS value FROM segment_members");
            }
            case DORMANCY -> {
                sources.put(d.name(), "thresholds.beyond_threshold at cutoff " + join(rows(store,
                        "SELECT DISTINCT cutoff FROM thresholds ORDER BY 1", List.of(), rs -> rs.getString(1))));
                yield Map.of(d.name(), indexes(store,
                        "SELECT idx FROM thresholds JOIN " + INDEXED + " USING (user_id) WHERE beyond_threshold", List.of()));
            }
            case P_ACTIVE -> {
                ModelRun latest = rows(store, "SELECT model, scored_at FROM predictions ORDER BY scored_at DESC, model"
                        + " LIMIT 1", List.of(), ModelRun::read).get(0);
                sources.put(d.name(), "predictions of model " + latest.model() + " scored at " + latest.day());
                yield banded(store, d, users, "SELECT idx, probability FROM predictions JOIN " + INDEXED
                        + " USING (user_id) WHERE model = ? AND scored_at = ?", latest.params());
            }
            case CLV -> {
                List<ModelRun> latest = rows(store, "SELECT m.model, m.cutoff FROM clv_models m WHERE EXISTS (SELECT 1"
                        + " FROM clv_customers c WHERE c.model = m.model AND c.cutoff = m.cutoff AND c.clv IS NOT NULL)"
                        + " ORDER BY m.fitted_at DESC, m.model LIMIT 1", List.of(), ModelRun::read);
                if (latest.isEmpty()) {
                    skipped.add(new TagSet.Skipped(d.name(), "no CLV in clv_customers (the gg model has none):"
                            + " run 'pulse clv' with a purchase model first"));
                    yield Map.of();
                }
                sources.put(d.name(), "clv_customers.clv of model " + latest.get(0).model() + " at cutoff "
                        + latest.get(0).day());
                yield banded(store, d, users, "SELECT idx, clv FROM clv_customers JOIN " + INDEXED
                        + " USING (user_id) WHERE model = ? AND cutoff = ? AND clv IS NOT NULL", latest.get(0).params());
            }
        };
    }

    /** The newest run of a model: its name and its scoring or fitting day. */
    private record ModelRun(String model, LocalDate day) {
        static ModelRun read(ResultSet rs) throws SQLException {
            return new ModelRun(rs.getString(1), rs.getObject(2, LocalDate.class));
        }

        List<Object> params() {
            return List.of(model, day);
        }
    }

    /**
     * One tag {@code name:value} per distinct non-null value of {@code valuesSql}'s (user_id, value) rows.
     * The distinct values come first, in order; then (user index, value code) rows, joined by hash rather
     * than ranked by a window, so no string crosses JDBC per user and no user id is sorted again.
     */
    private static Map<String, RoaringBitmap> categorical(PulseStore store, String name, String valuesSql) {
        String distinct = "SELECT DISTINCT value FROM (" + valuesSql + ") WHERE value IS NOT NULL";
        List<String> values = rows(store, "SELECT CAST(value AS VARCHAR) FROM (" + distinct + ") ORDER BY value",
                List.of(), rs -> rs.getString(1));
        String sql = "SELECT u.idx, d.code FROM (" + valuesSql + ") v"
                + " JOIN (SELECT value, CAST(row_number() OVER (ORDER BY value) - 1 AS INTEGER) AS code FROM ("
                + distinct + ")) d USING (value) JOIN " + INDEXED + " u USING (user_id) ORDER BY 2, 1";
        List<RoaringBitmap> bitmaps = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            bitmaps.add(new RoaringBitmap());
        }
        forEach(store, sql, List.of(), rs -> bitmaps.get(rs.getInt(2)).add(rs.getInt(1)));
        Map<String, RoaringBitmap> tags = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            tags.merge(name + ":" + NOT_VALUE.matcher(values.get(i)).replaceAll("_"), bitmaps.get(i),
                    (a, b) -> RoaringBitmap.or(a, b));
        }
        return tags;
    }

    /** One tag {@code name:label} per label of a banded model, empty ones included so versions line up. */
    private static Map<String, RoaringBitmap> banded(PulseStore store, TagDefinition d, int users, String sql,
            List<Object> params) {
        int[] index = new int[users];
        double[] value = new double[users];
        int[] n = new int[1];
        forEach(store, sql, params, rs -> {
            index[n[0]] = rs.getInt(1);
            value[n[0]++] = rs.getDouble(2);
        });
        double[] present = Arrays.copyOf(value, n[0]);
        double[] cuts = cuts(d.bands(), present);
        List<RoaringBitmap> bitmaps = new ArrayList<>();
        for (int i = 0; i < d.labels().size(); i++) {
            bitmaps.add(new RoaringBitmap());
        }
        for (int i = 0; i < n[0]; i++) {
            int band = 0;
            while (band < cuts.length && value[i] >= cuts[band]) {
                band++;
            }
            bitmaps.get(band).add(index[i]);
        }
        Map<String, RoaringBitmap> tags = new LinkedHashMap<>();
        for (int i = 0; i < bitmaps.size(); i++) {
            tags.put(d.name() + ":" + d.labels().get(i), bitmaps.get(i));
        }
        return tags;
    }

    /** The bands as values, percentiles taken over {@code present} as FeatureCondition takes them (type 7). */
    static double[] cuts(List<Band> bands, double[] present) {
        double[] sorted = present.clone();
        Arrays.sort(sorted);
        double[] cuts = new double[bands.size()];
        for (int i = 0; i < cuts.length; i++) {
            Band b = bands.get(i);
            cuts[i] = !b.percentile() ? b.value() : sorted.length == 0 ? Double.NaN : quantile(sorted, b.value() / 100);
        }
        return cuts;
    }

    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static RoaringBitmap indexes(PulseStore store, String sql, List<Object> params) {
        RoaringBitmap out = new RoaringBitmap();
        forEach(store, sql, params, rs -> out.add(rs.getInt(1)));
        return out;
    }

    private static String join(List<String> values) {
        return String.join(", ", values);
    }

    static boolean tableExists(PulseStore store, String table) {
        return !rows(store, "SELECT 1 FROM information_schema.tables WHERE table_name = ?", List.of(table),
                rs -> 1).isEmpty();
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    static <T> List<T> rows(PulseStore store, String sql, List<Object> params, Row<T> row) {
        List<T> out = new ArrayList<>();
        forEach(store, sql, params, rs -> out.add(row.read(rs)));
        return out;
    }

    private static void execute(PulseStore store, String sql) {
        try (Statement s = store.connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("tag query failed: " + e.getMessage(), e);
        }
    }

    static void forEach(PulseStore store, String sql, List<Object> params, RowAction action) {
        try (PreparedStatement p = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("tag query failed: " + e.getMessage(), e);
        }
    }
}
