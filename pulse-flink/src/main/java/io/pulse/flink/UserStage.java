package io.pulse.flink;

import io.pulse.core.PulseInputException;
import io.pulse.stream.Dimension;
import io.pulse.stream.EventParser;
import io.pulse.stream.NoiseFilter;
import io.pulse.stream.StreamConfig;
import io.pulse.core.thresholds.GapPrior;
import io.pulse.stream.Dictionary;
import io.pulse.stream.StreamEvent;
import io.pulse.stream.internal.JsonText;
import io.pulse.stream.internal.LongSet;
import io.pulse.stream.kafka.KafkaEventSource;
import io.pulse.stream.profile.ProfileJson;
import io.pulse.stream.profile.ProfileSettings;
import io.pulse.stream.profile.TriggerHit;
import io.pulse.stream.profile.UserProfiles;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The per-user stage, fed by user (each user's events in their partition's order, as the in-process engine
 * sees them): dedup by event id, then pulse-stream's {@link NoiseFilter}, then routing of each accepted event
 * to the window stages by the hash of its key in every dimension (an item by its category's, when it has one).
 *
 * <p>Dedup keeps the ids of the last six buckets of a quarter horizon each, like {@code Deduplicator}'s ring,
 * but prunes a bucket on watermark progress rather than when a newer bucket takes its slot: a repeat is
 * dropped when its first copy is at most five buckets older. That is what the ring does when every bucket
 * sees traffic, and it does not depend on how the partitions interleave. Duplicates of an event share its
 * user, hence its subtask.
 *
 * <p>Profiles: one {@link UserProfiles} per subtask (its users interned by the subtask's parser) takes every
 * accepted event as the engine does: advance to the watermark (the newest event so far − out-of-orderness),
 * then update. A trigger fires only if the watermark passes its time before the user's next event moves it,
 * so the events must reach the profiles in event time across partitions, as the engine reads them: a
 * subtask's users come from every partition, and one partition's fetch can be hours of event time ahead of
 * another's. So accepted events wait, per partition in their order, until Flink's watermark (the minimum over
 * partitions) shows no partition can still send an older one; then the partitions' queues are merged by
 * event time into the profiles, and the profiles advance to Flink's watermark. Not to its final +∞ of a
 * bounded input: the engine never advances past its last event. At the end of a bounded input the queues
 * drain, the profiles advance to the engine's final watermark (the newest of the late filters'
 * {@link LateFilter#LAST} lines) and every profile is written. Fired triggers
 * ({@link #triggerLine}) and final profiles ({@link ProfileJson#line(io.pulse.stream.profile.Profile)})
 * leave through {@link #PROFILE_UPDATES}, which the job sends to its profiles topic.
 *
 * <p>State: the parser's dictionaries (the noise filter's arrays are indexed by user id), the noise filter's
 * own {@code writeState} bytes, the dedup buckets, the markers' progress, the events waiting for the profiles
 * (their lines) and the profiles' own {@code writeState} bytes, one blob per subtask ({@link SubtaskState}: same
 * parallelism on restore).
 */
final class UserStage extends AbstractStreamOperator<Routed>
        implements OneInputStreamOperator<Line, Routed>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    static final OutputTag<Routed> MARKERS = new OutputTag<>("end-markers", TypeInformation.of(Routed.class));
    static final OutputTag<String> PROFILE_UPDATES = new OutputTag<>("profile-updates", TypeInformation.of(String.class));
    /** Deduplicator's ring: four buckets per horizon, six live. */
    private static final int BUCKETS = 4;
    private static final int LIVE = BUCKETS + 2;
    private static final Dimension[] DIMENSIONS = Dimension.values();

    private final ShippedConfig shipped;
    /** The fixed gap prior (μ0, τ0², σ²), or null for each subtask to refit its own from its users. */
    private final double[] prior;
    private transient StreamConfig config;
    private transient EventParser parser;
    private transient NoiseFilter noise;
    private transient TreeMap<Long, LongSet> seen;
    private transient long bucketWidth;
    private transient long lastAccepted;
    private transient long[] lastWithKey;
    private transient SubtaskState state;
    private transient LongCounter duplicates;
    private transient LongCounter accepted;
    private transient LongCounter rejected;
    private transient Map<NoiseFilter.Reason, LongCounter> filtered;
    private transient LongCounter triggers;
    private transient LongCounter profileLines;
    private transient UserProfiles profiles;
    /** Accepted events not yet in the profiles, by partition, each queue in its partition's order. */
    private transient TreeMap<Integer, ArrayDeque<Pending>> pending;
    private transient long newestInProfiles;
    private transient long finalWatermark;

    private record Pending(Line line, StreamEvent event) {
    }

    UserStage(StreamConfig config, GapPrior prior) {
        this.shipped = new ShippedConfig(config);
        this.prior = prior == null ? null : new double[] {prior.mu0(), prior.tau0Squared(), prior.sigmaSquared()};
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        config = shipped.get();
        parser = new EventParser(KafkaEventSource.CSV_HEADER, "kafka");
        noise = new NoiseFilter(config.noise());
        seen = new TreeMap<>();
        bucketWidth = config.dedupHorizon().toMillis() / BUCKETS;
        lastAccepted = Long.MIN_VALUE;
        lastWithKey = new long[DIMENSIONS.length];
        Arrays.fill(lastWithKey, Long.MIN_VALUE);
        ProfileSettings settings = ProfileSettings.defaults();
        if (prior != null) {
            settings = settings.withFixedPrior(new GapPrior(prior[0], prior[1], prior[2], 0));
        }
        profiles = new UserProfiles(settings, this::fired);
        pending = new TreeMap<>();
        newestInProfiles = Long.MIN_VALUE;
        finalWatermark = Long.MIN_VALUE;
        var task = getRuntimeContext().getTaskInfo();
        state = SubtaskState.open(context, "pulse-user", task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), this::read);
    }

    @Override
    public void open() throws Exception {
        super.open();
        duplicates = getRuntimeContext().getLongCounter(PulseFlinkJob.DUPLICATES);
        accepted = getRuntimeContext().getLongCounter(PulseFlinkJob.ACCEPTED);
        rejected = getRuntimeContext().getLongCounter(PulseFlinkJob.REJECTED);
        filtered = new EnumMap<>(NoiseFilter.Reason.class);
        for (NoiseFilter.Reason r : NoiseFilter.Reason.values()) {
            filtered.put(r, getRuntimeContext().getLongCounter(PulseFlinkJob.FILTERED + r.name()));
        }
        triggers = getRuntimeContext().getLongCounter(PulseFlinkJob.TRIGGERS);
        profileLines = getRuntimeContext().getLongCounter(PulseFlinkJob.PROFILES);
    }

    @Override
    public void processElement(StreamRecord<Line> record) {
        Line line = record.getValue();
        if (line.partition() == LateFilter.LAST_PARTITION) {
            finalWatermark = Math.max(finalWatermark, line.ts());
            return;
        }
        StreamEvent e;
        try {
            e = parser.parse(line.value(), 0, line.value().length, line.offset());
        } catch (PulseInputException x) {
            rejected.add(1);
            return;
        }
        if (!firstCopy(e.idHash(), e.ts())) {
            duplicates.add(1);
            return;
        }
        NoiseFilter.Reason reason = noise.check(e);
        if (reason != null) {
            filtered.get(reason).add(1);
            return;
        }
        accepted.add(1);
        lastAccepted = Math.max(lastAccepted, e.ts());
        pending.computeIfAbsent(line.partition(), p -> new ArrayDeque<>()).add(new Pending(line, e));
        int[] keys = new int[DIMENSIONS.length];
        for (Dimension d : DIMENSIONS) {
            int id = d.key(e);
            keys[d.ordinal()] = id < 0 ? Routed.ABSENT : Routed.hash(d.names(parser).name(id));
            if (id >= 0) {
                lastWithKey[d.ordinal()] = Math.max(lastWithKey[d.ordinal()], e.ts());
            }
        }
        // Items go with their category: the guard's related-items lift counts the whole category's events
        // in the item windows, so all of a category's items must share a subtask.
        if (e.item() >= 0 && e.category() >= 0) {
            keys[Dimension.ITEM.ordinal()] = keys[Dimension.CATEGORY.ordinal()];
        }
        output.collect(new StreamRecord<>(new Routed(e.ts(), line.value(), keys, null), line.ts()));
    }

    private boolean firstCopy(long idHash, long ts) {
        long bucket = Math.floorDiv(ts, bucketWidth);
        for (LongSet s : seen.tailMap(bucket - (LIVE - 1)).values()) {
            if (s.contains(idHash)) {
                return false;
            }
        }
        seen.computeIfAbsent(bucket, b -> new LongSet(1024)).add(idHash);
        return true;
    }

    /** Buckets no event that can still arrive (one not late: at or after watermark − lateness) would look at. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            long oldest = Math.floorDiv(mark.getTimestamp() + 1 - config.allowedLateness().toMillis(), bucketWidth)
                    - (LIVE - 1);
            for (Iterator<Long> it = seen.keySet().iterator(); it.hasNext() && it.next() < oldest; ) {
                it.remove();
            }
            // Flink's watermark is the oldest partition's newest event − out-of-orderness − 1 ms.
            toProfiles(mark.getTimestamp() + config.maxOutOfOrder().toMillis());
            profiles.advance(mark.getTimestamp());
        }
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        output.collect(MARKERS, new StreamRecord<>(Routed.end(lastAccepted, lastWithKey.clone())));
        toProfiles(Long.MAX_VALUE);
        profiles.advance(finalWatermark);
        profiles.forEach(parser.users(), p -> {
            profileLines.add(1);
            output.collect(PROFILE_UPDATES, new StreamRecord<>(ProfileJson.line(p)));
        });
    }

    /** Merges the partitions' queued events up to {@code newest} into the profiles, oldest first. */
    private void toProfiles(long newest) {
        while (true) {
            ArrayDeque<Pending> next = null;
            for (ArrayDeque<Pending> q : pending.values()) {
                if (!q.isEmpty() && (next == null || q.peek().event().ts() < next.peek().event().ts())) {
                    next = q;
                }
            }
            if (next == null || next.peek().event().ts() > newest) {
                return;
            }
            StreamEvent e = next.poll().event();
            newestInProfiles = Math.max(newestInProfiles, e.ts());
            profiles.advance(newestInProfiles - config.maxOutOfOrder().toMillis());
            profiles.update(e);
        }
    }

    private void fired(TriggerHit hit) {
        triggers.add(1);
        output.collect(PROFILE_UPDATES, new StreamRecord<>(triggerLine(hit, parser.users())));
    }

    /**
     * A fired trigger as one JSON line, its id {@code user/trigger/cutoff} unique (a trigger fires at most
     * once per user and cutoff day), in the fields of a stream action's line.
     */
    static String triggerLine(TriggerHit hit, Dictionary users) {
        String user = users.name(hit.user());
        String cutoff = LocalDate.ofEpochDay(hit.day()).toString();
        String trigger = hit.trigger().yamlName();
        return "{\"id\":" + JsonText.quote(user + "/" + trigger + "/" + cutoff) + ",\"user_id\":"
                + JsonText.quote(user) + ",\"trigger\":" + JsonText.quote(trigger) + ",\"cutoff\":"
                + JsonText.quote(cutoff) + ",\"at\":" + JsonText.quote(Instant.ofEpochMilli(hit.at()).toString())
                + ",\"observed\":" + JsonText.number(hit.observed()) + ",\"threshold\":"
                + JsonText.number(hit.threshold()) + "}";
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.save(this::write);
    }

    private void write(DataOutput out) throws IOException {
        SubtaskState.writeDictionaries(out, parser);
        noise.writeState(out);
        out.writeInt(seen.size());
        for (Map.Entry<Long, LongSet> b : seen.entrySet()) {
            out.writeLong(b.getKey());
            b.getValue().writeState(out);
        }
        out.writeLong(lastAccepted);
        for (long t : lastWithKey) {
            out.writeLong(t);
        }
        out.writeInt(pending.values().stream().mapToInt(ArrayDeque::size).sum());
        for (ArrayDeque<Pending> q : pending.values()) {
            for (Pending p : q) {
                out.writeInt(p.line().partition());
                out.writeLong(p.line().offset());
                out.writeLong(p.line().ts());
                out.writeInt(p.line().value().length);
                out.write(p.line().value());
            }
        }
        out.writeLong(newestInProfiles);
        profiles.writeState(out);
    }

    private void read(DataInput in) throws IOException {
        SubtaskState.readDictionaries(in, parser);
        noise.readState(in);
        for (int n = in.readInt(); n > 0; n--) {
            long bucket = in.readLong();
            LongSet s = new LongSet(16);
            s.readState(in);
            seen.put(bucket, s);
        }
        lastAccepted = in.readLong();
        for (int i = 0; i < lastWithKey.length; i++) {
            lastWithKey[i] = in.readLong();
        }
        for (int n = in.readInt(); n > 0; n--) {
            Line line = new Line(in.readInt(), in.readLong(), in.readLong(), new byte[in.readInt()]);
            in.readFully(line.value());
            StreamEvent e = parser.parse(line.value(), 0, line.value().length, line.offset());
            pending.computeIfAbsent(line.partition(), p -> new ArrayDeque<>()).add(new Pending(line, e));
        }
        newestInProfiles = in.readLong();
        profiles.readState(in);
    }
}
