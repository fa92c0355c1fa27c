package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import io.pulse.store.TestFiles;
import io.pulse.store.TestFiles.Reject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pulse.store.TestFiles.column;
import static io.pulse.store.TestFiles.lines;
import static io.pulse.store.TestFiles.rejects;
import static io.pulse.store.TestFiles.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Bad rows go to the rejects file with their physical line and reason; good rows still load. */
class RejectsTest extends StoreFixture {

    private static final String HEADER = "event_id,user_id,ts,type,amount,quantity";

    /** Line number → the line, with the reason each bad line must get (null for a good line). */
    private static final String[][] EVERY_REASON = {
            {"e1,u1,2025-03-01T10:00:00Z,view,,", null},
            {"e2,u1,not-a-date,view,,", "unparseable ts 'not-a-date'"},
            {"e3,,2025-03-01T10:00:00Z,view,,", "missing user_id"},
            {"e4,u2,2025-03-01T10:00:00Z,purchase,-5.00,1", "negative amount '-5.00'"},
            {"e5,u2,2025-03-01T10:00:00Z,purchase,abc,1", "amount 'abc' is not a number"},
            {"e6,u2,2025-03-01T10:00:00Z,teleport,,", "unknown type 'teleport' (known: cart, click, purchase, refund, search, session, view)"},
            {"e7,u2,2025-03-01T10:00:00Z,view", "wrong column count: expected 6, found 4"},
            {"e8,u3,2025-03-01T10:00:00Z,purchase,5.00,1.5", "quantity '1.5' is not an integer"},
            {"e9,u3,2025-03-01T11:00:00Z,purchase,12.50,2", null},
            {"e10,u3,2025-03-01T11:00:00Z,purchase,12.50,-2", "negative quantity '-2'"},
    };


    private Path everyReasonFile() throws IOException {
        String[] content = new String[EVERY_REASON.length + 1];
        content[0] = HEADER;
        for (int i = 0; i < EVERY_REASON.length; i++) {
            content[i + 1] = EVERY_REASON[i][0];
        }
        return lines(dir, "events.csv", content);
    }

    private IngestSummary ingest(Path file) {
        return Ingestor.ingestEvents(store, IngestRequest.of(file, Mapping.canonical()));
    }

    @Test
    void everyRejectReasonIsReportedOnItsPhysicalLine() throws IOException {
        IngestSummary summary = ingest(everyReasonFile());

        Map<Long, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < EVERY_REASON.length; i++) {
            if (EVERY_REASON[i][1] != null) {
                expected.put(i + 2L, EVERY_REASON[i][1]);
            }
        }
        Map<Long, String> actual = new LinkedHashMap<>();
        rejects(summary.rejectsFile()).forEach(r -> actual.put(r.line(), r.reason()));
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void theRejectsFileQuotesEachRejectedLineWhole() throws IOException {
        IngestSummary summary = ingest(everyReasonFile());

        for (Reject r : rejects(summary.rejectsFile())) {
            assertThat(r.content()).isEqualTo(EVERY_REASON[(int) r.line() - 2][0]);
        }
    }

    @Test
    void goodRowsBesideRejectedOnesStillLoadWithTheirValues() throws IOException {
        ingest(everyReasonFile());

        assertThat(column(store, "SELECT event_id FROM events ORDER BY event_id")).containsExactly("e1", "e9");
        assertThat(scalar(store, "SELECT amount || ' x ' || quantity FROM events WHERE event_id = 'e9'"))
                .isEqualTo("12.5000 x 2");
    }

