package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.core.segments.HiddenValue.Action;
import io.pulse.core.segments.HiddenValue.Candidate;
import io.pulse.core.segments.HiddenValue.Opportunity;
import io.pulse.core.segments.SegmentProfile.FeatureLift;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HiddenValueTest {

    /**
     * A profile of 100 users out of 1000 whose lifts are given in this order: purchases/30d, visits/30d,
     * browse minutes, AOV, price index, CLV, days since last visit. Population means are 1 (CLV 100), so
     * every segment mean is its lift (CLV: 100 × lift).
     */
    private static SegmentProfile profile(double purchases, double visits, double browse, double aov, double price,
            double clv, double lapsing) {
        List<FeatureLift> f = new ArrayList<>();
        f.add(lift(BehaviourFeature.PURCHASES_PER_30D.column(), purchases, 1));
        f.add(lift(BehaviourFeature.SESSIONS_PER_30D.column(), visits, 1));
        f.add(lift(BehaviourFeature.BROWSE_MINUTES_PER_SESSION.column(), browse, 1));
        f.add(lift(BehaviourFeature.AOV.column(), aov, 1));
        f.add(lift(BehaviourFeature.PRICE_INDEX.column(), price, 1));
        f.add(lift(HiddenValue.CLV, clv, 100));
        f.add(lift(BehaviourFeature.DAYS_SINCE_LAST_VISIT.column(), lapsing, 1));
        return new SegmentProfile(0, 100, 0.1, 0.1, f, List.of());
    }

    private static FeatureLift lift(String name, double lift, double populationMean) {
        return new FeatureLift(name, lift * populationMean, populationMean, lift);
    }

    @Test
    void ordinaryActivityWithLongBrowsingAndBigOrdersQualifies() {
        Opportunity o = HiddenValue.judge(new Candidate("v2", "Long browsers", profile(0.4, 0.8, 8, 2.5, 1.4, 1.0, 1)));
        assertThat(o).isNotNull();
        assertThat(o.signals()).containsExactly("browse", "aov", "price");
        // strength = ln 8 + ln 2.5 + ln 1.4; revenue at stake = mean CLV 100 × 100 users
        assertThat(o.strength()).isCloseTo(Math.log(8) + Math.log(2.5) + Math.log(1.4), within(1e-12));
        assertThat(o.revenueAtStake()).isCloseTo(10_000, within(1e-9));
        assertThat(o.action()).isEqualTo(Action.PERSONALISED_RECOMMENDATIONS);
        assertThat(o.evidence()).contains("8.0 minutes browsed per visit (8.0× the average)")
                .contains("0.40 purchases and 0.8 visits per 30 days");
    }

    @Test
    void aGroupThatBuysOftenIsNotHiddenHowEverValuableItIs() {
        assertThat(HiddenValue.judge(new Candidate("s3", "Frequent buyers", profile(3, 2, 3, 3, 2, 5, 1)))).isNull();
        assertThat(HiddenValue.judge(new Candidate("s3", "Frequent visitors", profile(1, 1.6, 3, 3, 2, 5, 1)))).isNull();
    }

    @Test
    void oneValueSignalIsNotEnough() {
        assertThat(HiddenValue.judge(new Candidate("s1", "Long browsers", profile(1, 1, 5, 1.1, 1.0, 1.0, 1)))).isNull();
    }

    @Test
    void aGroupUnderOnePercentOfUsersIsLeftOut() {
        SegmentProfile p = profile(0.5, 0.5, 5, 3, 2, 2, 1);
        SegmentProfile tiny = new SegmentProfile(0, 100, 0.009, 0.01, p.features(), List.of());
        assertThat(HiddenValue.judge(new Candidate("s9", "Tiny", tiny))).isNull();
    }

    @Test
    void priceSensitiveGroupsGetAnOfferAndLapsingOnesExclusiveService() {
        assertThat(HiddenValue.judge(new Candidate("a", "", profile(0.5, 0.5, 4, 1.5, 0.8, 1, 1))).action())
                .isEqualTo(Action.TARGETED_OFFER);
        assertThat(HiddenValue.judge(new Candidate("b", "", profile(0.5, 0.5, 1, 2, 1.5, 2, 2))).action())
                .isEqualTo(Action.EXCLUSIVE_SERVICE);
        assertThat(HiddenValue.judge(new Candidate("c", "", profile(0.5, 0.5, 1, 2, 1.5, 2, 1))).action())
                .isEqualTo(Action.EARLY_ACCESS);
    }

    @Test
    void strongerSignalsRankFirstAndRevenueBreaksTies() {
        Candidate strong = new Candidate("v2", "", profile(0.4, 0.8, 8, 2.5, 1.4, 1.0, 1));
        Candidate weakButRich = new Candidate("s5", "", profile(1.1, 1.0, 2, 3, 2, 2, 1));
        Candidate twinPoorer = new Candidate("s7", "", profile(0.4, 0.8, 8, 2.5, 1.4, 0.5, 1));
        Candidate notHidden = new Candidate("s3", "", profile(3, 3, 3, 3, 3, 3, 1));
        List<Opportunity> ranked = HiddenValue.rank(List.of(weakButRich, twinPoorer, notHidden, strong));
        // strong: ln 8 + ln 2.5 + ln 1.4 = 3.41; weakButRich: ln 2 + ln 3 + ln 2 = 2.48 (its CLV 2x adds no strength)
        assertThat(ranked).extracting(Opportunity::segmentId).containsExactly("v2", "s7", "s5");
    }
}
