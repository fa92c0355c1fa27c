package io.pulse.bench.features;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A full comparison of two tables keyed by {@code user_id}, in SQL: the same columns with the same
 * types in the same order, the same users, and every value equal. DOUBLE columns may differ by
 * {@link #RELATIVE} of the larger magnitude, since a sum of doubles depends on the order DuckDB's
 * threads add them in; every other type must match exactly, NULLs included.
 */
public final class TableDiff {

    static final double RELATIVE = 1e-9;
    private static final int SHOWN = 5;

    private TableDiff() {
    }

    /** What the comparison found: empty {@code problems} means equal tables. */
    public record Result(long rows, int columns, List<String> problems) {

        public boolean equal() {
            return problems.isEmpty();
        }
    }

    record Column(String name, String type) {
    }

    public static Result compare(Connection c, String left, String right) throws SQLException {
        List<Column> a = columns(c, left);
        List<Column> b = columns(c, right);
        if (!a.equals(b)) {
            return new Result(0, a.size(), List.of("columns differ: " + left + " " + a + ", " + right + " " + b));
        }
        String differs = a.stream().filter(col -> !col.name().equals("user_id"))
                .map(TableDiff::differs).collect(Collectors.joining("\n  OR "));
        String which = a.stream().filter(col -> !col.name().equals("user_id"))
                .map(col -> "CASE WHEN " + differs(col) + " THEN '" + col.name() + " ' || CAST(l." + quoted(col)
                        + " AS VARCHAR) || ' vs ' || CAST(r." + quoted(col) + " AS VARCHAR) || '; ' ELSE '' END")
                .collect(Collectors.joining(" || "));
        String join = " FROM " + left + " l FULL OUTER JOIN " + right + " r ON l.user_id = r.user_id"
                + " WHERE l.user_id IS NULL OR r.user_id IS NULL OR " + differs;
        List<String> problems = new ArrayList<>();
        long rows;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*)" + join)) {
                rs.next();
                long bad = rs.getLong(1);
                if (bad > 0) {
                    problems.add(bad + " users differ between " + left + " and " + right);
                }
            }
            if (!problems.isEmpty()) {
                try (ResultSet rs = s.executeQuery("SELECT coalesce(l.user_id, r.user_id), l.user_id IS NULL,"
                        + " r.user_id IS NULL, " + which + join + " ORDER BY 1 LIMIT " + SHOWN)) {
                    while (rs.next()) {
                        problems.add(rs.getString(1) + ": " + (rs.getBoolean(2) ? "only in " + right
                                : rs.getBoolean(3) ? "only in " + left : rs.getString(4)));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + left)) {
                rs.next();
                rows = rs.getLong(1);
            }
        }
        return new Result(rows, a.size(), problems);
    }

    private static String differs(Column col) {
        String l = "l." + quoted(col);
        String r = "r." + quoted(col);
        if (col.type().equals("DOUBLE")) {
            return "((" + l + " IS NULL) <> (" + r + " IS NULL) OR abs(" + l + " - " + r + ") > " + RELATIVE
                    + " * greatest(abs(" + l + "), abs(" + r + ")))";
        }
        return l + " IS DISTINCT FROM " + r;
    }

    private static String quoted(Column col) {
        return '"' + col.name() + '"';
    }

    private static List<Column> columns(Connection c, String table) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                     + " WHERE table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                out.add(new Column(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }
}
