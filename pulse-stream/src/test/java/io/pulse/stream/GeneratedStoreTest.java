package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine on a store from {@code pulse generate} (30,000 users, 180 days, 5 planted one-off spikes,
 * 4 planted threefold level shifts), replayed at speed 0 with the default windows: the spikes must be
 * labelled transient and get no decision, the shifts must be caught as sustained with one. The related-items
 * lift is pinned too, since it is why the lift is evidence and not a rule: here a spike lifts its category (its
 * visitors browse on) and a shift does not, the opposite of "no lift on related items means transient".
 */
class GeneratedStoreTest {

    @TempDir
    Path dir;

    @Test
    void plantedSpikesAreTransientAndPlantedShiftsAreSustained() throws Exception {
        GeneratedStore store = GeneratedStore.generate(GeneratedStore.testConfig(30_000), dir);
        FileReplay replay = FileReplay.open(store.events());
        List<Alert> alerts = new ArrayList<>();
        List<StreamEvent> late = new ArrayList<>();
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), replay.parser(), alerts::add, late::add)
                .replay(replay, 0);

        assertThat(store.spikes()).hasSize(5);
        assertThat(store.shifts()).hasSize(4);
        assertThat(stats.eventsIn()).isEqualTo(replay.events());
        assertThat(late).isEmpty();
        assertThat(stats.duplicates()).isZero();
        assertThat(stats.filteredTotal()).as("generated shoppers are not bots").isZero();

        for (GeneratedStore.PlantedSpike spike : store.spikes()) {
            List<Alert> ofItem = itemAlerts(alerts, spike.item());
            assertThat(ofItem).as("spike on %s", spike.item())
                    .isNotEmpty()
                    .allSatisfy(a -> {
                        assertThat(a.label()).isEqualTo(Alert.Label.TRANSIENT);
                        assertThat(a.decision()).isNull();
                    })
                    .anySatisfy(a -> {
                        assertThat(a.start()).isBeforeOrEqualTo(spike.start()).isAfter(spike.start().minus(Duration.ofDays(1)));
                        assertThat(a.evidence().topSource()).isEqualTo(spike.source());
                        assertThat(a.evidence().topSourceShare()).isGreaterThan(0.9);
                        assertThat(a.evidence().relatedLift()).as("spike visitors browse on: the category lifts")
                                .isGreaterThan(0.5);
                    });
        }
        for (GeneratedStore.PlantedShift shift : store.shifts()) {
            Instant from = shift.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            assertThat(itemAlerts(alerts, shift.item())).as("shift of %s", shift.item())
                    .anySatisfy(a -> {
                        assertThat(a.label()).isEqualTo(Alert.Label.SUSTAINED);
                        assertThat(a.decision()).isEqualTo("raise stock for item " + shift.item());
                        assertThat(a.start()).isBetween(from, from.plus(Duration.ofDays(14)));
                        assertThat(a.evidence().relatedLift()).as("a planted shift is the item's alone")
                                .isBetween(-0.2, 0.2);
                    });
        }
        List<String> planted = store.shifts().stream().map(GeneratedStore.PlantedShift::item).toList();
        assertThat(alerts).as("no item decision without a planted shift")
                .filteredOn(a -> a.window().dimension() == Dimension.ITEM && a.decision() != null)
                .allSatisfy(a -> assertThat(planted).contains(a.key()));
    }

    private static List<Alert> itemAlerts(List<Alert> alerts, String item) {
        return alerts.stream().filter(a -> a.window().dimension() == Dimension.ITEM && a.key().equals(item)).toList();
    }
}
