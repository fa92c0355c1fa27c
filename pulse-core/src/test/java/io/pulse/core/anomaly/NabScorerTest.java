package io.pulse.core.anomaly;

import io.pulse.core.anomaly.NabWindows.Window;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NabScorerTest {

    private static final Path NAB = NabTestData.root();
    private static final double STANDARD_AND_LOW_FN = 0.542187690735;
    private static final double LOW_FP = 0.575195503235;

    @Test
    void scaledSigmoidMatchesTheValuesInNabsPaper() {
        assertThat(NabScorer.scaledSigmoid(-1)).isCloseTo(0.98661, within(5e-6));
        assertThat(NabScorer.scaledSigmoid(0)).isZero();
        assertThat(NabScorer.scaledSigmoid(1)).isCloseTo(-0.98661, within(5e-6));
        assertThat(NabScorer.scaledSigmoid(3.01)).isEqualTo(-1.0);
        assertThat(NabScorer.scaledSigmoid(-0.5) / NabScorer.MAX_TP).isCloseTo(0.86, within(0.01));
    }

    @Test
    void probationIsFifteenPercentCappedAtSevenHundredFiftyRows() {
        assertThat(NabScorer.probationaryLength(10_320)).isEqualTo(750);
        assertThat(NabScorer.probationaryLength(1_882)).isEqualTo(282);
        assertThat(NabScorer.probationaryLength(4_032)).isEqualTo(604);
    }

    @Test
    void windowsFileKeepsItsFiftyFourEntriesAndHundredFiveWindows() {
        Map<String, List<Window>> w = windows();
        assertThat(w).hasSize(54);
        assertThat(w.values().stream().mapToInt(List::size).sum()).isEqualTo(105);
        assertThat(w.get("realKnownCause/nyc_taxi.csv").get(0).start())
                .isEqualTo(NabSeries.epochSecond("2014-10-30 15:30:00"));
    }

    @Test
    void scorerReproducesAllSixtySixNumentaRowsOfNabsResultsTable() throws IOException {
        Map<String, List<Window>> windows = windows();
        List<String[]> expected = Files.readAllLines(NAB.resolve("results/per_file_scores_all_detectors.csv")).stream()
                .skip(1).map(l -> l.split(",")).filter(r -> r[0].equals("numenta")).toList();
        int checked = 0;
        for (Path raw : numentaRawFiles()) {
            String file = raw.getParent().getFileName() + "/" + raw.getFileName().toString().substring("numenta_".length());
            NabSeries series = NabSeries.read(raw, file);
            double[] scores = NabSeries.readColumn(raw, 2);
            NabScorer.LabelledFile labelled = NabScorer.label(series, windows.get(file));
            for (NabProfile p : NabProfile.values()) {
                String[] row = expected.stream().filter(r -> r[1].equals(p.nabName()) && r[2].equals(file))
                        .findFirst().orElseThrow();
                double threshold = p == NabProfile.REWARD_LOW_FP_RATE ? LOW_FP : STANDARD_AND_LOW_FN;
                NabScorer.Score s = NabScorer.score(labelled, scores, threshold, p);
                assertThat(s.score()).as(file + " " + p).isCloseTo(Double.parseDouble(row[4]), within(1e-6));
                assertThat(new long[] {s.tp(), s.tn(), s.fp(), s.fn(), s.rows()}).as(file + " " + p).containsExactly(
                        Long.parseLong(row[5]), Long.parseLong(row[6]), Long.parseLong(row[7]),
                        Long.parseLong(row[8]), Long.parseLong(row[9]));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(66);
    }

    @Test
    void nullDetectorLosesOnePerWindowOnNycTaxi() {
        Path csv = NAB.resolve("data/realKnownCause/nyc_taxi.csv");
        NabSeries series = NabSeries.read(csv, "realKnownCause/nyc_taxi.csv");
        NabScorer.LabelledFile f = NabScorer.label(series, windows().get(series.file()));
        NabScorer.Score s = NabScorer.score(f, new double[series.size()], 0.5, NabProfile.STANDARD);
        assertThat(s.score()).isEqualTo(-5.0);
        assertThat(new long[] {s.tp(), s.tn(), s.fp(), s.fn()}).containsExactly(0, 8535, 0, 1035);
    }

    @Test
    void optimiserFindsAThresholdAtLeastAsGoodAsNumentasPublishedOne() {
        Map<String, List<Window>> windows = windows();
        List<NabScorer.LabelledFile> files = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (Path raw : numentaRawFiles()) {
            String file = raw.getParent().getFileName() + "/" + raw.getFileName().toString().substring("numenta_".length());
            files.add(NabScorer.label(NabSeries.read(raw, file), windows.get(file)));
            scores.add(NabSeries.readColumn(raw, 2));
        }
        for (NabProfile p : NabProfile.values()) {
            NabScorer.Optimum best = NabScorer.optimise(files, scores, p);
            double published = p == NabProfile.REWARD_LOW_FP_RATE ? LOW_FP : STANDARD_AND_LOW_FN;
            List<NabScorer.Score> at = new ArrayList<>();
            List<NabScorer.Score> atBest = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                at.add(NabScorer.score(files.get(i), scores.get(i), published, p));
                atBest.add(NabScorer.score(files.get(i), scores.get(i), best.threshold(), p));
            }
            assertThat(NabScorer.total(atBest, best.threshold()).score()).isCloseTo(best.rawScore(), within(1e-9));
            assertThat(best.rawScore()).isGreaterThanOrEqualTo(NabScorer.total(at, published).score() - 1e-9);
        }
    }

    @Test
    void optimiserAgreesWithTryingEveryThresholdOnASmallCorpus() {
        java.util.Random r = new java.util.Random(5);
        List<NabScorer.LabelledFile> files = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        long t0 = 1_400_000_000L;
        for (int f = 0; f < 3; f++) {
            long[] t = new long[200];
            double[] v = new double[200];
            double[] s = new double[200];
            for (int i = 0; i < 200; i++) {
                t[i] = t0 + 300L * i;
                s[i] = Math.round(r.nextDouble() * 50) / 50.0;
            }
            List<Window> w = f == 2 ? List.of()
                    : List.of(new Window(t[60 + 10 * f], t[80 + 10 * f]), new Window(t[150], t[170]));
            files.add(NabScorer.label(new NabSeries("f" + f, t, v), w));
            scores.add(s);
        }
        for (NabProfile p : NabProfile.values()) {
            double best = Double.NEGATIVE_INFINITY;
            // Scores are multiples of 1/50, so k/50 for k = 0..55 covers every distinct threshold and "none".
            for (int k = 0; k <= 55; k++) {
                double threshold = k / 50.0;
                List<NabScorer.Score> at = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    at.add(NabScorer.score(files.get(i), scores.get(i), threshold, p));
                }
                best = Math.max(best, NabScorer.total(at, threshold).score());
            }
            assertThat(NabScorer.optimise(files, scores, p).rawScore()).as(p.nabName()).isCloseTo(best, within(1e-9));
        }
    }

    @Test
    void normalisationPutsNumentasCorpusTotalAtSeventyPointOne() {
        assertThat(NabScorer.normalise(46.6344501971, 116, NabProfile.STANDARD)).isCloseTo(70.1011, within(1e-4));
        assertThat(NabScorer.normalise(-232.0, 116, NabProfile.REWARD_LOW_FN_RATE)).isZero();
        assertThat(NabScorer.normalise(116.0, 116, NabProfile.REWARD_LOW_FP_RATE)).isEqualTo(100.0);
    }

    private static Map<String, List<Window>> windows() {
        return NabWindows.read(NAB.resolve("labels/combined_windows.json"));
    }

    private static List<Path> numentaRawFiles() {
        try (Stream<Path> s = Files.walk(NAB.resolve("results/numenta_raw"))) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
