package io.pulse.store.ingest;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.TestFiles.Reject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;

import static io.pulse.store.TestFiles.column;
import static io.pulse.store.TestFiles.lines;
import static io.pulse.store.TestFiles.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The physical layouts Pulse reads, each loading the same three events. */
class LayoutsTest extends StoreFixture {

    /** What each layout below must load: event id, user, UTC time, type, amount. */
    private static final String[] EXPECTED = {
            "e1|u1|2025-03-01 10:00:00|view|",
            "e2|u1|2025-03-01 10:05:00|purchase|19.9900",
            "e3|u2|2025-03-02 08:00:00|view|"};


    private IngestSummary ingest(Path file, Mapping mapping) {
        return Ingestor.ingestEvents(store, IngestRequest.of(file, mapping));
    }

    private Mapping mapping(String yaml) throws IOException {
        return Ingestor.eventMapping(Files.writeString(dir.resolve("mapping.yaml"), yaml).toString());
    }

    private String[] loaded() {
        return column(store, "SELECT concat_ws('|', event_id, user_id, strftime(ts, '%Y-%m-%d %H:%M:%S'), type,"
                + " coalesce(CAST(amount AS VARCHAR), '')) FROM events ORDER BY event_id").toArray(String[]::new);
    }

    @Test
    void semicolonsAreRecognisedAsTheDelimiterFromTheHeader() throws IOException {
        Path file = lines(dir, "events.csv", "event_id;user_id;ts;type;amount",
                "e1;u1;2025-03-01T10:00:00Z;view;",
                "e2;u1;2025-03-01T10:05:00Z;purchase;19.99",
                "e3;u2;2025-03-02T08:00:00Z;view;");

        ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void tabsAreRecognisedAsTheDelimiterFromTheHeader() throws IOException {
        Path file = lines(dir, "events.tsv", "event_id\tuser_id\tts\ttype\tamount",
                "e1\tu1\t2025-03-01T10:00:00Z\tview\t",
                "e2\tu1\t2025-03-01T10:05:00Z\tpurchase\t19.99",
                "e3\tu2\t2025-03-02T08:00:00Z\tview\t");

        ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void aMappingDelimiterWinsOverWhatTheHeaderSuggests() throws IOException {
        // The header holds more commas than pipes, but the mapping says pipes.
        Path file = lines(dir, "events.txt", "event_id|user_id|ts|type|amount,with,commas",
                "e1|u1|2025-03-01T10:00:00Z|view|",
                "e2|u1|2025-03-01T10:05:00Z|purchase|19.99",
                "e3|u2|2025-03-02T08:00:00Z|view|");

        ingest(file, mapping("delimiter: \"|\"\nfields:\n  amount: \"amount,with,commas\"\n"));

        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void aHeaderlessFileTakesItsColumnNamesFromTheMapping() throws IOException {
        Path file = lines(dir, "events.csv",
                "2025-03-01T10:00:00Z,u1,view,,e1",
                "2025-03-01T10:05:00Z,u1,purchase,19.99,e2",
                "2025-03-02T08:00:00Z,u2,view,,e3");

        IngestSummary summary = ingest(file, mapping("header: false\ncolumns: [when, who, what, paid, id]\n"
                + "fields:\n  ts: when\n  user_id: who\n  type: what\n  amount: paid\n  event_id: id\n"));

        assertThat(summary.rowsRead()).isEqualTo(3);
        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void aHeaderlessFileCountsItsFirstLineAsLineOne() throws IOException {
        Path file = lines(dir, "events.csv",
                "2025-03-01T10:00:00Z,u1,jump",
                "2025-03-01T10:05:00Z,u1,view");

        IngestSummary summary = ingest(file, mapping("header: false\ncolumns: [ts, user_id, type]\nfields: {}\n"));

        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(1L);
    }

    @Test
    void quotedHeaderNamesAndAByteOrderMarkAreRead() throws IOException {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "\uFEFF\"event_id\",\"user_id\",\"ts\",\"type\",\"amount\"\n"
                + "e1,u1,2025-03-01T10:00:00Z,view,\n"
                + "e2,u1,2025-03-01T10:05:00Z,purchase,\"19.99\"\n"
                + "\"e3\",u2,2025-03-02T08:00:00Z,view,\n", StandardCharsets.UTF_8);

        ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void columnNamesMatchTheSchemaWithoutRegardToCase() throws IOException {
        Path file = lines(dir, "events.csv", "Event_ID,USER_ID,Ts,Type,Amount",
                "e1,u1,2025-03-01T10:00:00Z,view,",
                "e2,u1,2025-03-01T10:05:00Z,purchase,19.99",
                "e3,u2,2025-03-02T08:00:00Z,view,");

        ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void gzipCsvLoadsLikeThePlainFileAndReportsPlainLineNumbers() throws IOException {
        Path file = dir.resolve("events.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("event_id,user_id,ts,type,amount\n"
                    + "e1,u1,2025-03-01T10:00:00Z,view,\n"
                    + "e2,u1,2025-03-01T10:05:00Z,purchase,19.99\n"
                    + "bad,u1,2025-03-01T10:05:00Z,purchase,-1\n"
                    + "e3,u2,2025-03-02T08:00:00Z,view,\n").getBytes(StandardCharsets.UTF_8));
        }

        IngestSummary summary = ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::content)
                .containsExactly(tuple(4L, "bad,u1,2025-03-01T10:05:00Z,purchase,-1"));
    }

    @Test
    void jsonLinesLoadAndRejectMalformedLinesByLineNumberSkippingBlankOnes() throws IOException {
        Path file = lines(dir, "events.jsonl",
                "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"ts\":\"2025-03-01T10:00:00Z\",\"type\":\"view\"}",
                "",
                "{\"event_id\":\"e2\",\"user_id\":\"u1\",\"ts\":\"2025-03-01T10:05:00Z\",\"type\":\"purchase\",\"amount\":19.99}",
                "{\"event_id\":\"broken\", \"user_id\": ",
                "   ",
                "[\"e9\", \"u9\"]",
                "{\"event_id\":\"e3\",\"user_id\":\"u2\",\"ts\":\"2025-03-02T08:00:00Z\",\"type\":\"view\",\"extra\":{\"a\":1}}",
                "{\"event_id\":\"e4\",\"ts\":\"2025-03-02T08:00:00Z\",\"type\":\"view\"}");

        IngestSummary summary = ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
        assertThat(summary.rowsRead()).isEqualTo(6);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::reason).containsExactly(
                tuple(4L, "malformed JSON"),
                tuple(6L, "a line must be one JSON object"),
                tuple(8L, "missing user_id"));
    }

    @Test
    void aRejectedJsonLineIsQuotedWholeInTheRejectsFile() throws IOException {
        String broken = "{\"event_id\":\"broken\", \"user_id\": ";
        String unknownType = "{\"event_id\":\"e2\",\"user_id\":\"u1\",\"ts\":\"2025-03-01T10:05:00Z\",\"type\":\"nap\"}";
        Path file = lines(dir, "events.jsonl",
                "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"ts\":\"2025-03-01T10:00:00Z\",\"type\":\"view\"}",
                broken,
                "",
                unknownType);

        IngestSummary summary = ingest(file, Mapping.canonical());

        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::content)
                .containsExactly(tuple(2L, broken), tuple(4L, unknownType));
    }

