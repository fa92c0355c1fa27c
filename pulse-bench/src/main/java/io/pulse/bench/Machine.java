package io.pulse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/** What the numbers were measured on, printed with them. */
record Machine(int cores, String memory, String cpu, String java, String duckdb) {

    static Machine current() throws SQLException {
        String duckdb;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            duckdb = rs.getString(1);
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), duckdb);
    }

    /**
     * CPU seconds this process has used, on all its threads: the JVM's and DuckDB's native ones
     * alike. Other programs on a shared machine slow a run's wall time far more than its CPU time.
     */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %s RAM, %s, DuckDB %s", cores, cpu, memory, java, duckdb);
    }

    private static String cpuModel() {
        return procLines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String memTotal() {
        return procLines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .findFirst().orElse("unknown");
    }

    private static List<String> procLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            // Not Linux: the description says "unknown" rather than failing the run.
            return List.of();
        }
    }
}
