package io.pulse.stream;

/** An alert as one line of JSON, as {@link ReplayMain.AlertFile} writes it: for sinks outside this package. */
public final class AlertJson {

    private AlertJson() {
    }

    public static String line(Alert alert) {
        return ReplayMain.line(alert);
    }
}
