package com.uplift.readmodel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections' spaced turns fall on one grid of instants, so that the projections one commit woke read together
 * ({@link ProjectionRunner#alignedTurnAt}).
 */
class AlignedTurnsTest {

    private static final long SPACING = 50_000_000L;

    @Test
    void aTurnThatBeganOnTheGridIsFollowedOneSpacingLater() {
        assertThat(ProjectionRunner.alignedTurnAt(20 * SPACING, SPACING)).isEqualTo(21 * SPACING);
        assertThat(ProjectionRunner.alignedTurnAt(-20 * SPACING, SPACING)).isEqualTo(-19 * SPACING);
    }

    @Test
    void aTurnThatBeganLateIsFollowedAtTheNextInstantOfTheGridNotAWholeSpacingLater() {
        assertThat(ProjectionRunner.alignedTurnAt(20 * SPACING + 3_000_000L, SPACING)).isEqualTo(21 * SPACING);
        assertThat(ProjectionRunner.alignedTurnAt(20 * SPACING + SPACING / 2 + 1, SPACING)).isEqualTo(22 * SPACING);
    }

    @Test
    void projectionsWhoseLastTurnsBeganApartMeetOnOneInstantWithinTheSpacingOfEachOther() {
        SplittableRandom random = new SplittableRandom(20261130L);
        for (int i = 0; i < 10_000; i++) {
            long lastStart = random.nextLong(-1L << 50, 1L << 50);
            long next = ProjectionRunner.alignedTurnAt(lastStart, SPACING);
            assertThat(Math.floorMod(next, SPACING)).as("on the grid").isZero();
            assertThat(next - lastStart).as("at least half a spacing after the last turn, at most one and a half")
                    .isBetween(SPACING / 2, SPACING + SPACING / 2);
        }
    }

    @Test
    void noSpacingMeansAtOnce() {
        assertThat(ProjectionRunner.alignedTurnAt(12_345L, 0)).isEqualTo(12_345L);
    }
}
