package io.pulse.stream.kafka;

import io.pulse.stream.EventParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Events from a Kafka topic whose record values are lines of the canonical events CSV, without a header,
 * in the column order of {@link #CSV_HEADER}. Offsets are the caller's: nothing is committed to Kafka (no
 * auto-commit), {@link #positions()} gives the next offset of every partition for a checkpoint and
 * {@link #seek(Map)} resumes from one, so the engine's checkpoint alone says where the stream stands.
 *
 * <p>Two ways to open it: with a group id, Kafka's group protocol spreads the partitions over the members
 * (a seek waits for a partition's assignment); without one, this consumer takes every partition of the
 * topic, from the beginning. Not thread safe, like the {@link KafkaConsumer} inside.
 */
public final class KafkaEventSource implements AutoCloseable {

    /** The columns of a record value, in order: {@code pulse generate}'s events.csv. */
    public static final String CSV_HEADER =
            "event_id,user_id,ts,type,amount,duration_s,item_id,category,channel,source,quantity";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    /** Offsets asked for by {@link #seek(Map)} for partitions not (yet) assigned to this member. */
    private final Map<Integer, Long> pendingSeeks = new HashMap<>();

    private KafkaEventSource(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * @param groupId a consumer group to share the partitions with, or null to read every partition alone
     *                from the earliest offset
     */
    public static KafkaEventSource open(String bootstrapServers, String topic, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaEventSource source = new KafkaEventSource(consumer, topic);
        if (groupId == null) {
            List<TopicPartition> all = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                all.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
        } else {
            consumer.subscribe(List.of(topic), source.new SeekOnAssign());
        }
        return source;
    }

    /** A parser for this topic's record values (the header is {@link #CSV_HEADER}). */
    public EventParser parser() {
        return new EventParser(CSV_HEADER, "kafka:" + topic);
    }

    /** The values of the records that arrive within {@code timeout}, in partition order; empty when none. */
    public List<byte[]> poll(Duration timeout) {
        var records = consumer.poll(timeout);
        List<byte[]> values = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            values.add(r.value());
        }
        return values;
    }

    /** One record: its partition, offset and value (a CSV line). */
    public record Record(int partition, long offset, byte[] value) {
    }

    /** The records that arrive within {@code timeout}, with their partitions and offsets; empty when none. */
    public List<Record> pollRecords(Duration timeout) {
        var records = consumer.poll(timeout);
        List<Record> out = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(new Record(r.partition(), r.offset(), r.value()));
        }
        return out;
    }

    /** The current end offset of each partition this consumer holds (the offset the next record will get). */
    public Map<Integer, Long> endOffsets() {
        Map<Integer, Long> out = new TreeMap<>();
        consumer.endOffsets(consumer.assignment()).forEach((tp, end) -> out.put(tp.partition(), end));
        return out;
    }

    /** The next offset to read of each partition this consumer holds: what a checkpoint keeps. */
    public Map<Integer, Long> positions() {
        Map<Integer, Long> out = new TreeMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            out.put(tp.partition(), consumer.position(tp));
        }
        return out;
    }

    /**
     * Continues each partition of {@code offsets} from its offset (a checkpoint's {@link #positions()}). In a
     * group, a partition not assigned yet is sought when it is.
     */
    public void seek(Map<Integer, Long> offsets) {
        var assigned = consumer.assignment();
        for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
            TopicPartition tp = new TopicPartition(topic, e.getKey());
            if (assigned.contains(tp)) {
                consumer.seek(tp, e.getValue());
            } else {
                pendingSeeks.put(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

    private final class SeekOnAssign implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                Long offset = pendingSeeks.remove(tp.partition());
                if (offset != null) {
                    consumer.seek(tp, offset);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Offsets live in the engine's checkpoint; nothing to commit on the way out.
        }
    }
}
