package io.pulse.core.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CDNOW 1/10th-sample calibration summary (2,357 customers, weeks) from the BTYD package, read from
 * the shared data folder; published figures are in shared/data/cdnow/EXPECTED.md.
 */
final class Cdnow {

    final double[] x;
    final double[] tx;
    final double[] T;
    final double[] mx;

    private static Cdnow loaded;

    private Cdnow(double[] x, double[] tx, double[] T, double[] mx) {
        this.x = x;
        this.tx = tx;
        this.T = T;
        this.mx = mx;
    }

    static synchronized Cdnow calibration() {
        if (loaded == null) {
            loaded = read(Path.of(System.getProperty("pulse.repo.root", "."))
                    .resolve("../shared/data/cdnow/btyd_cdnowSummary_cbs.csv"));
        }
        return loaded;
    }

    CustomerSummaries summaries() {
        return CustomerSummaries.of(x, tx, T, mx);
    }

    private static Cdnow read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (!lines.get(0).equals("cust,x,t.x,T.cal,x.star,m.x")) {
                throw new IllegalStateException("unexpected header in " + file + ": " + lines.get(0));
            }
            int n = lines.size() - 1;
            double[] x = new double[n];
            double[] tx = new double[n];
            double[] T = new double[n];
            double[] mx = new double[n];
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i + 1).split(",");
                x[i] = Double.parseDouble(f[1]);
                tx[i] = Double.parseDouble(f[2]);
                T[i] = Double.parseDouble(f[3]);
                mx[i] = Double.parseDouble(f[5]);
            }
            return new Cdnow(x, tx, T, mx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
