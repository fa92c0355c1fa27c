package io.pulse.server.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pulse.stream.EventParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The lines of an events CSV in the order a file replay feeds them, and as JSON events for the HTTP API. */
final class CsvEvents {

    private static final Set<String> NUMBERS = Set.of("amount", "duration_s", "quantity");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CsvEvents() {
    }

    /** The data lines ordered as {@code FileReplay}: by whole second of {@code ts}, file order within one. */
    static List<String> inReplayOrder(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        EventParser parser = new EventParser(lines.get(0), csv.toString());
        record Line(long second, int at, String text) {
        }
        List<Line> data = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
            if (b.length > 0) {
                data.add(new Line(Math.floorDiv(parser.timestamp(b, 0, b.length, i + 1), 1000L), i, lines.get(i)));
            }
        }
        data.sort(Comparator.comparingLong(Line::second).thenComparingInt(Line::at));
        List<String> out = new ArrayList<>(data.size() + 1);
        out.add(lines.get(0));
        data.forEach(l -> out.add(l.text()));
        return out;
    }

    /** {@code lines[from, to)} (with {@code header}) as a JSON array; numbers as JSON numbers, empty fields left out. */
    static byte[] json(String header, List<String> lines, int from, int to) throws IOException {
        String[] names = header.split(",", -1);
        ArrayNode array = JSON.createArrayNode();
        for (String line : lines.subList(from, to)) {
            String[] v = line.split(",", -1);
            ObjectNode e = array.addObject();
            for (int c = 0; c < names.length; c++) {
                if (v[c].isEmpty()) {
                    continue;
                }
                if (NUMBERS.contains(names[c])) {
                    e.put(names[c], new BigDecimal(v[c]));
                } else {
                    e.put(names[c], v[c]);
                }
            }
        }
        return JSON.writeValueAsBytes(array);
    }
}