    @Test
    void jsonNumbersAndStringsAreReadAlike() throws IOException {
        Path file = lines(dir, "events.jsonl",
                "{\"event_id\":1,\"user_id\":42,\"ts\":\"2025-03-01T10:00:00Z\",\"type\":\"purchase\",\"amount\":\"5.50\",\"quantity\":2}",
                "{\"event_id\":\"2\",\"user_id\":\"42\",\"ts\":\"2025-03-01T10:00:00Z\",\"type\":\"purchase\",\"amount\":5.5,\"quantity\":\"2\"}");

        ingest(file, Mapping.canonical());

        assertThat(column(store, "SELECT concat_ws('|', event_id, user_id, amount, quantity) FROM events ORDER BY event_id"))
                .containsExactly("1|42|5.5000|2", "2|42|5.5000|2");
    }

    @Test
    void gzipJsonLinesLoad() throws IOException {
        Path file = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("{\"event_id\":\"e1\",\"user_id\":\"u1\",\"ts\":\"2025-03-01T10:00:00Z\",\"type\":\"view\"}\n"
                    + "{\"event_id\":\"e2\",\"user_id\":\"u1\",\"ts\":\"2025-03-01T10:05:00Z\",\"type\":\"purchase\",\"amount\":19.99}\n"
                    + "{\"event_id\":\"e3\",\"user_id\":\"u2\",\"ts\":\"2025-03-02T08:00:00Z\",\"type\":\"view\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
    }

    @Test
    void parquetLoadsTypedColumnsAndRejectsByRowNumber() throws IOException, SQLException {
        Path file = dir.resolve("events.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("COPY (SELECT * FROM (VALUES"
                    + " ('e1', 'u1', TIMESTAMP '2025-03-01 10:00:00', 'view', NULL::DOUBLE),"
                    + " ('e2', 'u1', TIMESTAMP '2025-03-01 10:05:00', 'purchase', 19.99),"
                    + " ('bad', 'u1', TIMESTAMP '2025-03-01 10:06:00', 'purchase', -4.0),"
                    + " ('e3', 'u2', TIMESTAMP '2025-03-02 08:00:00', 'view', NULL::DOUBLE))"
                    + " AS t(event_id, user_id, ts, type, amount)) TO " + Sql.literal(file.toString()) + " (FORMAT parquet)");
        }

        IngestSummary summary = ingest(file, Mapping.canonical());

        assertThat(loaded()).containsExactly(EXPECTED);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::reason)
                .containsExactly(tuple(3L, "negative amount '-4.0'"));
    }

    @Test
    void parquetTimestampsWithAZoneAreStoredInUtc() throws IOException, SQLException {
        Path file = dir.resolve("events.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 'e1' AS event_id, 'u1' AS user_id, TIMESTAMPTZ '2025-03-01 15:00:00+05:00' AS ts,"
                    + " 'view' AS type) TO " + Sql.literal(file.toString()) + " (FORMAT parquet)");
        }

        ingest(file, Mapping.canonical());

        assertThat(column(store, "SELECT strftime(ts, '%Y-%m-%d %H:%M:%S') FROM events")).containsExactly("2025-03-01 10:00:00");
    }

