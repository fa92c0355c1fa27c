package io.pulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivityDefinitionTest {

    @Test
    void theDefaultCountsOneEventOfAnyType() {
        assertThat(ActivityDefinition.DEFAULT.describe())
                .isEqualTo("a user is active in a period with at least 1 event of any type");
    }

    @Test
    void describeNamesTheTypesInOrderAndTheBrowseThreshold() {
        ActivityDefinition d = new ActivityDefinition(Set.of("purchase", "cart", "view"), 2, 30);
        assertThat(d.describe()).isEqualTo("a user is active in a period with at least 2 events"
                + " of types cart, purchase or view and at least 30 seconds of browsing");
    }

    @Test
    void describeSaysOfTypeForASingleType() {
        assertThat(new ActivityDefinition(Set.of("purchase"), 1, 0.5).describe()).isEqualTo(
                "a user is active in a period with at least 1 event of type purchase"
                        + " and at least 0.5 seconds of browsing");
    }

    @Test
    void aNullSetOfTypesMeansEveryType() {
        assertThat(new ActivityDefinition(null, 1, 0)).isEqualTo(ActivityDefinition.DEFAULT);
    }

    @Test
    void fewerThanOneEventIsRejected() {
        assertThatThrownBy(() -> new ActivityDefinition(Set.of(), 0, 0))
                .isInstanceOf(PulseInputException.class)
                .hasMessage("minEvents must be at least 1, got 0");
    }

    @Test
    void negativeBrowseSecondsAreRejected() {
        assertThatThrownBy(() -> new ActivityDefinition(Set.of(), 1, -1))
                .isInstanceOf(PulseInputException.class)
                .hasMessageContaining("minBrowseSeconds");
    }
}
