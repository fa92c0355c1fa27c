package io.pulse.core.anomaly;

import io.pulse.core.PulseInputException;
import io.pulse.core.anomaly.NabWindows.Window;
import io.pulse.core.progress.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A NAB evaluation: reads the data directory and the windows file, runs detectors over every file with
 * windows, picks each detector's corpus threshold per profile as NAB's optimiser does, and scores.
 * Normalisation uses the windows of the files scored; when the directory holds only part of the corpus
 * named in the windows file, {@link Corpus#complete()} is false and the scores are over that subset.
 */
public final class NabRun {

    /** The series scored and their labelling. */
    public record Corpus(Path dataDir, Path windowsFile, List<NabSeries> series, List<NabScorer.LabelledFile> files,
                         List<String> missing, List<String> unlabelled) {

        /** Windows of the files present (the normalisation's number of windows). */
        public int windows() {
            return files.stream().mapToInt(NabScorer.LabelledFile::windows).sum();
        }

        public long rows() {
            return files.stream().mapToLong(NabScorer.LabelledFile::rows).sum();
        }

        /** Whether every file named in the windows file is present, so the scores are corpus-wide. */
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /**
     * One file under one profile.
     *
     * @param share the file's part of the normalised corpus score: 100 (raw + A_FN windows) / (S_perfect -
     *     S_null), so the shares of all files add up to the normalised score
     */
    public record FileRow(NabScorer.Score score, int windows, double share) {
    }

    /** One profile's result for one detector: the optimised threshold, per-file rows, total, normalised. */
    public record ProfileResult(NabProfile profile, double threshold, List<FileRow> files,
                                NabScorer.Score total, double normalised) {
    }

    /** One detector over the corpus. */
    public record DetectorResult(String detector, Map<NabProfile, ProfileResult> profiles) {

        public double normalised(NabProfile p) {
            return profiles.get(p).normalised();
        }
    }

    /** The detector asked for, the null detector and the Windowed Gaussian peer, from one run. */
    public record Result(Corpus corpus, DetectorResult detector, DetectorResult nullDetector, DetectorResult peer) {
    }

    private NabRun() {
    }

    public static Corpus load(Path dataDir, Path windowsFile) {
        if (!Files.isDirectory(dataDir)) {
            throw new PulseInputException(dataDir.toString(), "not a directory of NAB data (realKnownCause/*.csv, ...)");
        }
        if (!Files.isRegularFile(windowsFile)) {
            throw new PulseInputException(windowsFile.toString(), "no such windows file (combined_windows.json)");
        }
        Map<String, List<Window>> windows = NabWindows.read(windowsFile);
        List<String> present;
        try (Stream<Path> s = Files.walk(dataDir)) {
            present = s.filter(p -> p.toString().endsWith(".csv"))
                    .map(p -> dataDir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new PulseInputException(dataDir.toString(), "cannot list: " + e.getMessage());
        }
        if (present.isEmpty()) {
            throw new PulseInputException(dataDir.toString(), "no CSV files");
        }
        List<NabSeries> series = new ArrayList<>();
        List<NabScorer.LabelledFile> files = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        for (String file : present) {
            if (!windows.containsKey(file)) {
                unlabelled.add(file);
                continue;
            }
            NabSeries s = NabSeries.read(dataDir.resolve(file), file);
            series.add(s);
            files.add(NabScorer.label(s, windows.get(file)));
        }
        if (files.isEmpty()) {
            throw new PulseInputException(windowsFile.toString(), "names none of the CSV files under " + dataDir);
        }
        TreeSet<String> missing = new TreeSet<>(windows.keySet());
        missing.removeAll(present);
        return new Corpus(dataDir, windowsFile, series, files, List.copyOf(missing), unlabelled);
    }

    /** Runs {@code detector} (a fresh one per file) and, as reference points, the null detector and Windowed Gaussian. */
    public static Result run(Corpus corpus, NabDetector detector, Progress progress) {
        progress.start("NAB " + detector.cliName(), (detector == NabDetector.WINDOWED_GAUSSIAN ? 1 : 2) * corpus.rows());
        DetectorResult main = evaluate(corpus, detector.cliName(), detector::create, progress);
        DetectorResult peer = detector == NabDetector.WINDOWED_GAUSSIAN ? main
                : evaluate(corpus, NabDetector.WINDOWED_GAUSSIAN.cliName(), WindowedGaussian::new, progress);
        DetectorResult none = evaluate(corpus, NabDetector.NULL.cliName(), NabDetector.NULL::create, Progress.NONE);
        progress.done();
        return new Result(corpus, main, none, peer);
    }

    public static DetectorResult evaluate(Corpus corpus, String name, Supplier<Detector> detector, Progress progress) {
        List<double[]> scores = corpus.series().parallelStream().map(s -> {
            double[] out = scores(s, detector.get());
            progress.advance(s.size());
            return out;
        }).toList();
        return score(corpus, name, scores);
    }

    /** Scores given per-row anomaly scores (one array per file of the corpus, in order). */
    public static DetectorResult score(Corpus corpus, String name, List<double[]> scores) {
        Map<NabProfile, ProfileResult> out = new EnumMap<>(NabProfile.class);
        for (NabProfile p : NabProfile.values()) {
            double threshold = NabScorer.optimise(corpus.files(), scores, p).threshold();
            List<NabScorer.Score> rows = new ArrayList<>();
            List<FileRow> files = new ArrayList<>();
            double span = (p.tpWeight() + p.fnWeight()) * corpus.windows();
            for (int i = 0; i < corpus.files().size(); i++) {
                NabScorer.LabelledFile f = corpus.files().get(i);
                NabScorer.Score s = NabScorer.score(f, scores.get(i), threshold, p);
                rows.add(s);
                files.add(new FileRow(s, f.windows(), 100.0 * (s.score() + p.fnWeight() * f.windows()) / span));
            }
            NabScorer.Score total = NabScorer.total(rows, threshold);
            out.put(p, new ProfileResult(p, threshold, files, total,
                    NabScorer.normalise(total.score(), corpus.windows(), p)));
        }
        return new DetectorResult(name, out);
    }

    /** Runs one detector over one series, row by row. */
    public static double[] scores(NabSeries s, Detector d) {
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.score(s.epochSeconds()[i], s.values()[i]);
        }
        return out;
    }
}
