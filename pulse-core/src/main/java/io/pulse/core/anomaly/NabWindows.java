package io.pulse.core.anomaly;

import io.pulse.core.PulseInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's {@code combined_windows.json}: for each data file, its anomaly windows as inclusive
 * {@code [start, end]} timestamps. The file has one fixed shape, {@code {"path": [["t0", "t1"], ...]}},
 * so it is read with a small tokenizer rather than a JSON library (pulse-core has none).
 */
public final class NabWindows {

    /** One window, both ends inclusive, in UTC epoch seconds. */
    public record Window(long start, long end) {
    }

    private NabWindows() {
    }

    public static Map<String, List<Window>> read(Path json) {
        String text;
        try {
            text = Files.readString(json);
        } catch (IOException e) {
            throw new PulseInputException(json.toString(), "cannot read windows: " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (RuntimeException e) {
            throw new PulseInputException(json.toString(),
                    "not a NAB windows file {\"file\": [[start, end], ...]}: " + e.getMessage());
        }
    }

    static Map<String, List<Window>> parse(String text) {
        List<String> strings = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                strings.add(text.substring(i + 1, end));
                depths.add(depth);
                i = end;
            }
        }
        Map<String, List<Window>> out = new LinkedHashMap<>();
        List<Window> current = null;
        for (int k = 0; k < strings.size(); k++) {
            if (depths.get(k) == 1) {
                current = new ArrayList<>();
                out.put(strings.get(k), current);
            } else if (depths.get(k) == 3 && current != null) {
                current.add(new Window(NabSeries.epochSecond(strings.get(k)), NabSeries.epochSecond(strings.get(k + 1))));
                k++;
            } else {
                throw new IllegalArgumentException("unexpected \"" + strings.get(k) + "\"");
            }
        }
        return out;
    }
}
