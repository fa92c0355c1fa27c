package io.pulse.server.stream;

import io.pulse.stream.Alert;
import io.pulse.stream.AlertJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last alerts as their JSON lines, in a bounded ring: a page opened after an alert (which the SSE stream
 * only sends to clients connected at the time) still sees it. Memory stays bounded whatever the alert rate.
 */
public final class RecentAlerts implements Consumer<Alert> {

    /** Alerts kept, and the most a request may ask for. */
    public static final int CAPACITY = 1000;
    private final int capacity;
    private final ArrayDeque<String> lines;

    public RecentAlerts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1, got " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    @Override
    public void accept(Alert alert) {
        String json = AlertJson.line(alert);
        synchronized (this) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(json);
        }
    }

    /** The newest {@code limit} alerts, newest first, each as one JSON object. */
    public synchronized List<String> newest(int limit) {
        List<String> out = new ArrayList<>(Math.min(limit, lines.size()));
        for (Iterator<String> it = lines.descendingIterator(); it.hasNext() && out.size() < limit; ) {
            out.add(it.next());
        }
        return out;
    }
}
