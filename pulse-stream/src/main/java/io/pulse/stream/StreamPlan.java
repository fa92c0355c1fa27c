package io.pulse.stream;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The streaming cost calculator behind {@code pulse stream plan}: a short calibration run measures what
 * one event and one key cost on this machine, and the plan scales them to a target event rate and key
 * count.
 *
 * <p>The in-process engine is one pipeline thread, so one machine stops being enough when that thread
 * is busier than {@link #TARGET_UTILISATION} of a core (a busier queue has no slack for bursts), or when
 * the keys' state outgrows half the machine's memory (the heap one would give the JVM). Beyond that point the
 * plan sizes the Flink job instead, at {@link #FLINK_OVERHEAD} times the in-process cost per event: what
 * {@code pulse-flink}'s job measured per core on a MiniCluster here (serialisation between operators, two
 * shuffles by key, each window stage parsing the line again).
 *
 * @param cpuNanosPerEvent CPU time per event of the pipeline thread (dedup to spike guard), the one that
 *     cannot be shared out: reading and parsing run on the replay thread beside it
 * @param processCpuNanosPerEvent the whole process's CPU per event (reading, parsing, GC and JIT included),
 *     for the cores the machine needs
 * @param heapBytesPerKey heap held per key after the run (items, categories, channels, sources, users)
 * @param checkpointBytesPerKey compressed checkpoint bytes per key
 * @param eventBytes bytes per event in the input file (what a Kafka partition carries)
 */
public record StreamPlan(long calibrationEvents, long calibrationKeys, double cpuNanosPerEvent,
        double processCpuNanosPerEvent,
        double heapBytesPerKey, double checkpointBytesPerKey, double eventBytes, int cores, long machineMemoryBytes) {

    public static final double TARGET_UTILISATION = 0.7;
    /**
     * Flink's CPU per event over the in-process engine's: measured 15–20× with {@code FlinkThroughputMain}
     * (parallelism 2, a MiniCluster and the Kafka broker on the same 2 cores, 2026-11-26); the upper end, so a
     * plan errs on the side of more slots.
     */
    public static final double FLINK_OVERHEAD = 20.0;
    /** What one Kafka partition is planned to carry: a conservative figure for one consumer. */
    public static final double PARTITION_BYTES_PER_SECOND = 10e6;
    /** JVM, queues and buffers before any key. */
    public static final long BASE_HEAP_BYTES = 256L << 20;

    /**
     * The estimate for one rate and key count.
     *
     * @param pipelineBusy share of a core the pipeline thread would use
     * @param inProcessCores cores the whole process would use
     */
    public record Estimate(double rate, long keys, boolean oneMachine, String limit, double pipelineBusy,
            double inProcessCores,
            long inProcessHeapBytes, long checkpointBytes, int kafkaPartitions, int flinkSlots,
            long flinkHeapBytesPerSlot, double maxRateOneMachine) {
    }

    /**
     * Replays {@code events} (a canonical events CSV) through a default engine with online profiles and
     * their actions twice and measures the second run: the first only warms the JIT, whose compile threads
     * would otherwise bill a short run several times its real cost.
     */
    public static StreamPlan calibrate(Path events) throws IOException, InterruptedException {
        FileReplay warm = FileReplay.open(events);
        StreamEngine warmEngine = new StreamEngine(StreamConfig.defaults(), warm.parser(), a -> {
        }, e -> {
        });
        ReplayMain.attachProfiles(warmEngine, a -> {
        });
        warmEngine.replay(warm, 0);
        FileReplay source = FileReplay.open(events);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StreamEngine engine = new StreamEngine(StreamConfig.defaults(), source.parser(), a -> {
        }, e -> {
        });
        ReplayMain.attachProfiles(engine, a -> {
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long threadBefore = threads.getCurrentThreadCpuTime();
        StreamStats stats = engine.replay(source, 0);
        long pipeline = threads.getCurrentThreadCpuTime() - threadBefore;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        EventParser p = source.parser();
        long keys = (long) p.items().size() + p.categories().size() + p.channels().size() + p.sources().size()
                + p.users().size();
        Path checkpoint = Files.createTempFile("pulse-plan", ".ckpt");
        long checkpointBytes;
        try {
            engine.checkpoint(checkpoint);
            checkpointBytes = Files.size(checkpoint);
        } finally {
            Files.deleteIfExists(checkpoint);
        }
        long n = Math.max(1, stats.eventsIn());
        return new StreamPlan(n, keys, (double) pipeline / n, (double) cpu / n, Math.max(0, heapAfter - heapBefore) / (double) Math.max(1, keys),
                checkpointBytes / (double) Math.max(1, keys), Files.size(events) / (double) n,
                rt.availableProcessors(), os.getTotalMemorySize());
    }

    public Estimate estimate(double rate, long keys) {
        if (!(rate > 0) || keys < 1) {
            throw new IllegalArgumentException("need a positive rate and at least one key");
        }
        double busy = rate * cpuNanosPerEvent / 1e9;
        double cores = rate * processCpuNanosPerEvent / 1e9;
        long heap = BASE_HEAP_BYTES + (long) Math.ceil(keys * heapBytesPerKey);
        double maxRate = Math.min(TARGET_UTILISATION * 1e9 / cpuNanosPerEvent,
                TARGET_UTILISATION * this.cores * 1e9 / processCpuNanosPerEvent);
        String limit = null;
        if (busy > TARGET_UTILISATION) {
            limit = String.format(Locale.ROOT, "the pipeline thread would be %.0f%% busy (over %.0f%%)",
                    100 * busy, 100 * TARGET_UTILISATION);
        } else if (cores > TARGET_UTILISATION * this.cores) {
            limit = String.format(Locale.ROOT, "it would need %.1f cores of the %d here", cores / TARGET_UTILISATION,
                    this.cores);
        } else if (heap > machineMemoryBytes / 2) {
            limit = "the keys' state (" + (heap >> 20) + " MB) would pass half the memory (" + (machineMemoryBytes >> 21)
                    + " MB)";
        }
        int partitions = (int) Math.max(1, Math.ceil(rate * eventBytes / PARTITION_BYTES_PER_SECOND));
        int slots = (int) Math.max(1, Math.ceil(cores * FLINK_OVERHEAD / TARGET_UTILISATION));
        partitions = Math.max(partitions, slots);
        long slotHeap = BASE_HEAP_BYTES + (long) Math.ceil(keys * heapBytesPerKey / slots);
        return new Estimate(rate, keys, limit == null, limit, busy, cores, heap, (long) Math.ceil(keys * checkpointBytesPerKey),
                partitions, slots, slotHeap, maxRate);
    }
}
