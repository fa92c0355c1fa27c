package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import io.pulse.store.TestFiles.Reject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.pulse.store.TestFiles.column;
import static io.pulse.store.TestFiles.lines;
import static io.pulse.store.TestFiles.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Every timestamp is stored as the UTC instant it denotes; java.time says which instant that is. */
class TimestampsTest {

    @TempDir
    Path dir;
    private PulseStore store;

    @BeforeEach
    void open() {
        store = PulseStore.open(dir.resolve("pulse.duckdb"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Writes one event per value (event ids t0, t1, …), ingests, and returns event id → stored instant. */
    private Map<String, Instant> ingest(Mapping mapping, String... values) throws IOException {
        String[] content = new String[values.length + 1];
        content[0] = "event_id,user_id,ts,type";
        for (int i = 0; i < values.length; i++) {
            content[i + 1] = "t" + i + ",u1," + values[i] + ",view";
        }
        Ingestor.ingestEvents(store, IngestRequest.of(lines(dir, "events.csv", content), mapping));
        return stored();
    }

    private Map<String, Instant> stored() {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (String row : column(store, "SELECT event_id || ' ' || epoch_us(ts) FROM events ORDER BY event_id")) {
            String[] parts = row.split(" ");
            long micros = Long.parseLong(parts[1]);
            out.put(parts[0], Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L));
        }
        return out;
    }

    private Mapping mapping(String yaml) throws IOException {
        return Ingestor.eventMapping(Files.writeString(dir.resolve("mapping.yaml"), yaml).toString());
    }

    @Test
    void valuesWithAnOffsetAreStoredAsTheInstantTheyName() throws IOException {
        Map<String, Instant> stored = ingest(Mapping.canonical(),
                "2025-03-01T10:00:00+05:00",
                "2025-03-01T10:00:00-08:00",
                "2025-03-01T23:30:00-01:00",
                "2025-03-01T10:00:00.5+01:00",
                "2025-07-01 10:00:00+02:00");

        assertThat(stored).containsExactly(
                Map.entry("t0", OffsetDateTime.parse("2025-03-01T10:00:00+05:00").toInstant()),
                Map.entry("t1", OffsetDateTime.parse("2025-03-01T10:00:00-08:00").toInstant()),
                Map.entry("t2", OffsetDateTime.parse("2025-03-01T23:30:00-01:00").toInstant()),
                Map.entry("t3", OffsetDateTime.parse("2025-03-01T10:00:00.5+01:00").toInstant()),
                Map.entry("t4", OffsetDateTime.parse("2025-07-01T10:00:00+02:00").toInstant()));
    }

    @Test
    void anOffsetWithoutAColonIsReadToo() throws IOException {
        Map<String, Instant> stored = ingest(Mapping.canonical(), "2025-03-01T10:00:00+0530");

        assertThat(stored.get("t0")).isEqualTo(OffsetDateTime.parse("2025-03-01T10:00:00+0530",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")).toInstant());
    }

    @Test
    void aShortValueWithAnOffsetIsNotMistakenForANaiveOne() throws IOException {
        // 19 characters, like "2025-03-01 10:00:00", yet it carries an offset.
        Map<String, Instant> stored = ingest(Mapping.canonical(), "2025-03-01 10:00+05", "2025-03-01T10:00-03");

        assertThat(stored.values()).containsExactly(
                OffsetDateTime.parse("2025-03-01T10:00+05:00").toInstant(),
                OffsetDateTime.parse("2025-03-01T10:00-03:00").toInstant());
    }

    @Test
    void valuesEndingInZAreUtc() throws IOException {
        Map<String, Instant> stored = ingest(Mapping.canonical(),
                "2025-03-01T10:00:00Z", "2025-03-01T10:00:00.123Z", "2024-02-29T23:59:59.999999Z");

        assertThat(stored.values()).containsExactly(
                Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T10:00:00.123Z"),
                Instant.parse("2024-02-29T23:59:59.999999Z"));
    }

    @Test
    void naiveValuesAreUtcWhenTheMappingNamesNoZone() throws IOException {
        Map<String, Instant> stored = ingest(Mapping.canonical(),
                "2025-03-01 10:00:00", "2025-03-01T10:00:00", "2025-03-01");

        assertThat(stored.values()).containsExactly(
                LocalDateTime.parse("2025-03-01T10:00:00").toInstant(ZoneOffset.UTC),
                LocalDateTime.parse("2025-03-01T10:00:00").toInstant(ZoneOffset.UTC),
                LocalDate.parse("2025-03-01").atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void naiveValuesAreWallClockTimesInTheMappingZoneAcrossDaylightSaving() throws IOException {
        ZoneId newYork = ZoneId.of("America/New_York");
        Map<String, Instant> stored = ingest(mapping("timezone: America/New_York\nfields: {}\n"),
                "2025-01-15 10:00:00", "2025-07-15T10:00:00", "2025-07-15T10:00:00+02:00", "2025-07-15T10:00:00Z");

        assertThat(stored.values()).containsExactly(
                LocalDateTime.parse("2025-01-15T10:00:00").atZone(newYork).toInstant(),
                LocalDateTime.parse("2025-07-15T10:00:00").atZone(newYork).toInstant(),
                OffsetDateTime.parse("2025-07-15T10:00:00+02:00").toInstant(),
                Instant.parse("2025-07-15T10:00:00Z"));
    }

    @Test
    void epochSecondsAreRecognisedFromTheColumn() throws IOException {
        Map<String, Instant> stored = ingest(Mapping.canonical(), "1740823200", "946684800", "4102444799");

        assertThat(stored.values()).containsExactly(
                Instant.ofEpochSecond(1740823200L), Instant.ofEpochSecond(946684800L), Instant.ofEpochSecond(4102444799L));
    }

    @Test
    void epochMillisecondsAreRecognisedFromTheColumn() throws IOException {
        Map<String, Instant> stored = ingest(Mapping.canonical(), "1740823200123", "946684800000");

        assertThat(stored.values()).containsExactly(Instant.ofEpochMilli(1740823200123L), Instant.ofEpochMilli(946684800000L));
    }

    @Test
    void aColumnHasOneFormatSoEpochNumbersAmongIsoValuesAreRejected() throws IOException {
        ingest(Mapping.canonical(), "1740823200", "2025-03-01T10:00:00Z", "1740823260");

        assertThat(stored()).containsOnlyKeys("t1");
        assertThat(rejects(dir.resolve("events.csv.rejects.csv"))).extracting(Reject::line, Reject::reason)
                .containsExactly(tuple(2L, "unparseable ts '1740823200'"), tuple(4L, "unparseable ts '1740823260'"));
    }

    @Test
    void theFormatIsDecidedByTheFirstValuesSoALateIsoValueAmongEpochSecondsIsRejected() throws IOException {
        String[] values = new String[251];
        for (int i = 0; i < 250; i++) {
            values[i] = String.valueOf(1740823200L + i);
        }
        values[250] = "2025-03-01T10:00:00Z";

        ingest(Mapping.canonical(), values);

        assertThat(stored()).hasSize(250).containsEntry("t249", Instant.ofEpochSecond(1740823200L + 249));
        assertThat(rejects(dir.resolve("events.csv.rejects.csv"))).extracting(Reject::line).containsExactly(252L);
    }

    @Test
    void aMappingCanSayTheColumnHoldsEpochMilliseconds() throws IOException {
        // Nine-digit millisecond values would look like seconds to the detector.
        Map<String, Instant> stored = ingest(mapping("fields:\n  ts: {column: ts, format: epoch_ms}\n"),
                "946684800000", "1740823200123");

        assertThat(stored.values()).containsExactly(Instant.ofEpochMilli(946684800000L), Instant.ofEpochMilli(1740823200123L));
    }

    @Test
    void aStrptimePatternReadsLocalTimesInTheMappingZone() throws IOException {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Map<String, Instant> stored = ingest(mapping("timezone: Europe/Berlin\nfields:\n  ts: {column: ts, format: \"%d/%m/%Y %H:%M\"}\n"),
                "15/01/2025 10:00", "15/07/2025 10:00", "2025-07-15 10:00");

        assertThat(stored).containsExactly(
                Map.entry("t0", LocalDateTime.parse("2025-01-15T10:00").atZone(berlin).toInstant()),
                Map.entry("t1", LocalDateTime.parse("2025-07-15T10:00").atZone(berlin).toInstant()));
        assertThat(rejects(dir.resolve("events.csv.rejects.csv"))).extracting(Reject::line).containsExactly(4L);
    }

    @Test
    void impossibleDatesAndTimesAreRejected() throws IOException {
        ingest(Mapping.canonical(), "2025-02-30T10:00:00Z", "2025-13-01T10:00:00Z", "2025-01-01T25:00:00Z",
                "2025-03-01T10:00:00Z");

        assertThat(stored()).containsOnlyKeys("t3");
        assertThat(rejects(dir.resolve("events.csv.rejects.csv"))).extracting(Reject::line).containsExactly(2L, 3L, 4L);
    }
}
