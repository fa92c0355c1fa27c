package io.pulse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from the store's TIMESTAMP columns, which hold UTC wall-clock time: passed as
 * {@link LocalDateTime} so the JVM's time zone never shifts them (a {@code java.sql.Timestamp} would).
 */
public final class UtcTime {

    private UtcTime() {
    }

    public static LocalDateTime of(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The column as an instant; null for SQL NULL. */
    public static Instant read(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
