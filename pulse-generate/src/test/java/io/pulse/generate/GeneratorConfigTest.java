package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
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
}
