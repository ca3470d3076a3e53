package org.coophub.reporting;

/**
 * The monthly assessment of a pre-trial room (README, "Statistics and the monthly assessment"): it must publish at least twice its criminal detentions;
 * above that +10 points, below −10, exactly equal 0. Publications of every type count.
 */
public final class AssessmentRule {

    static final int PUBLICATIONS_PER_DETENTION = 2;
    static final int POINTS = 10;

    private AssessmentRule() {
    }

    public record Result(long required, long difference, int score) {
    }

    public static Result assess(long publications, int detentions) {
        long required = (long) PUBLICATIONS_PER_DETENTION * detentions;
        long difference = publications - required;
        return new Result(required, difference, Long.signum(difference) * POINTS);
    }
}
