package io.pulse.generate.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A byte buffer for CSV rows that formats numbers and ASCII text itself. A generation writes
 * tens of millions of fields; going through String.format or a Writer's char encoding would cost
 * more than generating them.
 */
final class AsciiOut implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int pos;
    private boolean closed;

    AsciiOut(OutputStream out) {
        this.out = out;
    }

    AsciiOut put(char c) throws IOException {
        if (pos == buffer.length) {
            flushBuffer();
        }
        buffer[pos++] = (byte) c;
        return this;
    }

    AsciiOut put(byte[] ascii) throws IOException {
        if (pos + ascii.length > buffer.length) {
            flushBuffer();
        }
        if (ascii.length > buffer.length) {
            out.write(ascii);
        } else {
            System.arraycopy(ascii, 0, buffer, pos, ascii.length);
            pos += ascii.length;
        }
        return this;
    }

    /** A CSV field: as is when it is plain, quoted as RFC 4180 says when it holds a comma, quote or line break. */
    AsciiOut field(String text) throws IOException {
        if (text == null) {
            return this;
        }
        boolean plain = true;
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = c >= ' ' && c < 0x7f && c != ',' && c != '"';
        }
        if (plain) {
            for (int i = 0; i < text.length(); i++) {
                put(text.charAt(i));
            }
        } else {
            put(('"' + text.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A non-negative whole number. */
    AsciiOut number(long value) throws IOException {
        if (pos + 20 > buffer.length) {
            flushBuffer();
        }
        int end = pos + digits(value);
        int at = end;
        do {
            buffer[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        pos = end;
        return this;
    }

    /** Cents as a decimal with two places: 12345 → {@code 123.45}. */
    AsciiOut cents(long cents) throws IOException {
        number(cents / 100).put('.');
        long rest = cents % 100;
        return put((char) ('0' + rest / 10)).put((char) ('0' + rest % 10));
    }

    AsciiOut twoDigits(int value) throws IOException {
        return put((char) ('0' + value / 10)).put((char) ('0' + value % 10));
    }

    private static int digits(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, pos);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
