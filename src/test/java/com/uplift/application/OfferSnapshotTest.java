package com.uplift.application;

import com.uplift.domain.DeciderSpec;
import com.uplift.domain.OfferPolicies;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.RecordDrawdown;
import com.uplift.domain.creditline.CreditLineCommand.ScanForOffer;
import com.uplift.domain.creditline.CreditLineState;
import org.junit.jupiter.api.Test;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.borrower;
import static com.uplift.domain.Fixtures.cny;
import static org.assertj.core.api.Assertions.assertThat;

/** A line's offers, with the material changes recorded since, survive a snapshot: a command after it decides the same. */
class OfferSnapshotTest {

    @Test
    void aLiveOfferAndItsMaterialChangesRoundTripThroughASnapshot() {
        CreditLineState state = DeciderSpec.givenCommands(OfferPolicies.offering(),
                        borrower().commands().toArray(CreditLineCommand[]::new))
                .andCommands(new ScanForOffer("SCAN-1", TODAY, NOW), new RecordDrawdown(cny("100.00"), NOW)).state();
        assertThat(state.offers().offers()).hasSize(1);
        assertThat(state.offers().offers().values().iterator().next().materialChanges()).containsExactly("DrawdownRecorded");
        assertThat(LineSnapshots.read(LineSnapshots.write(state))).isEqualTo(state);
    }
}
