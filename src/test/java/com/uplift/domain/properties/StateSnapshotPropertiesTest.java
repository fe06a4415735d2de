package com.uplift.domain.properties;

import com.uplift.application.LineSnapshots;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.uplift.domain.properties.Cases.between;
import static com.uplift.domain.properties.Cases.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persisted snapshot ({@code application/LineSnapshots}) is a faithful stand-in for the events before it: over
 * generated histories, cut anywhere, the state read back from the snapshot's JSON equals the state it was written
 * from, and folding the rest of the events onto it gives exactly the state folded from the first event.
 */
class StateSnapshotPropertiesTest {

    @Test
    void folding_on_from_a_snapshot_gives_the_state_folded_from_scratch() {
        int[] nonTrivial = {0};
        forAll(200, r -> {
            List<CreditLineEvent> events = new ArrayList<>();
            CreditLineState fromScratch = DeciderPropertiesTest.history(r, events);
            int cut = between(r, 0, events.size());

            CreditLineState atCut = fold(CreditLineDecider.initialState(), events.subList(0, cut));
            CreditLineState restored = LineSnapshots.read(LineSnapshots.write(atCut));
            assertEquals(atCut, restored, "the state read back from its snapshot at event " + cut);

            assertEquals(fromScratch, fold(restored, events.subList(cut, events.size())),
                    "folded on from a snapshot at event " + cut + " of " + events.size());
            if (!atCut.warnings().isEmpty() || !atCut.increases().requests().isEmpty()) {
                nonTrivial[0]++;
            }
        });
        // the generator must reach states with warnings or increase requests, or the property proves little
        assertTrue(nonTrivial[0] > 20, "snapshots with warnings or increase requests: " + nonTrivial[0]);
    }

    @Test
    void a_snapshot_keeps_the_scale_of_every_amount() {
        forAll(50, r -> {
            List<CreditLineEvent> events = new ArrayList<>();
            CreditLineState state = DeciderPropertiesTest.history(r, events);
            CreditLineState restored = LineSnapshots.read(LineSnapshots.write(state));
            // record equality compares BigDecimals by value and scale; say so in plain figures too
            assertEquals(state.limit().toPlainString(), restored.limit().toPlainString());
            assertEquals(state.drawn().toPlainString(), restored.drawn().toPlainString());
            assertEquals(state.history().arrears().toPlainString(), restored.history().arrears().toPlainString());
        });
    }

    private static CreditLineState fold(CreditLineState state, List<CreditLineEvent> events) {
        for (CreditLineEvent event : events) {
            state = CreditLineDecider.evolve(state, event);
        }
        return state;
    }
}
