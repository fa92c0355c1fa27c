package io.pulse.flink;

import io.pulse.stream.Alert;
import io.pulse.stream.Dimension;
import io.pulse.stream.EventParser;
import io.pulse.stream.KeyedWindows;
import io.pulse.stream.ReplayMain;
import io.pulse.stream.SpikeGuard;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEvent;
import io.pulse.stream.WindowSpec;
import io.pulse.stream.kafka.KafkaEventSource;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The windows and spike guards of one dimension's window specs, over the keys routed to this subtask: one
 * pulse-stream {@link KeyedWindows} + {@link SpikeGuard} per spec, as in the in-process engine, emitting each
 * alert as the JSON line of {@link ReplayMain}'s alert file.
 *
 * <p>Events wait in a buffer until the watermark passes them and are then added in time order (ties by their
 * bytes): the windows' ring never overruns however far a partition runs ahead, and this subtask's parser
 * interns names in an order that does not depend on how the inputs interleave. After each watermark the
 * windows close up to watermark − allowed lateness, as the engine closes them up to its newest event −
 * out-of-orderness − lateness; no event let through by the late filter is older than that, so a window holds
 * exactly the accepted events of its time span, and the guard sees the counts the engine's guard sees.
 *
 * <p>Every subtask starts its windows at the earliest first record of the late-filter subtasks (with one
 * partition each, the first event of each partition; it waits for all of them) and, at the end of a bounded
 * input, closes them up to the last accepted ones, from the markers of the user stage: so empty windows,
 * warm-up and the episodes open at the end are the same on every subtask as in the one engine when the
 * stream starts in time order with an accepted event.
 *
 * <p>State: the parser's dictionaries, the buffer, the markers seen, and every spec's windows and guard
 * ({@code writeState} bytes), one blob per subtask ({@link SubtaskState}: same parallelism on restore).
 */
