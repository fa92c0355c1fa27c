package io.pulse.stream.kafka;

import io.pulse.core.PulseInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes events CSV lines to a topic, one record per line, in the given order. The record key is the
 * line's {@code user_id}, so all of a user's events land in one partition in their order: the noise
 * filter's per-user rules (and anything per user downstream) see them as a single stream would.
 */
public final class CsvPublisher {

    private CsvPublisher() {
    }

    /** Creates {@code topic} with {@code partitions} partitions (replication 1) unless it exists. */
    public static void createTopic(String bootstrapServers, String topic, int partitions) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic, e);
        }
    }

    /**
     * Publishes the lines of an events CSV after its header, which must be {@link KafkaEventSource#CSV_HEADER}
     * (the record values carry no header, so the column order is fixed). Returns the number of records.
     */
    public static long publishFile(String bootstrapServers, String topic, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).strip().equals(KafkaEventSource.CSV_HEADER)) {
            throw new PulseInputException(csv.toString(), 1, null,
                    "the header must be " + KafkaEventSource.CSV_HEADER);
        }
        return publish(bootstrapServers, topic, lines.subList(1, lines.size()));
    }

    /** Publishes {@code lines} (canonical column order, no header; empty lines skipped) and waits for every ack. */
    public static long publish(String bootstrapServers, String topic, List<String> lines) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // Idempotence keeps a partition's order (a user's lines) when a send is retried.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String line : lines) {
                if (line.isEmpty()) {
                    continue;
                }
                byte[] value = line.getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, userId(value), value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                n++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing to " + topic + " failed", failure.get());
        }
        return n;
    }

    /** The second field: {@code user_id} in the canonical column order. */
    static byte[] userId(byte[] line) {
        int from = 0;
        while (from < line.length && line[from] != ',') {
            from++;
        }
        int to = ++from;
        while (to < line.length && line[to] != ',') {
            to++;
        }
        return Arrays.copyOfRange(line, Math.min(from, line.length), to);
    }
}
