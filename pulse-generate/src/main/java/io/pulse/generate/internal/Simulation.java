package io.pulse.generate.internal;

import io.pulse.core.progress.Progress;
import io.pulse.generate.EventSink;
import io.pulse.generate.GenerationSummary;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.GroundTruth;
import io.pulse.generate.GroundTruth.SegmentInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a whole generation into a sink: the regular users one after another (with the store's
 * campaigns as they concern each), then the spike crowds, then the ground truth. Holds per-day and per-item tables only, never events, so memory
 * does not grow with the number of events.
 */
public final class Simulation {

    private static final int PROGRESS_STEP = 1000;

    private Simulation() {
    }

    public static GenerationSummary run(GeneratorConfig config, EventSink sink, Progress progress) {
        Catalog catalog = new Catalog(config.seed());
        StoreCalendar calendar = new StoreCalendar(config);
        Incidents incidents = new Incidents(config, catalog);
        List<String> labels = new ArrayList<>();
        for (Segment s : Segment.values()) {
            labels.add(s.label());
        }
        labels.add(SpikeCrowd.SEGMENT);
        Output out = new Output(sink, labels);
        Session session = new Session(calendar, new Demand(catalog, incidents.shifts()), out);
        Operations operations = new Operations(config, calendar);
        Shopper shopper = new Shopper(config, calendar, session, out, operations);
        SpikeCrowd crowd = new SpikeCrowd(config, calendar, session, out);

        progress.start("generating users", config.users() + incidents.spikeVisitors());
        for (int user = 0; user < config.users(); user++) {
            shopper.live(user);
            if ((user + 1) % PROGRESS_STEP == 0) {
                progress.advance(PROGRESS_STEP);
            }
        }
        progress.advance(config.users() % PROGRESS_STEP);
        List<GroundTruth.Spike> spikes = new ArrayList<>();
        for (Incidents.Spike spike : incidents.spikes()) {
            long eventsBefore = out.events();
            for (int v = 0; v < spike.visitors(); v++) {
                crowd.visit(spike, spike.firstVisitor() + v);
            }
            progress.advance(spike.visitors());
            long start = calendar.dayStartEpochSecond(spike.day()) + spike.startSecond();
            spikes.add(new GroundTruth.Spike(Ids.item(spike.item()),
                    Catalog.CATEGORIES[catalog.categoryOf(spike.item())], spike.source(), spike.channel(),
                    Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + spike.durationSeconds()),
                    spike.visitors(), out.events() - eventsBefore));
        }
        progress.done();

        Map<String, Long> bySegment = out.usersBySegment();
        List<SegmentInfo> segments = new ArrayList<>();
        for (Segment s : Segment.values()) {
            segments.add(new SegmentInfo(s.label(), s.description(), bySegment.get(s.label())));
        }
        segments.add(new SegmentInfo(SpikeCrowd.SEGMENT, SpikeCrowd.DESCRIPTION, bySegment.get(SpikeCrowd.SEGMENT)));
        long users = config.users() + incidents.spikeVisitors();
        sink.finish(new GroundTruth(config, users, segments, spikes, incidents.levelShiftTruth(calendar),
                calendar.drift(), calendar.holidays(), shopper.reactivated(), operations.truth(),
                PlantedTags.ALL));
        return new GenerationSummary(users, out.events(), out.purchases(), out.revenueCents() / 100.0,
                null, null, null, null, null, bySegment);
    }

    /** The segment of any user index: regular users by their own draw, the rest are spike visitors. */
    public static String segmentOf(GeneratorConfig config, int userIndex) {
        return userIndex < config.users() ? Segment.of(config, userIndex).label() : SpikeCrowd.SEGMENT;
    }
}
