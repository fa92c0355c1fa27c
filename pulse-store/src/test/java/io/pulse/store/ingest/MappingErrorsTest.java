package io.pulse.store.ingest;

import io.pulse.core.PulseInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A mapping is written by hand, so every mistake in one names the file, the line and the field. */
class MappingErrorsTest {

    @TempDir
    Path dir;

    private PulseInputException error(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("mapping.yaml"), yaml);
        PulseInputException e = catchThrowableOfType(PulseInputException.class, () -> Ingestor.eventMapping(file.toString()));
        assertThat(e).as("mapping error for:\n" + yaml).isNotNull();
        assertThat(e.source()).contains(file.toString());
        return e;
    }

    /** The 1-based line of the first line of {@code yaml} containing {@code text}, found by reading it. */
    private static long lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in the YAML");
    }

    @Test
    void anUnknownTopLevelKeyIsReportedOnItsLine() throws IOException {
        String yaml = "name: shop\nheader: true\ncolour: blue\nfields: {}\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "colour:"));
        assertThat(e.field()).contains("colour");
        assertThat(e.getMessage()).contains("unknown key 'colour'");
    }

    @Test
    void aFieldThatIsNotCanonicalIsReportedOnItsLine() throws IOException {
        String yaml = "name: shop\nfields:\n  user_id: customer\n  ts: when\n  shoe_size: size\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "shoe_size"));
        assertThat(e.field()).contains("fields.shoe_size");
        assertThat(e.getMessage()).contains("'shoe_size' is not a canonical field");
    }

    @Test
    void aRuleWithBothColumnAndValueIsReportedOnTheFieldsLine() throws IOException {
        String yaml = "name: shop\nfields:\n  user_id: customer\n  type:\n    column: kind\n    value: view\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "type:"));
        assertThat(e.field()).contains("fields.type");
        assertThat(e.getMessage()).contains("exactly one of 'column' or 'value'");
    }

    @Test
    void aRuleWithNeitherColumnNorValueIsReportedOnTheFieldsLine() throws IOException {
        String yaml = "fields:\n  user_id: customer\n  ts:\n    format: \"%Y%m%d\"\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "ts:"));
        assertThat(e.field()).contains("fields.ts");
    }

    @Test
    void anUnknownKeyInsideARuleIsReportedOnItsLine() throws IOException {
        String yaml = "fields:\n  user_id: customer\n  type:\n    column: kind\n    colour: x\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "colour:"));
        assertThat(e.field()).contains("fields.type.colour");
    }

    @Test
    void anUnknownFormatIsReportedOnItsLine() throws IOException {
        String yaml = "name: shop\nformat: xml\nfields: {}\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "format:"));
        assertThat(e.field()).contains("format");
        assertThat(e.getMessage()).contains("unknown format 'xml'");
    }

    @Test
    void aDelimiterLongerThanOneCharacterIsReportedOnItsLine() throws IOException {
        String yaml = "name: shop\ndelimiter: \";;\"\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "delimiter:"));
        assertThat(e.field()).contains("delimiter");
    }

    @Test
    void anUnknownTimeZoneIsReportedOnItsLine() throws IOException {
        String yaml = "name: shop\n\ntimezone: Mars/Olympus_Mons\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "timezone:"));
        assertThat(e.field()).contains("timezone");
        assertThat(e.getMessage()).contains("Mars/Olympus_Mons");
    }

    @Test
    void aHeaderThatIsNotTrueOrFalseIsReportedOnItsLine() throws IOException {
        String yaml = "name: shop\nheader: yes please\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "header:"));
        assertThat(e.field()).contains("header");
    }

    @Test
    void yamlThatDoesNotParseIsReportedOnTheLineWhereItBreaks() throws IOException {
        String yaml = "name: shop\nfields:\n  user_id: [customer\n";

        PulseInputException e = error(yaml);

        assertThat(e.line()).isEqualTo(lineOf(yaml, "[customer"));
        assertThat(e.getMessage()).startsWith("not valid YAML");
    }

    @Test
    void aMappingThatIsNotAnObjectIsReportedOnLineOne() throws IOException {
        PulseInputException e = error("- just\n- a list\n");

        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void aNameThatIsNeitherAFileNorAShippedMappingSaysSo() {
        PulseInputException e = catchThrowableOfType(PulseInputException.class,
                () -> Ingestor.eventMapping(dir.resolve("missing.yaml").toString()));

        assertThat(e.getMessage()).contains("no such mapping").contains("cdnow");
    }

    @Test
    void aUserFieldIsNotAnEventFieldAndTheOtherWayRound() throws IOException {
        Path users = Files.writeString(dir.resolve("users.yaml"), "fields:\n  signup_date: joined\n");
        Path events = Files.writeString(dir.resolve("events.yaml"), "fields:\n  amount: paid\n");

        assertThat(catchThrowableOfType(PulseInputException.class, () -> Ingestor.eventMapping(users.toString())).field())
                .contains("fields.signup_date");
        assertThat(catchThrowableOfType(PulseInputException.class, () -> Ingestor.userMapping(events.toString())).field())
                .contains("fields.amount");
    }

    @Test
    void aValidMappingReadsBackAsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("shop.yaml"), """
                name: shop
                format: csv
                delimiter: ";"
                header: false
                columns: [who, when, what]
                timezone: Europe/Paris
                fields:
                  user_id: who
                  ts: {column: when, format: "%d/%m/%Y"}
                  type: {column: what, map: {buy: purchase}}
                """);

        Mapping m = Ingestor.eventMapping(file.toString());

        assertThat(m.name()).isEqualTo("shop");
        assertThat(m.format()).isEqualTo(SourceFormat.CSV);
        assertThat(m.delimiter()).isEqualTo(";");
        assertThat(m.header()).isFalse();
        assertThat(m.columns()).containsExactly("who", "when", "what");
        assertThat(m.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(m.fields().get("ts").format()).isEqualTo("%d/%m/%Y");
        assertThat(m.fields().get("type").map()).containsEntry("buy", "purchase");
    }

    @Test
    void everyShippedMappingLoads() {
        for (String name : MappingLoader.SHIPPED) {
            assertThat(Ingestor.eventMapping(name).name()).isEqualTo(name);
        }
    }
}
