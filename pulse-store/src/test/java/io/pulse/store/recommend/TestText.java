package io.pulse.store.recommend;

import io.pulse.store.PulseStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads one text value in tests. */
final class TestText {

    private TestText() {
    }

    static String one(PulseStore store, String sql) {
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