final class WindowStage extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<Routed, String>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final ShippedConfig shipped;
    private transient StreamConfig config;
    private final Dimension dimension;
    private transient EventParser parser;
    private transient List<KeyedWindows> windows;
    private transient List<SpikeGuard> guards;
    private transient List<Pending> pending;
    private transient long firstMarker;
    private transient int firstMarkers;
    private transient boolean started;
    private transient long lastAccepted;
    private transient long lastWithKey;
    private transient SubtaskState state;
    private transient LongCounter alerts;

    private record Pending(long ts, byte[] line) {
    }

    private static final Comparator<Pending> TIME_ORDER = Comparator.comparingLong(Pending::ts)
            .thenComparing(Pending::line, Arrays::compare);

    WindowStage(StreamConfig config, Dimension dimension) {
        this.shipped = new ShippedConfig(config);
        this.dimension = dimension;
    }

    /** The specs of {@code config} this stage runs. */
    static List<WindowSpec> specs(StreamConfig config, Dimension dimension) {
        return config.windows().stream().filter(s -> s.dimension() == dimension).toList();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        config = shipped.get();
        parser = new EventParser(KafkaEventSource.CSV_HEADER, "kafka");
        windows = new ArrayList<>();
        guards = new ArrayList<>();
        long openSpan = config.maxOutOfOrder().toMillis() + config.allowedLateness().toMillis();
        for (WindowSpec spec : specs(config, dimension)) {
            SpikeGuard guard = new SpikeGuard(spec, config.guard(), dimension.names(parser), parser.sources(),
                    this::emit);
            guards.add(guard);
            windows.add(new KeyedWindows(spec, openSpan, guard));
        }
        pending = new ArrayList<>();
        firstMarker = Long.MAX_VALUE;
        firstMarkers = 0;
        lastAccepted = Long.MIN_VALUE;
        lastWithKey = Long.MIN_VALUE;
        var task = getRuntimeContext().getTaskInfo();
        state = SubtaskState.open(context, "pulse-windows-" + dimension.label(), task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), this::read);
    }

    @Override
    public void open() throws Exception {
        super.open();
        alerts = getRuntimeContext().getLongCounter(PulseFlinkJob.ALERTS);
    }

    private void emit(Alert a) {
        alerts.add(1);
        output.collect(new StreamRecord<>(ReplayMain.line(a)));
    }

    @Override
    public void processElement(StreamRecord<Routed> record) {
        Routed r = record.getValue();
        if (r.isEvent()) {
            pending.add(new Pending(r.ts(), r.line()));
        } else if (r.isEnd()) {
            lastAccepted = Math.max(lastAccepted, r.ts());
            lastWithKey = Math.max(lastWithKey, r.lastWithKey()[dimension.ordinal()]);
        } else {
            firstMarker = Math.min(firstMarker, r.ts());
            firstMarkers++;
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long w = mark.getTimestamp();
        release(w);
        // Long.MAX_VALUE is the end of a bounded input: the last windows close in endInput, from the markers.
        if (started && w != Long.MAX_VALUE) {
            closeUpTo(w + 1 - config.allowedLateness().toMillis());
        }
        super.processWatermark(mark);
    }

    /**
     * Adds, in time order, every buffered event at or before {@code watermark}. The first time, only once every
     * late-filter subtask has sent the time of its first record (or at the end of the input): where the
     * windows start must not depend on which marker happened to arrive first.
     */
    private void release(long watermark) {
        if (!started && firstMarkers < getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks()
                && watermark != Long.MAX_VALUE) {
            return;
        }
        List<Pending> ready = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        for (Pending p : pending) {
            (p.ts() <= watermark ? ready : later).add(p);
        }
        if (ready.isEmpty()) {
            return;
        }
        pending = later;
        ready.sort(TIME_ORDER);
        long openSpan = config.maxOutOfOrder().toMillis() + config.allowedLateness().toMillis();
        if (!started) {
            // The engine's windows start at its first accepted event − out-of-orderness − lateness.
            closeUpTo(Math.min(firstMarker, ready.get(0).ts()) - openSpan);
            started = true;
        }
        for (Pending p : ready) {
            // As the engine does before each event: the ring holds only the windows still open behind it.
            closeUpTo(p.ts() - openSpan);
            StreamEvent e = parser.parse(p.line(), 0, p.line().length, 0);
            for (KeyedWindows kw : windows) {
                kw.add(e);
            }
        }
    }

    private void closeUpTo(long time) {
        for (KeyedWindows kw : windows) {
            kw.closeUpTo(time);
        }
    }

    /** End of a bounded input: what the engine's last event and {@code finish()} close and judge. */
    @Override
    public void endInput() {
        release(Long.MAX_VALUE);
        if (!started || lastAccepted == Long.MIN_VALUE) {
            return;
        }
        closeUpTo(lastAccepted - config.maxOutOfOrder().toMillis() - config.allowedLateness().toMillis());
        for (int i = 0; i < windows.size(); i++) {
            KeyedWindows kw = windows.get(i);
            if (lastWithKey != Long.MIN_VALUE) {
                long size = kw.spec().size().toMillis();
                kw.closeUpTo((Math.floorDiv(lastWithKey, size) + 1) * size);
            }
            guards.get(i).finish();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.save(this::write);
    }

    private void write(DataOutput out) throws IOException {
        SubtaskState.writeDictionaries(out, parser);
        out.writeBoolean(started);
        out.writeLong(firstMarker);
        out.writeInt(firstMarkers);
        out.writeLong(lastAccepted);
        out.writeLong(lastWithKey);
        out.writeInt(pending.size());
        for (Pending p : pending) {
            out.writeLong(p.ts());
            out.writeInt(p.line().length);
            out.write(p.line());
        }
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).writeState(out);
            guards.get(i).writeState(out);
        }
    }

    private void read(DataInput in) throws IOException {
        SubtaskState.readDictionaries(in, parser);
        started = in.readBoolean();
        firstMarker = in.readLong();
        firstMarkers = in.readInt();
        lastAccepted = in.readLong();
        lastWithKey = in.readLong();
        for (int n = in.readInt(); n > 0; n--) {
            long ts = in.readLong();
            byte[] line = new byte[in.readInt()];
            in.readFully(line);
            pending.add(new Pending(ts, line));
        }
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).readState(in);
            guards.get(i).readState(in);
        }
    }
}
