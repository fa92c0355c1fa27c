package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void defaultsAreTwentyThousandUsersOverTheYear2025() {
        GeneratorConfig defaults = GeneratorConfig.defaults();

        assertThat(defaults.users()).isEqualTo(20_000);
        assertThat(defaults.days()).isEqualTo(365);
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.start()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(defaults.end()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void withersChangeOnlyTheirOwnField() {
        GeneratorConfig changed = GeneratorConfig.defaults().withUsers(5).withDays(30).withSeed(9);

        assertThat(changed)
                .isEqualTo(new GeneratorConfig(5, 30, 9, LocalDate.of(2025, 1, 1), 4.0, 2, Campaigns.defaults()));
    }

    @Test
    void noUsersIsAnInputMistakeNamingTheField() {
        assertThatThrownBy(() -> GeneratorConfig.defaults().withUsers(0))
                .isInstanceOfSatisfying(PulseInputException.class, e -> {
                    assertThat(e.field()).contains("users");
                    assertThat(e.getMessage()).contains("between 1 and").contains("got 0");
                });
    }

    @Test
    void periodsMustBeBetweenOneDayAndTenYears() {
        assertThatThrownBy(() -> GeneratorConfig.defaults().withDays(0)).isInstanceOf(PulseInputException.class);
        assertThatThrownBy(() -> GeneratorConfig.defaults().withDays(3661)).isInstanceOf(PulseInputException.class);
        assertThat(GeneratorConfig.defaults().withDays(3660).days()).isEqualTo(3660);
    }

    @Test
    void negativeSpikeRatesAndLevelShiftsAreRejected() {
        LocalDate start = LocalDate.of(2025, 1, 1);
        Campaigns campaigns = Campaigns.defaults();

        assertThatThrownBy(() -> new GeneratorConfig(10, 10, 1, start, -1, 2, campaigns))
                .isInstanceOf(PulseInputException.class);
        assertThatThrownBy(() -> new GeneratorConfig(10, 10, 1, start, Double.NaN, 2, campaigns))
                .isInstanceOf(PulseInputException.class);
        assertThatThrownBy(() -> new GeneratorConfig(10, 10, 1, start, 4, -1, campaigns))
                .isInstanceOf(PulseInputException.class);
    }

    @Test
    void campaignsAreOnByDefaultWithACouponUpliftForEveryRegularSegment() {
        Campaigns campaigns = GeneratorConfig.defaults().campaigns();

        assertThat(campaigns.enabled()).isTrue();
        assertThat(campaigns.couponUplift()).containsExactly(entry("loyal_regular", 0.10),
                entry("bargain_hunter", 0.35), entry("window_shopper", 0.10), entry("casual", 0.20),
                entry("one_and_done", 0.05), entry("hidden_value", 0.25));
        assertThat(campaigns.winbackUplift()).isZero();
    }

    @Test
    void overridingTheUpliftOfOneSegmentKeepsTheOthers() {
        Campaigns campaigns = Campaigns.defaults().withCouponUplift(Map.of("casual", 0.5));

        assertThat(campaigns.couponUplift("casual")).isEqualTo(0.5);
        assertThat(campaigns.couponUplift("bargain_hunter")).isEqualTo(0.35);
        assertThat(new Campaigns(true, Map.of("casual", 0.5), 0).couponUplift("bargain_hunter")).isZero();
    }

    @Test
    void upliftsMustBeProbabilitiesOfKnownSegments() {
        assertThatThrownBy(() -> Campaigns.defaults().withCouponUplift(Map.of("spike_visitor", 0.1)))
                .isInstanceOfSatisfying(PulseInputException.class, e -> {
                    assertThat(e.field()).contains("uplift");
                    assertThat(e.getMessage()).contains("unknown segment 'spike_visitor'").contains("casual");
                });
        assertThatThrownBy(() -> Campaigns.defaults().withCouponUplift(Map.of("casual", 1.5)))
                .isInstanceOfSatisfying(PulseInputException.class,
                        e -> assertThat(e.getMessage()).contains("between 0 and 1").contains("got 1.5"));
        assertThatThrownBy(() -> Campaigns.defaults().withWinbackUplift(Double.NaN))
                .isInstanceOf(PulseInputException.class);
    }
}
