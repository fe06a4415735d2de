package com.uplift.application;

import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long line is snapshotted as it passes each 100 events; a command's load without the cache starts from that
 * snapshot (shown by altering the snapshot, which only the command path then sees), a snapshot of another rules
 * version is discarded, and reads for audit and as-of never use one. Alters only its own line's snapshot row
 * (stream_snapshots holds no facts), and deletes it at the end.
 */
@QuarkusTest
@Tag("integration")
class SnapshotLoadTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    CreditLineService lines;
    @Inject
    LineCache cache;
    @Inject
    Pool pool;

    @Test
    void aLongLineLoadsFromItsSnapshotOfThisBuildAndAuditReadsFoldEveryEvent() {
        String id = Api.openLine("B-SNAPSHOT-1", "90000");
        CommandContext context = new CommandContext("ops", "SERVICING", "snapshot-test", null);
        int drawdowns = 0;
        while (lines.load(id).await().atMost(WAIT).version() < 150) {
            lines.handle(id, new CreditLineCommand.RecordDrawdown(new BigDecimal("1.00"), Instant.now()), context).await().atMost(WAIT);
            drawdowns++;
        }
        CreditLineSnapshot folded = lines.loadUpTo(id, Long.MAX_VALUE).await().atMost(WAIT);
        assertThat(folded.state().drawn()).isEqualByComparingTo(BigDecimal.valueOf(drawdowns));

        Row row = snapshotRow(id);
        assertThat(row.getLong("stream_version")).isBetween(100L, folded.version());
        assertThat(row.getString("state_schema")).isEqualTo(LineSnapshots.STATE_SCHEMA);
        assertThat(row.getInteger("rules_version")).isEqualTo(DeciderRules.CURRENT);

        // unaltered, the snapshot and the events after it give the state a fold of every event gives
        cache.forget(id);
        assertThat(lines.load(id).await().atMost(WAIT)).isEqualTo(folded);

        // altered, it shows that a command's load starts from it (later drawdowns do not touch the product code), and
        // that the audit's reads do not
        pool.preparedQuery("UPDATE stream_snapshots SET state = jsonb_set(state, '{productCode}', '\"FROM-SNAPSHOT\"') WHERE stream_id = $1")
                .execute(Tuple.of(CreditLineStream.of(id))).await().atMost(WAIT);
        cache.forget(id);
        CreditLineSnapshot fromAltered = lines.load(id).await().atMost(WAIT);
        assertThat(fromAltered.state().productCode()).isEqualTo("FROM-SNAPSHOT");
        assertThat(fromAltered.version()).isEqualTo(folded.version());
        assertThat(fromAltered.state().drawn()).isEqualByComparingTo(folded.state().drawn());
        assertThat(lines.loadUpTo(id, Long.MAX_VALUE).await().atMost(WAIT).state()).isEqualTo(folded.state());
        assertThat(lines.findAsOf(id, Instant.now()).await().atMost(WAIT).state()).isEqualTo(folded.state());
        assertThat(lines.history(id, 1, 1000).await().atMost(WAIT)).hasSize((int) folded.version());

        // a snapshot another build's rules made is discarded: the line is folded from its events again
        pool.preparedQuery("UPDATE stream_snapshots SET rules_version = $2 WHERE stream_id = $1")
                .execute(Tuple.of(CreditLineStream.of(id), DeciderRules.CURRENT + 1)).await().atMost(WAIT);
        cache.forget(id);
        assertThat(lines.load(id).await().atMost(WAIT)).isEqualTo(folded);

        pool.preparedQuery("DELETE FROM stream_snapshots WHERE stream_id = $1").execute(Tuple.of(CreditLineStream.of(id)))
                .await().atMost(WAIT);
        cache.forget(id);
    }

    private Row snapshotRow(String id) {
        var rows = pool.preparedQuery("SELECT stream_version, state_schema, rules_version FROM stream_snapshots WHERE stream_id = $1")
                .execute(Tuple.of(CreditLineStream.of(id))).await().atMost(WAIT);
        assertThat(rows.size()).as("a snapshot of the line").isEqualTo(1);
        return rows.iterator().next();
    }
}
