package io.pulse.core.anomaly;

import io.pulse.core.PulseInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The detectors a NAB run can be asked for by name. */
public enum NabDetector {
    PULSE("pulse", PulseDetector::new),
    WINDOWED_GAUSSIAN("windowed-gaussian", WindowedGaussian::new),
    NULL("null", () -> (epochSecond, value) -> 0.0);

    private final String cliName;
    private final Supplier<Detector> factory;

    NabDetector(String cliName, Supplier<Detector> factory) {
        this.cliName = cliName;
        this.factory = factory;
    }

    public String cliName() {
        return cliName;
    }

    /** A fresh detector for one series. */
    public Detector create() {
        return factory.get();
    }

    public static NabDetector parse(String name) {
        return Arrays.stream(values()).filter(d -> d.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new PulseInputException("--detector", 0, "detector",
                        "unknown detector '" + name + "', expected pulse or windowed-gaussian"));
    }
}