    @Test
    void theSummaryCountsEveryDataRowExactlyOnce() throws IOException {
        IngestSummary summary = ingest(everyReasonFile());

        assertThat(summary.rowsRead()).isEqualTo(EVERY_REASON.length);
        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(EVERY_REASON.length - 2);
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.rejectsFile()).isEqualTo(dir.resolve("events.csv.rejects.csv"));
    }

    @Test
    void theBatchRecordAgreesWithTheSummary() throws IOException {
        IngestSummary summary = ingest(everyReasonFile());

        assertThat(scalar(store, "SELECT concat_ws('/', batch_id, target, mapping, rows_read, loaded, duplicates, rejected)"
                + " FROM ingest_batches")).isEqualTo(summary.batchId() + "/events/canonical/" + summary.rowsRead()
                + "/" + summary.loaded() + "/" + summary.duplicates() + "/" + summary.rejected());
        assertThat(column(store, "SELECT DISTINCT batch_id FROM events")).containsExactly(String.valueOf(summary.batchId()));
    }

    @Test
    void aQuotedNewlineDoesNotShiftTheLinesOfLaterRejects() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,                                                  // 1
                "e1,\"u1\nstill u1\n\",2025-03-01T10:00:00Z,view,,",     // 2-4
                "e2,u2,yesterday,view,,",                                // 5
                "e3,\"u,3\",2025-03-01T10:00:00Z,view,,",                // 6
                "e4,u4,2025-03-01T10:00:00Z,view,-1,");                  // 7

        IngestSummary summary = ingest(file);

        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::reason).containsExactly(
                tuple(5L, "unparseable ts 'yesterday'"),
                tuple(7L, "negative amount '-1'"));
        assertThat(column(store, "SELECT user_id FROM events ORDER BY event_id")).containsExactly("u1\nstill u1\n", "u,3");
    }

    @Test
    void aRejectedRecordThatSpansLinesIsReportedOnItsFirstLine() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "e2,\"u2\nsecond line\",2025-03-01T10:00:00Z,dance,,",
                "e3,u3,2025-03-01T10:00:00Z,dance,,");

        IngestSummary summary = ingest(file);

        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::content).containsExactly(
                tuple(3L, "e2,\"u2\nsecond line\",2025-03-01T10:00:00Z,dance,,"),
                tuple(5L, "e3,u3,2025-03-01T10:00:00Z,dance,,"));
    }

    @Test
    void blankLinesAreNeitherRowsNorRejectsAndDoNotShiftLineNumbers() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,
                "",
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "",
                "",
                "e2,u2,2025-03-01T10:00:00Z,nap,,",
                "");

        IngestSummary summary = ingest(file);

        assertThat(summary.rowsRead()).isEqualTo(2);
        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(6L);
    }

    @Test
    void windowsLineEndsKeepLineNumbersAndLeaveNoCarriageReturnInValues() throws IOException {
        Path file = Files.writeString(dir.resolve("events.csv"), HEADER + "\r\n"
                + "e1,u1,2025-03-01T10:00:00Z,view,,\r\n"
                + "\r\n"
                + "e2,u2,2025-03-01T10:00:00Z,purchase,-3,\r\n"
                + "e3,u3,2025-03-01T10:00:00Z,view,,\r\n", StandardCharsets.UTF_8);

        IngestSummary summary = ingest(file);

        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::content).containsExactly(
                tuple(4L, "e2,u2,2025-03-01T10:00:00Z,purchase,-3,"));
        assertThat(column(store, "SELECT user_id || '|' || type FROM events ORDER BY event_id"))
                .containsExactly("u1|view", "u3|view");
    }

    @Test
    void aQuoteInsideAnUnquotedValueIsTextAndDoesNotShiftLaterLines() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,
                "e1,o\"brien,2025-03-01T10:00:00Z,view,,",
                "e2,u2,2025-03-01T10:00:00Z,view,oops,",
                "e3,u3,2025-03-01T10:00:00Z,view,,");

        IngestSummary summary = ingest(file);

        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(3L);
        assertThat(column(store, "SELECT user_id FROM events ORDER BY event_id")).containsExactly("o\"brien", "u3");
    }

    @Test
    void anUnterminatedQuoteOnTheLastLineIsRejectedOnThatLine() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "e2,\"u2,2025-03-01T10:00:00Z,view,,");

        IngestSummary summary = ingest(file);

        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(3L);
    }

    @Test
    void oneBrokenRowNearTheTopDoesNotSpoilTheRestOfTheFile() throws IOException {
        // DuckDB's own dialect sniffer gives up on a small file with one bad row and reads it as one
        // column, which used to reject every row as "missing user_id".
        Path file = lines(dir, "events.csv",
                HEADER,
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "e2,\"u2\"x,2025-03-01T10:00:00Z,view,,",
                "e3,u3,2025-03-01T10:00:00Z,view,,");

        IngestSummary summary = ingest(file);

        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(3L);
    }

    @Test
    void bytesThatAreNotUtf8RejectTheirRowOnly() throws IOException {
        byte[] bad = "e2,u\u00ff2,2025-03-01T10:00:00Z,view,,\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("events.csv");
        Files.writeString(file, HEADER + "\ne1,u1,2025-03-01T10:00:00Z,view,,\n", StandardCharsets.UTF_8);
        Files.write(file, bad, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, "e3,u3,2025-03-01T10:00:00Z,view,,\n", java.nio.file.StandardOpenOption.APPEND);

        IngestSummary summary = ingest(file);

        assertThat(column(store, "SELECT event_id FROM events ORDER BY event_id")).containsExactly("e1", "e3");
        assertThat(rejects(summary.rejectsFile())).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.reason()).startsWith("invalid encoding");
        });
    }

    @Test
    void aCleanIngestWritesNoRejectsFileAndRemovesAStaleOne() throws IOException {
        Path file = everyReasonFile();
        Path stale = ingest(file).rejectsFile();
        assertThat(stale).exists();
        lines(dir, "events.csv", HEADER, "e1,u1,2025-03-01T10:00:00Z,view,,");

        IngestSummary clean = ingest(file);

        assertThat(clean.rejectsFile()).isNull();
        assertThat(stale).doesNotExist();
    }

    @Test
    void rejectsGoWhereTheRequestSays() throws IOException {
        Path elsewhere = dir.resolve("bad-rows.csv");

        IngestSummary summary = Ingestor.ingestEvents(store,
                new IngestRequest(everyReasonFile(), Mapping.canonical(), elsewhere, null, null));

        assertThat(summary.rejectsFile()).isEqualTo(elsewhere);
        assertThat(rejects(elsewhere)).hasSize(EVERY_REASON.length - 2);
        assertThat(dir.resolve("events.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void reingestingTheSameFileLoadsNothingAndCountsEveryGoodRowAsADuplicate() throws IOException {
        Path file = everyReasonFile();
        ingest(file);

        IngestSummary again = ingest(file);

        assertThat(again.loaded()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.rejected()).isEqualTo(EVERY_REASON.length - 2);
        assertThat(store.eventCount()).isEqualTo(2);
    }

    @Test
    void rowsSharingAnEventIdLoadOnce() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "e2,u2,2025-03-01T10:00:00Z,view,,",
                "e1,u1,2025-03-01T10:00:00Z,view,,");

        IngestSummary summary = ingest(file);

        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(2);
        assertThat(store.eventCount()).isEqualTo(2);
    }

    @Test
    void spacesAroundTextValuesAreTrimmedAndABlankValueIsAbsent() throws IOException {
        Path file = lines(dir, "events.csv",
                HEADER,
                " e1 ,  u1,2025-03-01T10:00:00Z, VIEW ,,",
                "e2,u2 ,2025-03-01T10:00:00Z,cart,,",
                "   ,u3,2025-03-01T10:00:00Z,view,,");

        IngestSummary summary = ingest(file);

        assertThat(summary.loaded()).isEqualTo(3);
        assertThat(column(store, "SELECT event_id || '|' || user_id || '|' || type FROM events WHERE event_id IN ('e1', 'e2')"
                + " ORDER BY event_id")).containsExactly("e1|u1|view", "e2|u2|cart");
        // A blank id is no id: the row gets a content hash.
        assertThat(column(store, "SELECT event_id FROM events WHERE user_id = 'u3'")).singleElement()
                .asString().startsWith("h");
    }

    @Test
    void identicalRowsWithBlankIdsInAFileWithIdsLoadOnce() throws IOException {
        // The file has an event_id column, so a blank id falls back to the plain content hash:
        // the two identical id-less rows share a key, and only the first is new.
        Path file = lines(dir, "events.csv",
                HEADER,
                ",u1,2025-03-01T10:00:00Z,view,,",
                "e2,u2,2025-03-01T10:00:00Z,view,,",
                ",u1,2025-03-01T10:00:00Z,view,,");

        IngestSummary summary = ingest(file);

        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(store.eventCount()).isEqualTo(2);
    }

    @Test
    void aFileWithoutEventIdsKeepsIdenticalRowsButAddsNothingWhenLoadedAgain() throws IOException {
        Path file = lines(dir, "events.csv",
                "user_id,ts,type,amount",
                "u1,2025-03-01T10:00:00Z,purchase,9.99",
                "u1,2025-03-01T10:00:00Z,purchase,9.99",
                "u1,2025-03-01T10:00:00Z,purchase,9.99",
                "u2,2025-03-01T10:00:00Z,purchase,9.99");

        IngestSummary first = ingest(file);
        IngestSummary second = ingest(file);

        assertThat(first.loaded()).isEqualTo(4);
        assertThat(second.loaded()).isZero();
        assertThat(second.duplicates()).isEqualTo(4);
        assertThat(scalar(store, "SELECT count(*) FROM events WHERE user_id = 'u1'")).isEqualTo("3");
    }

    @Test
    void aFileWithEventIdsAddsOnlyItsNewRowsOnTopOfAnEarlierOne() throws IOException {
        ingest(lines(dir, "monday.csv", HEADER,
                "e1,u1,2025-03-01T10:00:00Z,view,,",
                "e2,u1,2025-03-01T11:00:00Z,view,,"));

        IngestSummary tuesday = ingest(lines(dir, "tuesday.csv", HEADER,
                "e2,u1,2025-03-01T11:00:00Z,view,,",
                "e3,u1,2025-03-02T10:00:00Z,view,,"));

        assertThat(tuesday.loaded()).isEqualTo(1);
        assertThat(tuesday.duplicates()).isEqualTo(1);
        assertThat(column(store, "SELECT event_id FROM events ORDER BY event_id")).containsExactly("e1", "e2", "e3");
    }

    @Test
    void eventTypesAreMatchedWithoutRegardToCase() throws IOException {
        IngestSummary summary = ingest(lines(dir, "events.csv", HEADER,
                "e1,u1,2025-03-01T10:00:00Z,VIEW,,",
                "e2,u1,2025-03-01T10:00:00Z,Purchase,1,1"));

        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(column(store, "SELECT type FROM events ORDER BY event_id")).containsExactly("view", "purchase");
    }

    @Test
    void valuesLongerThanTheSchemaAllowsAreRejected() throws IOException {
        String longUser = "u".repeat(257);
        IngestSummary summary = ingest(lines(dir, "events.csv", HEADER,
                "e1," + "u".repeat(256) + ",2025-03-01T10:00:00Z,view,,",
                "e2," + longUser + ",2025-03-01T10:00:00Z,view,,"));

        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::reason).containsExactly(
                tuple(3L, "user_id longer than 256 characters"));
    }

    @Test
    void timestampsOutsideTheSupportedYearsAreRejected() throws IOException {
        IngestSummary summary = ingest(lines(dir, "events.csv", HEADER,
                "e1,u1,1989-12-31T23:59:59Z,view,,",
                "e2,u1,1990-01-01T00:00:00Z,view,,",
                "e3,u1,2099-12-31T23:59:59Z,view,,",
                "e4,u1,2100-01-01T00:00:00Z,view,,"));

        assertThat(column(store, "SELECT event_id FROM events ORDER BY event_id")).containsExactly("e2", "e3");
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(2L, 5L);
    }

    @Test
    void durationsMustBeFiniteAndNotNegative() throws IOException {
        IngestSummary summary = ingest(lines(dir, "events.csv", "event_id,user_id,ts,type,duration_s",
                "e1,u1,2025-03-01T10:00:00Z,session,12.5",
                "e2,u1,2025-03-01T10:00:00Z,session,-1",
                "e3,u1,2025-03-01T10:00:00Z,session,inf",
                "e4,u1,2025-03-01T10:00:00Z,session,nan",
                "e5,u1,2025-03-01T10:00:00Z,session,long"));

        assertThat(column(store, "SELECT duration_s FROM events")).containsExactly("12.5");
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void allRowsOfTheStandardEventTypesLoad() throws IOException {
        List<String> types = List.of("view", "session", "search", "cart", "purchase", "refund", "click");
        String[] content = new String[types.size() + 1];
        content[0] = HEADER;
        for (int i = 0; i < types.size(); i++) {
            content[i + 1] = "e" + i + ",u1,2025-03-01T10:00:00Z," + types.get(i) + ",,";
        }

        IngestSummary summary = ingest(lines(dir, "events.csv", content));

        assertThat(summary.loaded()).isEqualTo(types.size());
        assertThat(column(store, "SELECT type FROM events ORDER BY event_id")).containsExactlyElementsOf(types);
    }
}
