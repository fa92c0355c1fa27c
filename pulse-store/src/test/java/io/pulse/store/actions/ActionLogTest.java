package io.pulse.store.actions;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionLogTest {

    @TempDir
    Path dir;

    private static final String LOG = """
            action_id,rule_id,user_id,action,ts,control
            a1,dormant-coupon,u1,coupon,2025-03-15T09:00:00Z,false
            a2,dormant-coupon,u2,coupon,2025-03-15T09:00:00Z,true
            a3,bad rule!,u3,coupon,2025-03-15,false

            a4,winback,u4,email,2025-03-15,false
            "a5",winback,u5,win_back,"2025-03-16 10:30:00",TRUE
            a6,winback,u6,win_back,yesterday,false
            """;

    @Test
    void goodRowsLoadAsSentOrControlAndBadOnesGoToTheRejectsFileWithTheirLine() throws Exception {
        Path file = Files.writeString(dir.resolve("log.csv"), LOG);
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb"))) {
            ActionLog.Summary s = ActionLog.load(store, file, null);
            assertThat(s.rows()).isEqualTo(6);
            assertThat(s.added()).isEqualTo(3);
            assertThat(s.rejected()).extracting(ActionLog.Rejected::line).containsExactly(4L, 6L, 8L);
            assertThat(s.rejected()).extracting(ActionLog.Rejected::field).containsExactly("rule_id", "action", "ts");
            assertThat(s.rejectsFile()).isEqualTo(dir.resolve("log.csv.rejects.csv"));
            List<String> rejects = Files.readAllLines(s.rejectsFile());
            assertThat(rejects).hasSize(4);
            assertThat(rejects.get(1)).startsWith("4,\"rule_id\"");

            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE status = 'sent' AND NOT control"
                    + " AND sent_at = created_at")).isEqualTo(1);
            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE status = 'control' AND control"
                    + " AND sent_at IS NULL")).isEqualTo(2);
            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE action_id = 'a5'"
                    + " AND created_at = TIMESTAMP '2025-03-16 10:30:00'")).isEqualTo(1);

            ActionLog.Summary again = ActionLog.load(store, file, dir.resolve("again.csv"));
            assertThat(again.added()).isZero();
            assertThat(again.alreadyPresent()).isEqualTo(3);
            assertThat(store.scalarLong("SELECT count(*) FROM outbox")).isEqualTo(3);
        }
    }

    @Test
    void aMissingColumnIsRefusedWithTheExpectedHeader() throws Exception {
        Path file = Files.writeString(dir.resolve("log.csv"), "action_id,rule_id,user_id,action,ts\na,r,u,coupon,2025-01-01\n");
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb"))) {
            assertThatThrownBy(() -> ActionLog.load(store, file, null))
                    .isInstanceOf(PulseInputException.class)
                    .hasMessageContaining("control")
                    .hasMessageContaining("action_id,rule_id,user_id,action,ts,control");
        }
    }

    @Test
    void anOverlongFieldIsRejectedNotLoaded() throws Exception {
        String id = "x".repeat(ActionLog.MAX_FIELD + 1);
        Path file = Files.writeString(dir.resolve("log.csv"),
                "action_id,rule_id,user_id,action,ts,control\n" + id + ",r,u,coupon,2025-01-01,false\n");
        try (PulseStore store = PulseStore.open(dir.resolve("s.duckdb"))) {
            ActionLog.Summary s = ActionLog.load(store, file, null);
            assertThat(s.added()).isZero();
            assertThat(s.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("longer than"));
        }
    }
}
