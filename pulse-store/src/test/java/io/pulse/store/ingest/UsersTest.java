package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import io.pulse.store.TestFiles.Reject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.pulse.store.TestFiles.column;
import static io.pulse.store.TestFiles.lines;
import static io.pulse.store.TestFiles.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The users file: one row per user, a later row replacing an earlier one, identical rows counted as duplicates. */
class UsersTest extends StoreFixture {

    private static final String HEADER = "user_id,signup_date,age_band,gender,region,channel";


    private IngestSummary ingest(Path file) {
        return Ingestor.ingestUsers(store, IngestRequest.of(file, Mapping.canonical()));
    }

    private String[] users() {
        return column(store, "SELECT concat_ws('|', user_id, signup_date, age_band, gender, region, channel)"
                + " FROM users ORDER BY user_id").toArray(String[]::new);
    }

    @Test
    void usersLoadWithTheirAttributes() throws IOException {
        IngestSummary summary = ingest(lines(dir, "users.csv", HEADER,
                "u1,2024-05-01,25-34,f,north,organic",
                "u2,,,,,"));

        assertThat(summary.target()).isEqualTo("users");
        assertThat(summary.loaded()).isEqualTo(2);
        assertThat(users()).containsExactly("u1|2024-05-01|25-34|f|north|organic", "u2");
    }

    @Test
    void loadingTheSameFileAgainChangesNothingAndCountsDuplicates() throws IOException {
        Path file = lines(dir, "users.csv", HEADER, "u1,2024-05-01,25-34,f,north,organic", "u2,2024-06-01,,,,");
        ingest(file);

        IngestSummary again = ingest(file);

        assertThat(again.loaded()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(column(store, "SELECT DISTINCT batch_id FROM users")).containsExactly("1");
    }

    @Test
    void aLaterFileReplacesTheAttributesOfUsersItNamesAndLeavesOthersAlone() throws IOException {
        ingest(lines(dir, "january.csv", HEADER, "u1,2024-05-01,25-34,f,north,organic", "u2,2024-06-01,,,,"));

        IngestSummary february = ingest(lines(dir, "february.csv", HEADER,
                "u1,2024-05-01,35-44,f,south,organic",
                "u2,2024-06-01,,,,",
                "u3,2025-02-01,,,,"));

        assertThat(february.loaded()).isEqualTo(2);
        assertThat(february.duplicates()).isEqualTo(1);
        assertThat(users()).containsExactly("u1|2024-05-01|35-44|f|south|organic", "u2|2024-06-01", "u3|2025-02-01");
    }

    @Test
    void withinOneFileTheLastRowForAUserWins() throws IOException {
        // Enough rows that DuckDB reads the file in parallel: the first row seen is not the first in the file.
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5000; i++) {
            text.append("u").append(i % 10).append(",2024-01-01,,,r").append(i).append(",\n");
        }
        Path file = Files.writeString(dir.resolve("users.csv"), text.toString());

        IngestSummary summary = ingest(file);

        assertThat(summary.loaded()).isEqualTo(10);
        assertThat(summary.duplicates()).isEqualTo(4990);
        assertThat(column(store, "SELECT region FROM users ORDER BY user_id"))
                .containsExactly("r4990", "r4991", "r4992", "r4993", "r4994", "r4995", "r4996", "r4997", "r4998", "r4999");
    }

    @Test
    void anUnreadableSignupDateOrAMissingUserIdIsRejectedOnItsLine() throws IOException {
        IngestSummary summary = ingest(lines(dir, "users.csv", HEADER,
                "u1,2024-05-01,,,,",
                "u2,last tuesday,,,,",
                ",2024-05-01,,,,",
                "u4,2024-02-30,,,,"));

        assertThat(users()).containsExactly("u1|2024-05-01");
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line, Reject::reason).containsExactly(
                tuple(3L, "unparseable signup_date 'last tuesday'"),
                tuple(4L, "missing user_id"),
                tuple(5L, "unparseable signup_date '2024-02-30'"));
    }

    @Test
    void aMappingCanGiveTheSignupDateFormat() throws IOException {
        Path mapping = Files.writeString(dir.resolve("users.yaml"),
                "fields:\n  user_id: customer\n  signup_date: {column: joined, format: \"%d.%m.%Y\"}\n");
        Path file = lines(dir, "users.csv", "customer,joined", "c1,03.02.2024", "c2,2024-02-03");

        IngestSummary summary = Ingestor.ingestUsers(store, IngestRequest.of(file, Ingestor.userMapping(mapping.toString())));

        assertThat(users()).containsExactly("c1|2024-02-03");
        assertThat(rejects(summary.rejectsFile())).extracting(Reject::line).containsExactly(3L);
    }

    @Test
    void usersWithoutEventsStillCountAsUsersOfTheStore() throws IOException {
        ingest(lines(dir, "users.csv", HEADER, "u1,2024-05-01,,,,", "u2,2024-05-01,,,,"));
        Ingestor.ingestEvents(store, IngestRequest.of(lines(dir, "events.csv", "user_id,ts,type",
                "u2,2025-03-01T10:00:00Z,view", "u3,2025-03-01T10:00:00Z,view"), Mapping.canonical()));

        assertThat(store.userCount()).isEqualTo(3);
    }
}
