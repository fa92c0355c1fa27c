package io.pulse.flink;

import io.pulse.core.PulseInputException;
import io.pulse.stream.EventParser;
import io.pulse.stream.kafka.KafkaEventSource;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records (values: canonical events CSV lines) to {@link Line}s with their event time, which the
 * source's watermarks are made of. A line whose time does not parse gets {@link Long#MIN_VALUE}; the late
 * filter counts it as rejected rather than stopping the job on one bad record.
 */
final class CsvLineDeserializer implements KafkaRecordDeserializationSchema<Line> {

    private static final long serialVersionUID = 1L;
    private transient EventParser parser;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = new EventParser(KafkaEventSource.CSV_HEADER, "kafka");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Line> out) {
        byte[] v = record.value();
        if (v == null) {
            return;
        }
        long ts;
        try {
            ts = parser.timestamp(v, 0, v.length, record.offset());
        } catch (PulseInputException e) {
            ts = Long.MIN_VALUE;
        }
        out.collect(new Line(record.partition(), record.offset(), ts, v));
    }

    @Override
    public TypeInformation<Line> getProducedType() {
        return TypeInformation.of(Line.class);
    }
}
