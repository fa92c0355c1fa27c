package io.pulse.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Samples s = new Samples();
        s.add(3);
        s.add(1);
        s.add(2);
        assertThat(s.median()).isEqualTo(2);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(3);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        Samples s = new Samples();
        s.add(4);
        s.add(1);
        s.add(2);
        s.add(10);
        assertThat(s.median()).isEqualTo(3);
    }
}