    @Test
    void whitespaceAlignedColumnsLoadAndALineWithTooFewFieldsIsRejected() throws IOException {
        Path file = lines(dir, "log.txt",
                "  id      when       what   paid",
                "  u1   20250301   view    0",
                "",
                "  u1   20250301   purchase   19.99",
                "  u2   20250302",
                "  u2   20250302   view    0");

        IngestSummary summary = ingest(file, mapping("format: whitespace\nheader: true\ncolumns: [id, when, what, paid]\n"
                + "fields:\n  user_id: id\n  ts: {column: when, format: \"%Y%m%d\"}\n  type: what\n  amount: paid\n"));

        assertThat(column(store, "SELECT concat_ws('|', user_id, CAST(ts AS DATE), type, amount) FROM events ORDER BY ts, type"))
                .containsExactly("u1|2025-03-01|purchase|19.9900", "u1|2025-03-01|view|0.0000", "u2|2025-03-02|view|0.0000");
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::reason, Reject::content)
                .containsExactly(tuple(5L, "expected 4 fields, found 2", "  u2   20250302"));
    }

    @Test
    void aFileThatIsNotGzipDespiteItsNameIsAnInputError() throws IOException {
        Path file = Files.writeString(dir.resolve("events.csv.gz"), "event_id,user_id,ts,type\n");

        assertThatThrownBy(() -> ingest(file, Mapping.canonical()))
                .isInstanceOf(PulseInputException.class)
                .satisfies(e -> assertThat(((PulseInputException) e).source()).contains(file.toString()));
        assertThat(store.eventCount()).isZero();
    }

    @Test
    void aBinaryFileIsAnInputErrorPointingAtItsFirstLine() throws IOException {
        Path file = Files.write(dir.resolve("events.csv"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 1, '\n', 7, 0, 9});

        assertThatThrownBy(() -> ingest(file, Mapping.canonical()))
                .isInstanceOfSatisfying(PulseInputException.class, e -> {
                    assertThat(e.source()).contains(file.toString());
                    assertThat(e.line()).isEqualTo(1);
                });
        assertThat(store.scalarLong("SELECT count(*) FROM ingest_batches")).isZero();
    }

    @Test
    void aMissingFileIsAnInputError() {
        Path file = dir.resolve("nowhere.csv");

        assertThatThrownBy(() -> ingest(file, Mapping.canonical()))
                .isInstanceOf(PulseInputException.class)
                .hasMessageContaining("no such readable file");
    }

    @Test
    void aFileWithoutAUserIdColumnIsAnInputErrorNamingTheField() throws IOException {
        Path file = lines(dir, "events.csv", "customer,ts,type", "c1,2025-03-01T10:00:00Z,view");

        assertThatThrownBy(() -> ingest(file, Mapping.canonical()))
                .isInstanceOfSatisfying(PulseInputException.class, e -> {
                    assertThat(e.field()).contains("fields.user_id");
                    assertThat(e.getMessage()).contains("customer, ts, type");
                });
        assertThat(store.scalarLong("SELECT count(*) FROM ingest_batches")).isZero();
    }

    @Test
    void aMappingThatNamesAColumnTheFileLacksIsAnInputError() throws IOException {
        Path file = lines(dir, "events.csv", "who,ts,type", "c1,2025-03-01T10:00:00Z,view");

        assertThatThrownBy(() -> ingest(file, mapping("name: mine\nfields:\n  user_id: customer\n")))
                .isInstanceOf(PulseInputException.class)
                .hasMessageContaining("no column 'customer'");
    }

    @Test
    void aHeaderOnlyFileLoadsNothing() throws IOException {
        IngestSummary summary = ingest(lines(dir, "events.csv", "event_id,user_id,ts,type"), Mapping.canonical());

        assertThat(summary.rowsRead()).isZero();
        assertThat(summary.rejectsFile()).isNull();
        assertThat(store.eventCount()).isZero();
    }
}
