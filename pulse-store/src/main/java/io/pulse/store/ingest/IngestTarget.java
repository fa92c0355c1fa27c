package io.pulse.store.ingest;

import java.util.List;

/** What an ingest loads into: the events table or the users table. */
interface IngestTarget {

    /** "events" or "users"; recorded with the batch. */
    String name();

    /** The canonical fields a mapping may name. */
    List<String> fields();

    /** Declares typed fields and checks on the projection. */
    void project(Projection projection);

    /** Whether {@link #insertSql} orders rows by {@code __ord}, so the scan must number them. */
    default boolean needsRowOrder() {
        return false;
    }

    /**
     * An aggregate over the projection's rows that counts good rows repeating a key of an earlier
     * good row of the same file, or "0" when the insert can never meet such repeats. It rides on
     * the check pass, so the insert pays for removing repeats only when a file has them.
     */
    default String repeatsSql() {
        return "0";
    }

    /**
     * SQL that inserts the good rows of {@code rows} (a subquery over the projection) with batch id
     * {@code batch}, skipping what the store already has; its update count is the rows loaded.
     * {@code repeats} says whether the file has rows repeating a key ({@link #repeatsSql}).
     */
    String insertSql(String rows, long batch, boolean repeats);

    /**
     * SQL that inserts every row of {@code rows} with batch id {@code batch} and fails (DuckDB's
     * {@code error()}, message starting with {@link #NEEDS_CHECKING}) at the first row a check
     * rejects; no dedup. Null when this target has no such fast path.
     */
    default String optimisticInsertSql(String rows, long batch) {
        return null;
    }

    /** The message an optimistic insert fails with when a row needs the careful path. */
    String NEEDS_CHECKING = "pulse: a row needs checking";
}
