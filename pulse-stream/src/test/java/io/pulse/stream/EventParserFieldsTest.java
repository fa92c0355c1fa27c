package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import org.junit.jupiter.api.Test;

/** Events given as fields parse to what the same event as a canonical CSV line parses to. */
class EventParserFieldsTest {

    static String[] fields(String line) {
        String[] v = line.split(",", -1);
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i].isEmpty() ? null : v[i];
        }
        return v;
    }

    @Test
    void aLineAndItsFieldsGiveTheSameEventWithOrWithoutAnEventId() {
        for (String line : new String[] {
                "e1,u1,2025-01-01T12:00:00Z,purchase,19.995,30,i1,toys,organic,google.com,2",
                ",u2,1735732800,view,,12.7,i2,,paid,,",
                ",u3,2025-01-01T12:00:00.250+01:00,refund,-5.5,,i3,books,,,1"}) {
            EventParser csv = new EventParser(EventParser.CANONICAL_HEADER, "csv");
            EventParser json = new EventParser(EventParser.CANONICAL_HEADER, "json");
            assertThat(json.parseFields(fields(line), 1)).as(line).isEqualTo(csv.parse(line, 1));
        }
    }

    @Test
    void theFieldsOfAnEventWithoutIdAreItsDedupKey() {
        EventParser p = new EventParser(EventParser.CANONICAL_HEADER, "json");
        StreamEvent a = p.parseFields(fields(",u2,1735732800,view,,12,i2,,paid,,"), 1);
        StreamEvent b = p.parseFields(fields(",u2,1735732800,view,,12,i3,,paid,,"), 2);
        assertThat(a.idHash()).isNotEqualTo(b.idHash());
        assertThat(p.parseFields(fields(",u2,1735732800,view,,12,i2,,paid,,"), 3).idHash()).isEqualTo(a.idHash());
    }

    @Test
    void aBadFieldIsNamedAndNothingIsInterned() {
        EventParser p = new EventParser(EventParser.CANONICAL_HEADER, "json");
        assertThatThrownBy(() -> p.parseFields(fields("e1,newuser,2025-01-01T12:00:00Z,view,1e3,,i1,,,,"), 7))
                .isInstanceOf(PulseInputException.class)
                .satisfies(e -> assertThat(((PulseInputException) e).field()).hasValue("amount"))
                .satisfies(e -> assertThat(((PulseInputException) e).line()).isEqualTo(7));
        assertThat(p.users().find("newuser")).isEqualTo(-1);
        assertThatThrownBy(() -> EventParser.checkFields(fields("e1,,2025-01-01T12:00:00Z,view,,,,,,,"), "req", 3))
                .hasMessageContaining("required field is empty")
                .satisfies(e -> assertThat(((PulseInputException) e).field()).hasValue("user_id"));
        assertThatThrownBy(() -> EventParser.checkFields(fields("e1,u1,2025-13-01T12:00:00,view,,,,,,,"), "req", 3))
                .satisfies(e -> assertThat(((PulseInputException) e).field()).hasValue("ts"));
    }
}
