package io.pulse.stream;

import io.pulse.core.PulseInputException;
import io.pulse.stream.profile.StreamActions;
import io.pulse.stream.profile.UserProfiles;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The in-process stream pipeline, single-threaded: watermark (late events to the side output) → dedup →
 * noise filter → keyed windows → spike guard → alert sink. {@link #accept(StreamEvent)} runs one event
 * through; {@link #replay(FileReplay, double)} feeds a file from its own thread through a bounded queue (the
 * source blocks when the pipeline falls behind) and closes everything at the end.
 *
 * <p>Per event the pipeline allocates nothing: state lives in arrays indexed by interned ids, and a
 * window's evidence is copied out only when a key turns anomalous.
 *
 * <p>Crash safety: with a {@link Checkpoint.Schedule} the engine writes its whole state between two events;
 * {@link #resume(Path, FileReplay, double)} restores it and replays the file from the event after the
 * checkpoint (the offset is {@code eventsIn}: the engine counts every event of the time-ordered file). The
 * outputs then equal an uninterrupted run's, except that alerts emitted between the checkpoint and the
 * crash are emitted again: delivery is at-least-once, and {@link Alert#id()} lets a sink drop repeats.
 */
public final class StreamEngine {

    private static final StreamEvent[] END = new StreamEvent[0];

    private final StreamConfig config;
    private final EventParser parser;
    private final Consumer<StreamEvent> lateSink;
    private final Watermark watermark;
    private final Deduplicator dedup;
    private final NoiseFilter noise;
    private final KeyedWindows[] windows;
    private final List<SpikeGuard> guards = new ArrayList<>();
    private long eventsIn;
    private long accepted;
    private long windowsClosed;
    private Checkpoint.Schedule schedule;
    private long nextCheckpointAt = Long.MIN_VALUE;
    private UserProfiles profiles;
    private StreamActions actions;
    private Runnable beforeCheckpoint = () -> { };
    /** Events in at the last checkpoint of a live run, which checks its schedule once per batch. */
    private long liveCheckpointAt;
    /** Records a live run has polled: the "line" of a rejected one. */
    private long liveRecords;

    /**
     * @param parser    whose dictionaries name the keys and sources of the events it parsed
     * @param alerts    receives every alert, transient and sustained
     * @param late      the side output for late events
     */
    public StreamEngine(StreamConfig config, EventParser parser, Consumer<Alert> alerts, Consumer<StreamEvent> late) {
        this.config = config;
        this.parser = parser;
        this.lateSink = late;
        long ooo = config.maxOutOfOrder().toMillis();
        long lateness = config.allowedLateness().toMillis();
        this.watermark = new Watermark(ooo, lateness);
        this.dedup = new Deduplicator(config.dedupHorizon().toMillis());
        this.noise = new NoiseFilter(config.noise());
        this.windows = new KeyedWindows[config.windows().size()];
        for (int i = 0; i < windows.length; i++) {
            WindowSpec spec = config.windows().get(i);
            SpikeGuard guard = new SpikeGuard(spec, config.guard(), spec.dimension().names(parser), parser.sources(),
                    alerts);
            guards.add(guard);
            windows[i] = new KeyedWindows(spec, ooo + lateness, w -> {
                windowsClosed++;
                guard.onClose(w);
            });
        }
    }

    /** Checkpoints from now on as {@code schedule} says; returns this engine. */
    public StreamEngine checkpoints(Checkpoint.Schedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /**
     * Keeps online profiles from now on: every accepted event updates its user's profile, and the watermark
     * fires the profiles' triggers, which go to {@code actions} when {@code profiles} was built with it as its
     * trigger sink. Both are part of the checkpoint; {@code actions} may be null. Returns this engine.
     */
    public StreamEngine profiles(UserProfiles profiles, StreamActions actions) {
        if (eventsIn > 0) {
            throw new IllegalStateException("attach profiles before the first event");
        }
        this.profiles = profiles;
        this.actions = actions;
        return this;
    }

    public EventParser parser() {
        return parser;
    }

    /** The online profiles, or null when the engine keeps none. */
    public UserProfiles profiles() {
        return profiles;
    }

    public void accept(StreamEvent e) {
        process(e);
        if (schedule != null && checkpointDue()) {
            try {
                checkpoint(schedule.file());
            } catch (IOException x) {
                throw new UncheckedIOException("cannot write checkpoint " + schedule.file(), x);
            }
        }
    }

    private void process(StreamEvent e) {
        eventsIn++;
        if (!watermark.admit(e.ts())) {
            lateSink.accept(e);
            return;
        }
        if (!dedup.first(e.idHash(), e.ts()) || noise.check(e) != null) {
            return;
        }
        accepted++;
        if (profiles != null) {
            profiles.advance(watermark.current());
            profiles.update(e);
        }
        long close = watermark.closeBefore();
        for (KeyedWindows w : windows) {
            w.closeUpTo(close);
            w.add(e);
        }
    }

    private boolean checkpointDue() {
        if (schedule.everyEvents() > 0 && eventsIn % schedule.everyEvents() == 0) {
            return true;
        }
        long every = schedule.everyMillis();
        long wm = watermark.current();
        if (every <= 0 || wm == Long.MIN_VALUE) {
            return false;
        }
        if (nextCheckpointAt == Long.MIN_VALUE) {
            nextCheckpointAt = (Math.floorDiv(wm, every) + 1) * every;
        }
        return wm >= nextCheckpointAt;
    }

    /**
     * Runs {@code hook} before every checkpoint: a sink that buffers (an outbox written in batches) flushes
     * there, so nothing decided before a checkpoint can be lost by a crash after it. Returns this engine.
     */
    public StreamEngine beforeCheckpoint(Runnable hook) {
        this.beforeCheckpoint = hook;
        return this;
    }

    /** Writes the engine's state to {@code file} now (atomically; see {@link Checkpoint}). */
    public void checkpoint(Path file) throws IOException {
        beforeCheckpoint.run();
        Checkpoint.write(file, this::writeState);
        long every = schedule == null ? 0 : schedule.everyMillis();
        if (every > 0 && watermark.current() != Long.MIN_VALUE) {
            nextCheckpointAt = (Math.floorDiv(watermark.current(), every) + 1) * every;
        }
    }

    /**
     * Restores the state of {@code file} into this engine, which must be fresh and built with the same
     * config; its parser gets the checkpoint's dictionaries, so the ids of a replay from {@link #offset()}
     * are those of the run that wrote it.
     */
    public void restore(Path file) throws IOException {
        if (eventsIn > 0) {
            throw new IllegalStateException("restore into a fresh engine");
        }
        DataInput in = Checkpoint.read(file);
        String saved = in.readUTF();
        if (!saved.equals(config.toString())) {
            throw new PulseInputException(file.toString(), "checkpoint written with another config: " + saved);
        }
        eventsIn = in.readLong();
        accepted = in.readLong();
        windowsClosed = in.readLong();
        watermark.readState(in);
        dedup.readState(in);
        noise.readState(in);
        for (Dictionary d : dictionaries()) {
            String[] names = new String[in.readInt()];
            for (int i = 0; i < names.length; i++) {
                names[i] = in.readUTF();
            }
            d.restore(names);
        }
        for (int i = 0; i < windows.length; i++) {
            windows[i].readState(in);
            guards.get(i).readState(in);
        }
        if (in.readBoolean() != (profiles != null)) {
            throw new PulseInputException(file.toString(), "checkpoint " + (profiles == null ? "has" : "lacks")
                    + " online profiles: restore with the same profile options");
        }
        if (profiles != null) {
            profiles.readState(in);
        }
        if (in.readBoolean() != (actions != null)) {
            throw new PulseInputException(file.toString(), "checkpoint " + (actions == null ? "has" : "lacks")
                    + " stream actions: restore with the same rules");
        }
        if (actions != null) {
            actions.readState(in);
        }
    }

    private void writeState(DataOutput out) throws IOException {
        out.writeUTF(config.toString());
        out.writeLong(eventsIn);
        out.writeLong(accepted);
        out.writeLong(windowsClosed);
        watermark.writeState(out);
        dedup.writeState(out);
        noise.writeState(out);
        for (Dictionary d : dictionaries()) {
            String[] names = d.snapshot();
            out.writeInt(names.length);
            for (String n : names) {
                out.writeUTF(n);
            }
        }
        for (int i = 0; i < windows.length; i++) {
            windows[i].writeState(out);
            guards.get(i).writeState(out);
        }
        out.writeBoolean(profiles != null);
        if (profiles != null) {
            profiles.writeState(out);
        }
        out.writeBoolean(actions != null);
        if (actions != null) {
            actions.writeState(out);
        }
    }

    private Dictionary[] dictionaries() {
        return new Dictionary[] {parser.users(), parser.types(), parser.items(), parser.categories(),
                parser.channels(), parser.sources()};
    }

    /** Events taken so far: the index, in a replay's time order, of the next event to feed. */
    public long offset() {
        return eventsIn;
    }

    /** End of input: closes every open window and judges every open episode. */
    public void finish() {
        for (KeyedWindows w : windows) {
            w.closeAll();
        }
        for (SpikeGuard g : guards) {
            g.finish();
        }
    }

    /**
     * Replays {@code source} at {@code speed} × real time (0: as fast as possible) through a bounded queue,
     * then {@link #finish()}es. A bad line stops the replay with the source's input error. The replay starts
     * at {@link #offset()}: the first event for a fresh engine, the one after the checkpoint for a restored one.
     */
    public StreamStats replay(FileReplay source, double speed) throws InterruptedException {
        long offset = eventsIn;
        BlockingQueue<StreamEvent[]> queue = new ArrayBlockingQueue<>(config.queueBatches());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                source.produce(speed, queue, config.batchSize(), offset);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "pulse-replay");
        producer.start();
        try {
            for (StreamEvent[] batch = queue.take(); batch != END; batch = queue.take()) {
                for (StreamEvent e : batch) {
                    accept(e);
                }
            }
        } finally {
            producer.interrupt();
            producer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        finish();
        return stats();
    }

    /**
     * Restores {@code checkpoint} (see {@link #restore(Path)}) and replays {@code source} from the event
     * after it: what a restart after a crash runs.
     */
    public StreamStats resume(Path checkpoint, FileReplay source, double speed) throws IOException, InterruptedException {
        restore(checkpoint);
        return replay(source, speed);
    }

    /**
     * Runs the records of a live {@code source} through the pipeline on the calling thread (which becomes the
     * pipeline thread) until the source ends or {@code options.stop()} says so, then {@link #finish()}es.
     * Records are parsed here with this engine's parser; a bad one goes to {@code options.onReject()}. Every
     * {@code options.tickEvery()} of wall time, and once at the end, {@code options.onTick()} gets the stats.
     *
     * <p>With a {@link Checkpoint.Schedule}, the schedule is checked after each batch (not each event, so a
     * checkpoint always covers whole batches and the source's {@link LiveSource#position()} matches it), the
     * position is stored beside the checkpoint, and a last checkpoint is written when the run ends, before
     * {@code finish()}: it keeps the windows open, so a resumed run goes on with them rather than reopening
     * windows this run closed early.
     */
    public StreamStats live(LiveSource source, LiveOptions options) throws InterruptedException {
        long tick = options.tickEvery().toNanos();
        long nextTick = System.nanoTime() + tick;
        liveCheckpointAt = eventsIn;
        while (!options.stop().getAsBoolean()) {
            LiveSource.Batch batch = source.poll(Duration.ofNanos(Math.max(0, nextTick - System.nanoTime())));
            if (batch == null) {
                break;
            }
            feed(batch, options);
            if (schedule != null && batch.size() > 0 && liveCheckpointDue()) {
                liveCheckpoint(source);
            }
            if (System.nanoTime() - nextTick >= 0) {
                options.onTick().accept(stats());
                nextTick = System.nanoTime() + tick;
            }
        }
        if (schedule != null) {
            liveCheckpoint(source);
        }
        finish();
        StreamStats end = stats();
        options.onTick().accept(end);
        return end;
    }

    /**
     * Restores {@code checkpoint} (see {@link #restore(Path)}), moves {@code source} to the position stored with
     * it, if any, and runs {@link #live(LiveSource, LiveOptions)}.
     */
    public StreamStats resumeLive(Path checkpoint, LiveSource source, LiveOptions options)
            throws IOException, InterruptedException {
        restore(checkpoint);
        SourcePositions.find(checkpoint, eventsIn).ifPresent(source::seek);
        return live(source, options);
    }

    private void feed(LiveSource.Batch batch, LiveOptions options) {
        for (int i = 0; i < batch.size(); i++) {
            liveRecords++;
            try {
                process(batch.parse(parser, i, liveRecords));
            } catch (PulseInputException e) {
                options.onReject().accept(e);
            }
        }
    }

    private boolean liveCheckpointDue() {
        return eventsIn > liveCheckpointAt && (schedule.everyEvents() > 0
                && eventsIn - liveCheckpointAt >= schedule.everyEvents() || checkpointDue());
    }

    private void liveCheckpoint(LiveSource source) {
        try {
            Optional<String> position = source.position();
            if (position.isPresent()) {
                SourcePositions.record(schedule.file(), eventsIn, position.get());
            }
            checkpoint(schedule.file());
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write checkpoint " + schedule.file(), x);
        }
        liveCheckpointAt = eventsIn;
    }

    public StreamStats stats() {
        long alerts = guards.stream().mapToLong(SpikeGuard::alerts).sum();
        return new StreamStats(eventsIn, watermark.late(), dedup.duplicates(), noise.removed(), accepted,
                windowsClosed, alerts);
    }

    public long watermark() {
        return watermark.current();
    }
}
