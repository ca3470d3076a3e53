package org.coophub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssessmentRuleTest {

    @Test
    void exactlyTwiceTheDetentionsScoresNothing() {
        assertThat(AssessmentRule.assess(14, 7)).isEqualTo(new AssessmentRule.Result(14, 0, 0));
    }

    @Test
    void oneBelowLosesTenPoints() {
        assertThat(AssessmentRule.assess(13, 7)).isEqualTo(new AssessmentRule.Result(14, -1, -10));
    }

    @Test
    void oneAboveGainsTenPoints() {
        assertThat(AssessmentRule.assess(15, 7)).isEqualTo(new AssessmentRule.Result(14, 1, 10));
    }

    @Test
    void withoutDetentionsAnyPublicationIsAbove() {
        assertThat(AssessmentRule.assess(0, 0)).isEqualTo(new AssessmentRule.Result(0, 0, 0));
        assertThat(AssessmentRule.assess(3, 0)).isEqualTo(new AssessmentRule.Result(0, 3, 10));
    }

    @Test
    void theScoreIsTenHoweverFarOff() {
        assertThat(AssessmentRule.assess(0, 50).score()).isEqualTo(-10);
        assertThat(AssessmentRule.assess(500, 1).score()).isEqualTo(10);
    }
}
