package io.pulse.bench;

import java.sql.SQLException;

/** A piece of work that talks to DuckDB, to be timed. */
@FunctionalInterface
interface SqlWork<T> {
    T run() throws SQLException;
}
