package io.pulse.store.segments;

import io.pulse.store.PulseStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads query results in tests. */
final class TestSql {

    private TestSql() {
    }

    /** The first column of every row, as strings. */
    static List<String> strings(PulseStore store, String sql) {
        List<String> out = new ArrayList<>();
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }
}
