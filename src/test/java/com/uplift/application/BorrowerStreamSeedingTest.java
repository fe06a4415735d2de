package com.uplift.application;

import com.uplift.domain.borrower.BorrowerEvent.BorrowerExposureChanged;
import com.uplift.domain.borrower.BorrowerStream;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import com.uplift.eventstore.RecordedEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A line opened before borrower exposure streams existed has none: the first exposure command for its borrower seeds
 * the stream from the line's own stream (not from the read model) in the same append, and decides with it.
 */
@QuarkusTest
@Tag("integration")
class BorrowerStreamSeedingTest {

    @Inject
    EventStore store;

    @Inject
    EventTypeRegistry types;

    @Test
    void theFirstOpeningForABorrowerWithAnOlderLineCountsThatLineAndSeedsTheStreamWithIt() {
        String borrower = "B-LEGACY-" + UUID.randomUUID().toString().substring(0, 8);
        String legacy = UUID.randomUUID().toString();
        // what a build before the borrower stream appended for an opening: the line's stream only
        EventTypeRegistry.Serialized opened = types.serialize(new CreditLineOpened(legacy, borrower, "XM-CASH",
                new BigDecimal("150000.00"), "CNY", "STANDARD", LocalDate.now().minusYears(1), BigDecimal.ZERO.setScale(2),
                Instant.now()));
        store.append(CreditLineStream.of(legacy), ExpectedVersion.NO_STREAM, List.of(new NewEvent(UUID.randomUUID(),
                opened.type(), opened.schemaVersion(), opened.payload(), EventMetadata.system("before-v4")))).await().indefinitely();
        assertThat(store.readStream(BorrowerStream.of(borrower), 1).await().indefinitely()).isEmpty();

        as("ops").body(opening(borrower, "60000")).post("/api/credit-lines").then().statusCode(422)
                .body("code", equalTo("ABOVE_BORROWER_MAX"));
        assertThat(store.readStream(BorrowerStream.of(borrower), 1).await().indefinitely())
                .as("a refusal appends nothing, not even the seed").isEmpty();

        String location = as("ops").body(opening(borrower, "50000")).post("/api/credit-lines").then().statusCode(201)
                .extract().header("Location");
        String line = location.substring(location.lastIndexOf('/') + 1);

        List<RecordedEvent> stream = store.readStream(BorrowerStream.of(borrower), 1).await().indefinitely();
        assertThat(stream).extracting(e -> (BorrowerExposureChanged) types.deserialize(e))
                .extracting(BorrowerExposureChanged::creditLineId, e -> e.limit().toPlainString(), BorrowerExposureChanged::pendingLimit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(legacy, "150000.00", null),
                        org.assertj.core.groups.Tuple.tuple(line, "50000.00", null));
        RecordedEvent lineOpened = store.readStream(CreditLineStream.of(line), 1).await().indefinitely().getFirst();
        assertThat(stream.getFirst().transactionId()).as("seeded in the opening's transaction")
                .isEqualTo(lineOpened.transactionId());
        assertThat(lineOpened.payload().get("borrowerOtherLimits").asText()).isEqualTo("150000.00");
    }

    private static String opening(String borrowerId, String limit) {
        return """
                {"borrowerId":"%s","productCode":"XM-CASH","initialLimit":%s,"currency":"CNY"}""".formatted(borrowerId, limit);
    }
}
