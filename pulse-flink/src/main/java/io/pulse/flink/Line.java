package io.pulse.flink;

/**
 * One record of the events topic: where it was (partition, offset, for lateness per partition and for
 * error messages), its event time ({@link Long#MIN_VALUE} when the line's {@code ts} does not parse) and the
 * CSV line itself.
 */
public record Line(int partition, long offset, long ts, byte[] value) {
}
