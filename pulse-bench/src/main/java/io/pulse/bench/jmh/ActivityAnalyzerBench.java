package io.pulse.bench.jmh;

import io.pulse.core.activity.ActivityAnalyzer;
import io.pulse.core.activity.ActivityOptions;
import io.pulse.core.activity.ActivityReport;
import io.pulse.core.activity.DailyActivity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Java half of {@code pulse activity} on its own: {@link ActivityAnalyzer#analyze} over
 * (user, day) rows already in memory, without DuckDB. Every user is active on each day of a year
 * with the same probability, so rows ≈ users × 365 × that probability (5M rows for 100k users).
 *
 * <pre>java -jar pulse-bench/target/pulse-bench.jar is the whole-run harness; this one runs with
 * java -cp pulse-bench/target/pulse-bench.jar org.openjdk.jmh.Main ActivityAnalyzerBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ActivityAnalyzerBench {

    private static final int DAYS = 365;
    private static final int FIRST_DAY = (int) LocalDate.of(2025, 1, 1).toEpochDay();

    @Param("100000")
    int users;

    @Param("5000000")
    int rows;

    private DailyActivity data;
    private final ActivityOptions options = ActivityOptions.defaults();

    @Setup
    public void generate() {
        SplittableRandom random = new SplittableRandom(42);
        double p = (double) rows / users / DAYS;
        DailyActivity.Builder b = DailyActivity.builder(users, (int) (rows * 1.01));
        for (int u = 0; u < users; u++) {
            // A third of the users signed up before the year, so "known" differs from "first active".
            if (u % 3 == 0) {
                b.knownFrom(u, FIRST_DAY - 1 - random.nextInt(300));
            }
            for (int d = 0; d < DAYS; d++) {
                if (random.nextDouble() < p) {
                    b.add(u, FIRST_DAY + d, 1 + random.nextInt(8), random.nextInt(600));
                }
            }
        }
        data = b.build();
    }

    @Benchmark
    public ActivityReport analyze() {
        return ActivityAnalyzer.analyze(data, options);
    }
}
