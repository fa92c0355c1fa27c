package io.pulse.core.segments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RfmScoresTest {

    // Hand computation, n = 10 so score = 1 + floor(rank / 2) with ties at their lowest 0-based rank.
    // recency 1,2,3,5,8,13,21,34,55,89 ranked most recent last: 89→0 ... 1→9, so r = 5,5,4,4,3,3,2,2,1,1.
    private static final double[] RECENCY = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
    // sorted 1,1,1,2,2,3,6,8,9,10: 1→rank 0→1, 2→3→2, 3→5→3, 6→6→4, 8→7→4, 9→8→5, 10→9→5.
    private static final double[] FREQUENCY = {10, 1, 6, 1, 8, 3, 9, 2, 1, 2};
    // all distinct: 20,30→1; 40,60→2; 80,150→3; 200,300→4; 400,500→5.
    private static final double[] MONETARY = {500, 20, 300, 40, 200, 150, 400, 60, 30, 80};

    @Test
    void recencyScoresFiveForTheMostRecentFifthAndOneForTheOldest() {
        assertThat(RfmScores.of(RECENCY, FREQUENCY, MONETARY).r()).containsExactly(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
    }

    @Test
    void tiedFrequenciesShareTheScoreOfTheirLowestRank() {
        assertThat(RfmScores.of(RECENCY, FREQUENCY, MONETARY).f()).containsExactly(5, 1, 4, 1, 4, 3, 5, 2, 1, 2);
    }

    @Test
    void monetaryScoresFollowRankQuintiles() {
        assertThat(RfmScores.of(RECENCY, FREQUENCY, MONETARY).m()).containsExactly(5, 1, 4, 2, 4, 3, 5, 2, 1, 3);
    }

    @Test
    void everyCustomerLandsInTheCellOfTheJavadocTable() {
        // FM = (f + m + 1) / 2 = 5,1,4,2,4,3,5,2,1,3 against r = 5,5,4,4,3,3,2,2,1,1.
        assertThat(RfmScores.of(RECENCY, FREQUENCY, MONETARY).cells()).containsExactly(
                RfmCell.CHAMPIONS, RfmCell.NEW, RfmCell.LOYAL, RfmCell.POTENTIAL, RfmCell.LOYAL,
                RfmCell.POTENTIAL, RfmCell.CANT_LOSE, RfmCell.HIBERNATING, RfmCell.LOST, RfmCell.AT_RISK);
    }

    @Test
    void aPopulationOfEqualValuesAllScoresOne() {
        assertThat(RfmScores.quintiles(new double[] {7, 7, 7, 7})).containsExactly(1, 1, 1, 1);
    }

    @Test
    void scoresDoNotDependOnInputOrder() {
        assertThat(RfmScores.quintiles(new double[] {2, 10, 1, 1, 9, 3, 1, 6, 8, 2}))
                .containsExactly(2, 5, 1, 1, 5, 3, 1, 4, 4, 2);
    }

    @Test
    void theCellTableCoversEveryScorePair() {
        for (int r = 1; r <= 5; r++) {
            for (int fm = 1; fm <= 5; fm++) {
                assertThat(RfmScores.cell(r, fm)).isNotNull();
            }
        }
        assertThat(RfmScores.cell(3, 1)).isEqualTo(RfmCell.HIBERNATING);
        assertThat(RfmCell.CANT_LOSE.displayName()).isEqualTo("Can't lose them");
    }
}
