package com.uplift.eventstore;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.uplift.testing.OwnDatabase;
import com.uplift.testing.Superuser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a superuser can do behind the store's back (switch the append-only trigger off, change or delete a row), and
 * how the hash chain still tells. On a database of its own, so that no other test ever meets an altered store.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(EventStoreTamperingTest.OwnStore.class)
class EventStoreTamperingTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource jdbc;

    @Test
    void aRowAlteredBehindTheStoresBackIsReportedAtItsVersion() throws SQLException {
        String stream = threeEvents();
        assertThat(store.verifyStream(stream).await().atMost(WAIT).intact()).isTrue();

        Superuser.tamper(jdbc, "UPDATE events SET payload = jsonb_set(payload, '{amount}', '\"5000.00\"') "
                + "WHERE stream_id = '" + stream + "' AND stream_version = 2");

        ChainVerification verification = store.verifyStream(stream).await().atMost(WAIT);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAtVersion()).isEqualTo(2);
        assertThat(verification.eventsChecked()).isEqualTo(1);
    }

    @Test
    void aDeletedEventIsReportedAsAMissingVersion() throws SQLException {
        String stream = threeEvents();

        Superuser.tamper(jdbc, "DELETE FROM events WHERE stream_id = '" + stream + "' AND stream_version = 2");

        ChainVerification verification = store.verifyStream(stream).await().atMost(WAIT);
        assertThat(verification.brokenAtVersion()).isEqualTo(2);
        assertThat(verification.problem()).contains("missing");
    }

    @Test
    void theEventsTableCannotBeTruncated() throws SQLException {
        String stream = threeEvents();

        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("TRUNCATE events")).hasMessageContaining("append-only");
        }
        assertThat(store.readStream(stream, 1).await().atMost(WAIT)).hasSize(3);
    }

    private String threeEvents() {
        String stream = "test-" + UUID.randomUUID();
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(event(1), event(2), event(3))).await().atMost(WAIT);
        return stream;
    }

    private static NewEvent event(int amount) {
        return new NewEvent(UUID.randomUUID(), amount == 1 ? "Opened" : "Drawn", 1,
                JsonNodeFactory.instance.objectNode().put("amount", amount + ".00"), EventMetadata.system("test"));
    }
}
