package io.pulse.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Event-time progress with bounded out-of-orderness: the watermark is the largest event time seen minus
 * {@code maxOutOfOrder}, a promise that older events should no longer arrive. Windows stay open
 * {@code allowedLateness} past the watermark; an event older than watermark − allowedLateness would land in
 * a window already closed, so it is late: counted here, and handed by the engine to a side output, never
 * dropped silently.
 */
public final class Watermark {

    private final long maxOutOfOrder;
    private final long allowedLateness;
    private long maxTs = Long.MIN_VALUE;
    private long late;

    public Watermark(long maxOutOfOrderMillis, long allowedLatenessMillis) {
        if (maxOutOfOrderMillis < 0 || allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("out-of-orderness and lateness must be ≥ 0");
        }
        this.maxOutOfOrder = maxOutOfOrderMillis;
        this.allowedLateness = allowedLatenessMillis;
    }

    /** Takes an event's time; false (and counted) when the event is late. */
    public boolean admit(long ts) {
        if (maxTs != Long.MIN_VALUE && ts < maxTs - maxOutOfOrder - allowedLateness) {
            late++;
            return false;
        }
        if (ts > maxTs) {
            maxTs = ts;
        }
        return true;
    }

    /** The current watermark; {@link Long#MIN_VALUE} before the first event. */
    public long current() {
        return maxTs == Long.MIN_VALUE ? Long.MIN_VALUE : maxTs - maxOutOfOrder;
    }

    /** Windows ending at or before this time are complete and may close. */
    public long closeBefore() {
        return maxTs == Long.MIN_VALUE ? Long.MIN_VALUE : maxTs - maxOutOfOrder - allowedLateness;
    }

    public long late() {
        return late;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(maxTs);
        out.writeLong(late);
    }

    public void readState(DataInput in) throws IOException {
        maxTs = in.readLong();
        late = in.readLong();
    }
}
