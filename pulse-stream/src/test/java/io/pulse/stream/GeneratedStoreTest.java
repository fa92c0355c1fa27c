package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedStoreTest {

    @TempDir
    Path dir;

    @Test
    void plantedSpikesAreTransientAndPlantedShiftsAreSustained() throws Exception {
        GeneratedStore store = GeneratedStore.generate(GeneratedStore.testConfig(30_000), dir);
        FileReplay replay = FileReplay.open(store.events());
        List<Alert> alerts = new ArrayList<>();
        List<StreamEvent> late = new ArrayList<>();
        StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), alerts::add, late::add);
        StreamStats stats = engine.replay(replay, 0);
        System.out.println(stats);
        for (GeneratedStore.PlantedSpike s : store.spikes()) {
            System.out.println("SPIKE " + s);
            alerts.stream().filter(a -> a.key().equals(s.item())).forEach(a -> System.out.println("   " + a));
        }
        for (GeneratedStore.PlantedShift s : store.shifts()) {
            System.out.println("SHIFT " + s);
            alerts.stream().filter(a -> a.key().equals(s.item())).forEach(a -> System.out.println("   " + a));
        }
        long sustainedItems = alerts.stream().filter(a -> a.label() == Alert.Label.SUSTAINED && a.window().dimension() == Dimension.ITEM).count();
        System.out.println("alerts " + alerts.size() + " sustained item alerts " + sustainedItems);
        alerts.stream().filter(a -> a.label() == Alert.Label.SUSTAINED).limit(40).forEach(a -> System.out.println(" S " + a));
        assertThat(stats.eventsIn()).isEqualTo(replay.events());
    }
}
