package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private static final String HEADER = "event_id,user_id,ts,type,amount,duration_s,item_id,category,channel,source,quantity";

    private final EventParser parser = new EventParser(HEADER, "events.csv");

    @Test
    void parsesACanonicalRowIntoInternedIds() {
        StreamEvent e = parser.parse("e6,u000000,2025-11-29T20:20:32Z,view,,37,i21963,sports,organic,google.com,", 2);

        assertThat(e.ts()).isEqualTo(Instant.parse("2025-11-29T20:20:32Z").toEpochMilli());
        assertThat(e.type()).isEqualTo(StreamEvent.VIEW);
        assertThat(e.durationS()).isEqualTo(37);
        assertThat(parser.users().name(e.user())).isEqualTo("u000000");
        assertThat(parser.items().name(e.item())).isEqualTo("i21963");
        assertThat(parser.categories().name(e.category())).isEqualTo("sports");
        assertThat(parser.channels().name(e.channel())).isEqualTo("organic");
        assertThat(parser.sources().name(e.source())).isEqualTo("google.com");
    }

    @Test
    void emptyOptionalFieldsAreAbsent() {
        StreamEvent e = parser.parse("e208,u000039,2025-12-16T04:33:27Z,refund,91.98,,i13095,home,,,2", 3);

        assertThat(e.type()).isEqualTo(StreamEvent.REFUND);
        assertThat(e.durationS()).isEqualTo(-1);
        assertThat(e.channel()).isEqualTo(-1);
        assertThat(e.source()).isEqualTo(-1);
    }

    @Test
    void amountsAreExactCentsRoundedHalfAwayFromZero() {
        String[][] cases = {{"91.98", "9198"}, {"7", "700"}, {"0.5", "50"}, {"-12.345", "-1235"}, {"3.004", "300"},
                {"+1.2", "120"}, {"", "0"}};
        for (String[] c : cases) {
            StreamEvent e = parser.parse("e1,u1,2025-01-01T00:00:00Z,purchase," + c[0] + ",,,,,,", 2);
            assertThat(e.amountCents()).as(c[0]).isEqualTo(Long.parseLong(c[1]));
        }
        assertThatThrownBy(() -> parser.parse("e1,u1,2025-01-01T00:00:00Z,purchase,12x,,,,,,", 9))
                .isInstanceOf(PulseInputException.class)
                .satisfies(t -> {
                    PulseInputException e = (PulseInputException) t;
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.field()).contains("amount");
                });
    }

    @Test
    void theSameValueGetsTheSameIdAndTheSameEventIdTheSameHash() {
        StreamEvent a = parser.parse("e1,u1,2025-01-01T00:00:00Z,view,,5,i1,toys,direct,,", 2);
        StreamEvent b = parser.parse("e1,u2,2025-01-01T00:00:09Z,view,,5,i1,toys,direct,,", 3);
        StreamEvent c = parser.parse("e2,u1,2025-01-01T00:00:00Z,view,,5,i1,toys,direct,,", 4);

        assertThat(b.item()).isEqualTo(a.item());
        assertThat(c.user()).isEqualTo(a.user());
        assertThat(b.idHash()).isEqualTo(a.idHash());
        assertThat(c.idHash()).isNotEqualTo(a.idHash());
    }

    @Test
    void withoutAnEventIdIdenticalRowsShareAHashAndDifferentRowsDoNot() {
        StreamEvent a = parser.parse(",u1,2025-01-01T00:00:00Z,view,,5,i1,toys,direct,,", 2);
        StreamEvent b = parser.parse(",u1,2025-01-01T00:00:00Z,view,,5,i1,toys,direct,,", 3);
        StreamEvent c = parser.parse(",u1,2025-01-01T00:00:01Z,view,,5,i1,toys,direct,,", 4);

        assertThat(b.idHash()).isEqualTo(a.idHash());
        assertThat(c.idHash()).isNotEqualTo(a.idHash());
    }

    @Test
    void acceptsEpochSecondsEpochMillisOffsetsAndFractions() {
        long expected = Instant.parse("2025-03-01T10:00:00Z").toEpochMilli();
        String[] forms = {"1740823200", "1740823200000", "2025-03-01T11:00:00+01:00", "2025-03-01T10:00:00.000Z",
            "2025-03-01T10:00:00"};
        for (String ts : forms) {
            assertThat(parser.parse("e1,u1," + ts + ",view,,,,,,,", 2).ts()).as(ts).isEqualTo(expected);
        }
    }

    @Test
    void findsColumnsByNameInAnyOrder() {
        EventParser p = new EventParser("ts,type,user_id,item_id", "x.csv");
        StreamEvent e = p.parse("2025-01-01T00:00:00Z,cart,u9,i7", 2);

        assertThat(e.type()).isEqualTo(StreamEvent.CART);
        assertThat(p.items().name(e.item())).isEqualTo("i7");
        assertThat(e.category()).isEqualTo(-1);
    }

    @Test
    void aBadTimestampIsAnInputErrorThatSaysWhere() {
        assertThatThrownBy(() -> parser.parse("e1,u1,yesterday,view,,,,,,,", 17))
                .isInstanceOf(PulseInputException.class)
                .satisfies(t -> {
                    PulseInputException e = (PulseInputException) t;
                    assertThat(e.line()).isEqualTo(17);
                    assertThat(e.field()).contains("ts");
                });
    }

    @Test
    void aMissingRequiredColumnOrAWrongFieldCountIsAnInputError() {
        assertThatThrownBy(() -> new EventParser("event_id,ts,type", "x.csv"))
                .isInstanceOf(PulseInputException.class)
                .satisfies(t -> assertThat(((PulseInputException) t).field()).contains("user_id"));
        assertThatThrownBy(() -> parser.parse("e1,u1,2025-01-01T00:00:00Z,view", 5))
                .isInstanceOf(PulseInputException.class).hasMessageContaining("4 fields");
    }
}
