package io.pulse.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals: a title, a header, right-aligned numbers, a rule under the header. */
final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "" : c.toString());
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() && i < width.length; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        if (title != null) {
            b.append(title).append('\n');
        }
        appendRow(b, header, width, true);
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        b.append("  ").append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (List<String> r : rows) {
            appendRow(b, r, width, false);
        }
        return b.toString();
    }

    private static void appendRow(StringBuilder b, List<String> cells, int[] width, boolean header) {
        b.append(' ');
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            boolean left = i == 0 || header || !looksNumeric(c);
            b.append(' ');
            b.append(left ? pad(c, width[i]) : " ".repeat(width[i] - c.length()) + c);
            b.append(' ');
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        b.setLength(end);
        b.append('\n');
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static boolean looksNumeric(String s) {
        return !s.isEmpty() && s.matches("[-+]?[0-9][0-9,.]*(%|s|x| ?[kMG])?");
    }

    static String percent(double ratio) {
        return String.format("%.1f%%", ratio * 100);
    }

    static String count(long n) {
        return String.format("%,d", n);
    }

    /** A one-line chart of a series, for trends a person would rather see than read. */
    static String sparkline(double[] values) {
        final String bars = "▁▂▃▄▅▆▇█";
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            int i = max > min ? (int) Math.round((v - min) / (max - min) * (bars.length() - 1)) : 3;
            b.append(bars.charAt(i));
        }
        return b.toString();
    }
}
