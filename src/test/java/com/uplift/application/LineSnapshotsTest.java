package com.uplift.application;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.StreamSnapshots.StreamSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which snapshots a load may start from, and when one is taken (the round trip itself: StateSnapshotPropertiesTest). */
class LineSnapshotsTest {

    private static final String LINE = "line-1";
    private static final String STATE = LineSnapshots.write(CreditLineDecider.initialState());

    record Shape(String name, int level) {
    }

    record ShapeWithOneMoreField(String name, int level, boolean extra) {
    }

    record ShapeWithOtherType(String name, long level) {
    }

    @Test
    void aSnapshotOfThisBuildsSchemaAndRulesIsUsedAtItsVersionAndCheckpoint() {
        var usable = LineSnapshots.usable(LINE, snapshot(LineSnapshots.STATE_SCHEMA, DeciderRules.CURRENT, STATE));
        assertThat(usable).hasValueSatisfying(line -> {
            assertThat(line.version()).isEqualTo(150);
            assertThat(line.checkpoint()).isEqualTo(new Checkpoint(7, 900));
            assertThat(line.state()).isEqualTo(CreditLineDecider.initialState());
        });
    }

    @Test
    void aSnapshotOfAnotherSchemaOrRulesVersionOrUnreadableIsDiscarded() {
        assertThat(LineSnapshots.usable(LINE, snapshot("0:feedface", DeciderRules.CURRENT, STATE))).isEmpty();
        assertThat(LineSnapshots.usable(LINE, snapshot(LineSnapshots.STATE_SCHEMA, DeciderRules.CURRENT - 1, STATE))).isEmpty();
        assertThat(LineSnapshots.usable(LINE, snapshot(LineSnapshots.STATE_SCHEMA, DeciderRules.CURRENT + 1, STATE))).isEmpty();
        assertThat(LineSnapshots.usable(LINE, snapshot(LineSnapshots.STATE_SCHEMA, DeciderRules.CURRENT, "{\"limit\":\"1.00\"}"))).isEmpty();
    }

    @Test
    void theSchemaFingerprintChangesWithAFieldOrItsTypeAndNotOtherwise() {
        String shape = LineSnapshots.shapeFingerprint(Shape.class);
        assertThat(LineSnapshots.shapeFingerprint(Shape.class)).isEqualTo(shape);
        assertThat(LineSnapshots.shapeFingerprint(ShapeWithOneMoreField.class)).isNotEqualTo(shape);
        assertThat(LineSnapshots.shapeFingerprint(ShapeWithOtherType.class)).isNotEqualTo(shape);
        assertThat(LineSnapshots.STATE_SCHEMA).matches(LineSnapshots.STATE_FOLD_VERSION + ":[0-9a-f]{16}");
    }

    @Test
    void aSnapshotIsDueEachTimeALinePassesAMultipleOfTheInterval() {
        LineSnapshots every100 = new LineSnapshots(null, 100);
        assertThat(every100.due(98, 99)).isFalse();
        assertThat(every100.due(99, 100)).isTrue();
        assertThat(every100.due(99, 103)).isTrue();
        assertThat(every100.due(100, 101)).isFalse();
        assertThat(every100.due(0, 250)).isTrue();
        assertThat(every100.due(250, 250)).isFalse();
        assertThat(new LineSnapshots(null, 0).due(0, 1000)).isFalse();
    }

    private static StreamSnapshot snapshot(String schema, int rules, String state) {
        return new StreamSnapshot(CreditLineStream.of(LINE), 150, new Checkpoint(7, 900), schema, rules, state);
    }
}
