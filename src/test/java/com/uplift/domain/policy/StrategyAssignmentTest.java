package com.uplift.domain.policy;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyAssignmentTest {

    @Test
    void the_same_line_always_lands_in_the_same_arm() {
        ChampionChallenger setting = new ChampionChallenger(50, 2, "exp-1");
        IntStream.range(0, 200).mapToObj(i -> "CL-" + i).forEach(id ->
                assertEquals(StrategyAssignment.assign(id, setting), StrategyAssignment.assign(id, setting)));
    }

    @Test
    void the_challenger_share_is_respected_roughly_and_exactly_at_the_extremes() {
        ChampionChallenger ten = new ChampionChallenger(10, 2, "exp-1");
        long challengers = IntStream.range(0, 10_000)
                .filter(i -> StrategyAssignment.assign("CL-" + i, ten) == StrategyArm.CHALLENGER).count();
        assertTrue(challengers > 850 && challengers < 1150, "challengers: " + challengers);
        assertEquals(StrategyArm.CHAMPION, StrategyAssignment.assign("CL-1", new ChampionChallenger(0, null, "x")));
        assertEquals(StrategyArm.CHALLENGER, StrategyAssignment.assign("CL-1", new ChampionChallenger(100, 2, "x")));
        assertEquals(StrategyArm.CHAMPION, StrategyAssignment.assign("CL-1", new ChampionChallenger(100, null, "x")),
                "without a challenger version every line is in the champion arm");
    }

    @Test
    void a_known_id_has_a_known_bucket_so_the_hash_cannot_change_silently() {
        // SHA-256("exp-1:CL-42"), first 8 bytes unsigned, mod 100; frozen so a refactor cannot reshuffle live arms
        assertEquals(69, StrategyAssignment.bucket("CL-42", "exp-1"));
    }
}
