package io.pulse.cli;

import static io.pulse.cli.CliTest.pulse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code pulse serve} in a child JVM (port 0, read from its "Serving" line): it exits, frees the
 * port and releases the store's DuckDB lock, so this JVM can ingest into the store at once. With {@code --stream}
 * the events posted before the signal are all run, and the counts it prints are the file replay's.
 */
class ServeShutdownTest {

    static final Pattern SERVING = Pattern.compile("Serving .* on http://127\\.0\\.0\\.1:([0-9]+)/");
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path data;
    static Path small;

    @BeforeAll
    static void generateAndIngest() throws IOException {
        data = dir.resolve("data");
        assertThat(pulse("generate", "--users", "300", "--days", "60", "--seed", "7", "--out", data.toString())
                .code()).isZero();
        for (String name : List.of("plain", "stream")) {
            CliTest.Run r = pulse("ingest", data.resolve("events.csv").toString(), "--users",
                    data.resolve("users.csv").toString(), "--db", dir.resolve(name + ".duckdb").toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        List<String> lines = Files.readAllLines(data.resolve("events.csv"), StandardCharsets.UTF_8);
        small = Files.write(dir.resolve("small.csv"), lines.subList(0, 11), StandardCharsets.UTF_8);
    }

    /** A child {@code pulse serve} and where it writes. */
    record Child(Process process, Path out, Path err, int port) {

        String said() throws IOException {
            return Files.readString(out) + Files.readString(err);
        }
    }

    static Child serve(String name, String... args) throws Exception {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        List<String> command = new ArrayList<>(sigintRestored());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), PulseMain.class.getName(),
                "serve", "--port", "0", "--db", dir.resolve(name + ".duckdb").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("PULSE_TOKEN");
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Matcher m = SERVING.matcher(Files.readString(out));
            if (m.find()) {
                return new Child(p, out, err, Integer.parseInt(m.group(1)));
            }
            assertThat(p.isAlive()).as("the child died: %s %s", Files.readString(out), Files.readString(err)).isTrue();
            assertThat(System.nanoTime()).as("no Serving line: %s", Files.readString(err)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Ctrl-C as a terminal sends it. A JVM started with SIGINT ignored (a background job of a script) keeps
     * ignoring it; when {@link #sigintRestored()} could not help, the test sends SIGTERM, which runs the same
     * shutdown hook.
     */
    static String interrupt(Child c) throws Exception {
        String signal = ignoresSigint(c.process().pid()) ? "-TERM" : "-INT";
        Process kill = new ProcessBuilder("kill", signal, Long.toString(c.process().pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        return signal;
    }

    /**
     * A prefix for the child's command that gives it Ctrl-C back when this JVM was started with SIGINT ignored
     * (signals ignored at exec stay ignored): GNU env's --default-signal, when there is one.
     */
    static List<String> sigintRestored() throws IOException, InterruptedException {
        if (!ignoresSigint(ProcessHandle.current().pid())) {
            return List.of();
        }
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of();
        } catch (IOException noGnuEnv) {
            return List.of();
        }
    }

    static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return new BigInteger(line.substring(7).strip(), 16).testBit(1);
            }
        }
        return false;
    }

    static HttpResponse<String> get(Child c, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postEvents(Child c, String token, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + "/api/events"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** After the signal: the child exits, its port refuses connections, and the store takes an ingest. */
    static void assertStoppedAndReleased(Child c, String name, String signal) throws Exception {
        long started = System.nanoTime();
        assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).as("exits after SIG%s: %s", signal, c.said()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThatThrownBy(() -> new Socket("127.0.0.1", c.port()).close()).isInstanceOf(ConnectException.class);
        CliTest.Run ingest = pulse("ingest", small.toString(), "--db", dir.resolve(name + ".duckdb").toString());
        assertThat(ingest.code()).as("the store is free for writing: %s", ingest.err()).isZero();
    }

    @Test
    void ctrlCStopsServeFreesThePortAndReleasesTheStore() throws Exception {
        Child c = serve("plain");
        try {
            assertThat(get(c, "/api/health").statusCode()).isEqualTo(200);
            assertThat(get(c, "/api/stream/stats").statusCode()).isEqualTo(404);
            assertThat(postEvents(c, "any-token", "[]".getBytes(StandardCharsets.UTF_8)).statusCode())
                    .as("without a token configured writes are refused").isEqualTo(401);
            assertStoppedAndReleased(c, "plain", interrupt(c));
        } finally {
            c.process().destroyForcibly();
        }
    }

    @Test
    void ctrlCWithStreamRunsThePostedEventsAndPrintsTheFileReplaysCounts() throws Exception {
        CliTest.Run replay = pulse("stream", "--replay", data.resolve("events.csv").toString(), "--no-profiles");
        assertThat(replay.code()).as(replay.err()).isZero();
        Child c = serve("stream", "--stream", "--token", "t0ken", "--queue", "1000000");
        long posted = 0;
        try {
            assertThat(get(c, "/api/health").statusCode()).isEqualTo(200);
            List<String> lines = CliTest.inReplayOrder(data.resolve("events.csv"));
            for (int from = 1; from < lines.size(); from += 5_000) {
                HttpResponse<String> r = postEvents(c, "t0ken", CliTest.eventsJson(lines, from,
                        Math.min(lines.size(), from + 5_000)));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                posted += new ObjectMapper().readTree(r.body()).get("accepted").asLong();
            }
            assertThat(posted).isEqualTo(lines.size() - 1);
            assertStoppedAndReleased(c, "stream", interrupt(c));
        } finally {
            c.process().destroyForcibly();
        }
        String out = Files.readString(c.out());
        assertThat(out).contains("Stream: " + Table.count(posted) + " events in ");
        assertThat(counts(out)).isEqualTo(counts(replay.out()));
    }

    /** The printed report from its accounting table on: counts, sustained changes, transient alerts by key. */
    static String counts(String output) {
        int at = output.indexOf("Accounting");
        assertThat(at).as(output).isNotNegative();
        return output.substring(at).strip();
    }
}
