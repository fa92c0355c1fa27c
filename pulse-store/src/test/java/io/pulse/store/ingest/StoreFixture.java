package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A fresh store file in a temporary folder for each test. */
abstract class StoreFixture {

    @TempDir
    Path dir;
    PulseStore store;

    @BeforeEach
    void openStore() {
        store = PulseStore.open(dir.resolve("pulse.duckdb"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
