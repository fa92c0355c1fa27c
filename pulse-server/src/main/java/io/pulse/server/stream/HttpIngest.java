package io.pulse.server.stream;

import io.pulse.stream.LiveSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over from HTTP threads to the pipeline thread: requests {@link #offer} checked events, the
 * engine {@link #poll}s them as {@link LiveSource.FieldRows} and parses them itself. Bounded in events, not
 * requests: a request is taken whole or not at all, so a full queue turns a request away (429) rather than
 * keeping half of it. No position: what is acknowledged lives in memory until the next checkpoint.
 */
public final class HttpIngest implements LiveSource {

    /** What {@link #offer} did. */
    public enum Offer { ACCEPTED, FULL, CLOSED }

    private final int capacity;
    private final ArrayDeque<List<String[]>> batches = new ArrayDeque<>();
    private int queued;
    private boolean closed;
    private long acceptedEvents;
    private long fullRequests;

    /** @param capacity events the queue holds at most */
    public HttpIngest(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code rows} (fields in {@code EventParser.FIELDS} order) whole, or none of them. */
    public synchronized Offer offer(List<String[]> rows) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (queued + (long) rows.size() > capacity) {
            fullRequests++;
            return Offer.FULL;
        }
        if (!rows.isEmpty()) {
            batches.add(rows);
            queued += rows.size();
            acceptedEvents += rows.size();
            notifyAll();
        }
        return Offer.ACCEPTED;
    }

    @Override
    public synchronized Batch poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (batches.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return NOTHING;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<String[]> rows = batches.poll();
        if (rows == null) {
            return null;
        }
        queued -= rows.size();
        return new FieldRows(rows);
    }

    /** Takes no more requests; the pipeline drains what is queued, then its poll ends the run. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    public synchronized int queued() {
        return queued;
    }

    public int capacity() {
        return capacity;
    }

    /** Events acknowledged (202) so far. */
    public synchronized long acceptedEvents() {
        return acceptedEvents;
    }

    /** Requests turned away because the queue was full (429). */
    public synchronized long fullRequests() {
        return fullRequests;
    }
}
