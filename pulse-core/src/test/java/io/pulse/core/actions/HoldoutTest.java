package io.pulse.core.actions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HoldoutTest {

    @Test
    void theSameUserAndRuleAlwaysGetTheSameAssignment() {
        for (int i = 0; i < 1000; i++) {
            String user = "u" + i;
            assertThat(Holdout.isControl(user, "winback", 0.1)).isEqualTo(Holdout.isControl(user, "winback", 0.1));
        }
    }

    @Test
    void aPinnedUserKeepsTheAssignmentComputedFromTheDigest() {
        // printf 'r1:u42' | sha256sum starts bc08fa18feb32d4d; its top 53 bits / 2^53 = 0.7345119772932774 (Python).
        assertThat(Holdout.unit("u42", "r1")).isEqualTo(0.7345119772932774);
        assertThat(Holdout.isControl("u42", "r1", 0.73)).isFalse();
        assertThat(Holdout.isControl("u42", "r1", 0.74)).isTrue();
    }

    @Test
    void theControlShareOf100kUsersIsWithinOnePointOfTenPercent() {
        int control = 0;
        for (int i = 0; i < 100_000; i++) {
            control += Holdout.isControl("user-" + i, "dormant-coupon", Rule.DEFAULT_HOLDOUT) ? 1 : 0;
        }
        assertThat(control / 100_000.0).isCloseTo(0.10, within(0.01));
    }

    @Test
    void controlGroupsOfTwoRulesAreIndependent() {
        int both = 0;
        for (int i = 0; i < 100_000; i++) {
            String u = "user-" + i;
            both += Holdout.isControl(u, "a", 0.1) && Holdout.isControl(u, "b", 0.1) ? 1 : 0;
        }
        assertThat(both / 100_000.0).isCloseTo(0.01, within(0.003));
    }

    @Test
    void aShareOfZeroHoldsNobodyOut() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Holdout.isControl("u" + i, "r", 0)).isFalse();
        }
    }
}
