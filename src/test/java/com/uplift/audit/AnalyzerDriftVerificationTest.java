package com.uplift.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.domain.signals.NoteSignalReader;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static com.uplift.audit.AuditFixtures.verify;
import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.TODAY;
import static com.uplift.domain.Fixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 item 7: a note whose signals record another analyzer version than this build's re-verifies as drift, its
 * own finding with both versions, never as a tampering mismatch. The note is planted through the store (the hash
 * chain intact) as a build on another Lucene release would have recorded it. The control: the same note with the
 * current analyzer but other signals is a mismatch, so drift is not a blanket excuse for any difference in a note.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(AnalyzerDriftVerificationTest.OwnStore.class)
class AnalyzerDriftVerificationTest {

    /** It plants records a build of this version would not write: never in the shared database. */
    public static class OwnStore extends OwnDatabase {
    }

    private static final String FRAUD_NOTE = "客户疑似欺诈，身份证件可能被冒用";
    private static final String OLDER_ANALYZER = "lucene-standard-lowercase 9.11.1";

    @Inject
    EventStore store;

    @Inject
    EventTypeRegistry types;

    @Inject
    PolicyCatalog policies;

    @Test
    void aNoteReadByAnotherAnalyzerVersionIsReportedAsDriftWithBothVersionsNeverAsAMismatch() {
        assertThat(NoteSignalReader.ANALYZER).isNotEqualTo(OLDER_ANALYZER);
        String line = UUID.randomUUID().toString();
        writeWithNote(line, signal -> signal.put("analyzer", OLDER_ANALYZER));

        JsonPath report = verify(List.of(line));

        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("analyzerDriftCount")).as(report.prettify()).isEqualTo(1);
        Map<String, Object> drift = report.getMap("analyzerDrift[0]");
        assertThat(drift).containsEntry("creditLineId", line).containsEntry("eventType", "ServiceNoteRecorded")
                .containsEntry("recordedAnalyzer", OLDER_ANALYZER)
                .containsEntry("currentAnalyzer", NoteSignalReader.ANALYZER)
                .containsEntry("recorded", OLDER_ANALYZER)
                .containsEntry("reproduced", NoteSignalReader.ANALYZER);
        assertThat((String) drift.get("field")).endsWith(".analyzer");
        assertThat((String) drift.get("problem")).contains("analyzer drift, not a change of the record");
        assertThat(report.getBoolean("clean")).as("drift is not tampering").isTrue();
    }

    @Test
    void theSameNoteWithTheCurrentAnalyzerButOtherSpansIsAMismatchNotDrift() {
        String line = UUID.randomUUID().toString();
        writeWithNote(line, signal -> ((ObjectNode) signal.get("spans").get(0)).put("start", 1));

        JsonPath report = verify(List.of(line));

        assertThat(report.getLong("analyzerDriftCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("mismatchCount")).isEqualTo(1);
        assertThat(report.getString("mismatches[0].eventType")).isEqualTo("ServiceNoteRecorded");
        assertThat(report.getString("mismatches[0].field")).endsWith(".start");
        assertThat(report.getBoolean("clean")).isFalse();
    }

    /**
     * Opens the line and records the fraud note, decided under this build's rules and appended through the store, with
     * each of the note's signals changed by {@code plant} first (as another build would have recorded it).
     */
    private void writeWithNote(String line, Consumer<ObjectNode> plant) {
        OpenCreditLine template = open("10000.00", TODAY.minusMonths(13));
        List<CreditLineCommand> commands = List.of(
                new OpenCreditLine(line, "B-DRIFT-" + line, template.productCode(), template.initialLimit(),
                        template.currency(), template.segment(), template.openedOn(), NOW),
                new RecordServiceNote(FRAUD_NOTE, "CALL_CENTER", NOW.plusSeconds(60)));
        String stream = CreditLineStream.of(line);
        PolicyVersion policy = policies.forLine(line).await().atMost(Duration.ofSeconds(30));
        CreditLineState state = CreditLineDecider.initialState();
        long version = 0;
        for (CreditLineCommand command : commands) {
            Decision decision = CreditLineDecider.decide(command, state, policy, DeciderRules.CURRENT);
            assertThat(decision).as(command.toString()).isInstanceOf(Decision.Accepted.class);
            String causation = UUID.randomUUID().toString();
            EventMetadata metadata = new EventMetadata(causation, causation, "ops", "SERVICING", null);
            List<NewEvent> batch = new ArrayList<>();
            for (CreditLineEvent event : ((Decision.Accepted) decision).events()) {
                EventTypeRegistry.Serialized serialized = types.serialize(event);
                ObjectNode payload = (ObjectNode) serialized.payload().deepCopy();
                if (event instanceof CreditLineEvent.ServiceNoteRecorded) {
                    JsonNode signals = payload.get("signals");
                    assertThat(signals).as("the note raises a signal").isNotEmpty();
                    assertThat(signals.get(0).get("analyzer")).isEqualTo(TextNode.valueOf(NoteSignalReader.ANALYZER));
                    signals.forEach(signal -> plant.accept((ObjectNode) signal));
                }
                batch.add(new NewEvent(UUID.randomUUID(), serialized.type(), serialized.schemaVersion(), payload, metadata));
                state = CreditLineDecider.evolve(state, event);
            }
            store.append(stream, ExpectedVersion.exactly(version), batch).await().atMost(Duration.ofSeconds(30));
            version += batch.size();
        }
    }
}
