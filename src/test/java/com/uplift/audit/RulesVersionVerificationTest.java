package com.uplift.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.application.PolicyCatalog;
import com.uplift.domain.DeciderRules;
import com.uplift.domain.Fixtures;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineCommand.OpenCreditLine;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineCommand.RequestLimitIncrease;
import com.uplift.domain.creditline.CreditLineCommand.ReviewIncrease;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.creditline.DecisionEvent;
import com.uplift.domain.creditline.ReviewOutcome;
import com.uplift.domain.policy.PolicyVersion;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.uplift.audit.AuditFixtures.verify;
import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.cny;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 item 8: decisions recorded by an older build re-verify under the decider rules they were made with. The
 * history is written through the store exactly as a build before rules versions wrote it: decided under rules v1 and
 * stored in the v1 shapes (schema version 1, no rulesVersion, no overrideReason). Its reviews take a 10,000 line to
 * 120,000 without an override reason, which rules v2 refuse.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(RulesVersionVerificationTest.OwnStore.class)
class RulesVersionVerificationTest {

    /** Its control case writes a history that claims rules it was not decided under: never in the shared database. */
    public static class OwnStore extends OwnDatabase {
    }

    @Inject
    EventStore store;

    @Inject
    EventTypeRegistry types;

    @Inject
    PolicyCatalog policies;

    @Test
    void reviewsRecordedUnderRulesV1ReverifyWithZeroMismatches() {
        String line = UUID.randomUUID().toString();
        CreditLineState state = write(line, aboveTheBandThroughTwoLevels(line), 1, StoredAs.V1_BUILD);
        assertThat(state.limit()).isEqualByComparingTo("120000.00");
        assertThat(as("auditor").get("/api/credit-lines/" + line + "/events?limit=1000").then().extract().jsonPath()
                .getList("items.findAll { it.type == 'IncreaseReviewed' }.schemaVersion")).containsExactly(1, 1);

        JsonPath report = verify(List.of(line));

        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("notRedecidableCount")).isZero();
        assertThat(report.getLong("decisionsChecked")).isEqualTo(3);
        assertThat(report.getBoolean("clean")).isTrue();
    }

    @Test
    void theSameReviewsClaimingRulesV2AreMismatches() {
        // the control: re-verification does apply the recorded rules version; v2 refuses the level-1 approval
        String line = UUID.randomUUID().toString();
        write(line, aboveTheBandThroughTwoLevels(line), 1, StoredAs.CLAIMING_RULES_V2);

        JsonPath report = verify(List.of(line));

        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isGreaterThanOrEqualTo(1);
        assertThat(report.getString("mismatches[0].eventType")).isEqualTo("IncreaseReviewed");
        assertThat(report.getString("mismatches[0].reproduced")).isEqualTo("ABOVE_INCREASE_BAND");
    }

    @Test
    void aDecisionMadeUnderRulesThisBuildDoesNotKnowIsReportedAsNotRedecidableNeverAsAMismatch() {
        String line = UUID.randomUUID().toString();
        List<CreditLineCommand> commands = aboveTheBandThroughTwoLevels(line);
        write(line, commands.subList(0, commands.size() - 1), 1, StoredAs.V1_BUILD);
        // the last review, as a later build (rules newer than this build's, same shapes) would have recorded it
        write(line, commands.subList(commands.size() - 1, commands.size()), 1, StoredAs.CLAIMING_NEWER_RULES);

        JsonPath report = verify(List.of(line));

        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("notRedecidableCount")).isEqualTo(1);
        Map<String, Object> batch = report.getMap("notRedecidable[0]");
        assertThat(batch).containsEntry("creditLineId", line).containsEntry("eventType", "IncreaseReviewed")
                .containsEntry("rulesVersion", DeciderRules.CURRENT + 1);
        assertThat((String) batch.get("problem"))
                .startsWith("made under rules v" + (DeciderRules.CURRENT + 1) + ", not re-decidable by this build");
    }

    @Test
    void aNoteReadAsFraudByTheOldExtractorReverifiesUnderItsRulesThoughRulesV3ReadItAsNothing() {
        // issue 11 item 7: the v1/v2 extractor read this anti-fraud clearance as fraud and job loss, and froze the line
        String note = "反欺诈部门已核实无异常，客户工作稳定，没有工作变动";
        String line = UUID.randomUUID().toString();
        List<CreditLineCommand> commands = new ArrayList<>(aboveTheBandThroughTwoLevels(line).subList(0, 1));
        commands.add(new RecordServiceNote(note, "PHONE", NOW));
        CreditLineState state = write(line, commands, 1, StoredAs.V1_BUILD);
        assertThat(state.warnings()).containsKeys("NOTE_FRAUD_SUSPICION", "NOTE_JOB_LOSS");
        assertThat(as("auditor").get("/api/credit-lines/" + line + "/events?limit=1000").then().extract().jsonPath()
                .getList("items.findAll { it.type == 'ServiceNoteRecorded' }.schemaVersion")).containsExactly(1);

        JsonPath report = verify(List.of(line));

        assertThat(report.getLong("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("notRedecidableCount")).isZero();
        // the control: today's rules read the same note as no signal at all
        PolicyVersion policy = policies.forLine(line).await().atMost(Duration.ofSeconds(30));
        CreditLineState opened = CreditLineDecider.initialState();
        for (CreditLineEvent event : ((Decision.Accepted) CreditLineDecider.decide(commands.getFirst(), opened, policy,
                DeciderRules.CURRENT)).events()) {
            opened = CreditLineDecider.evolve(opened, event);
        }
        Decision today = CreditLineDecider.decide(new RecordServiceNote(note, "PHONE", NOW), opened, policy,
                DeciderRules.CURRENT);
        assertThat(((Decision.Accepted) today).events()).singleElement()
                .isInstanceOfSatisfying(CreditLineEvent.ServiceNoteRecorded.class, n -> assertThat(n.signals()).isEmpty());
    }

    private enum StoredAs { V1_BUILD, CLAIMING_RULES_V2, CLAIMING_NEWER_RULES }

    /** A good 10,000 line referred (a dispute note) with 120,000 asked for, approved at level 1 then 2 without a reason. */
    private static List<CreditLineCommand> aboveTheBandThroughTwoLevels(String line) {
        List<CreditLineCommand> commands = new ArrayList<>(Fixtures.borrower().limit("10000.00").incomes("45000.00", "46000.00")
                .then(new RecordServiceNote("Customer raised a dispute about a charge", "CHAT", NOW)).commands());
        OpenCreditLine open = (OpenCreditLine) commands.getFirst();
        commands.set(0, new OpenCreditLine(line, "B-RULES-" + line, open.productCode(), open.initialLimit(), open.currency(),
                open.segment(), open.openedOn(), open.occurredAt()));
        // request ids are unique across lines (the decisions read model is keyed by them), as the service makes them
        String request = "IR-" + UUID.randomUUID();
        commands.add(new RequestLimitIncrease(request, cny("120000"), "BRANCH", "A-7", BigDecimal.ZERO.setScale(2), NOW));
        commands.add(new ReviewIncrease(request, "officer1", 1, ReviewOutcome.APPROVE, cny("120000"), "payslips", NOW.plusSeconds(60)));
        commands.add(new ReviewIncrease(request, "senior1", 2, ReviewOutcome.APPROVE, null, "agreed", NOW.plusSeconds(120)));
        return commands;
    }

    /**
     * Decides the commands under a rules version, command by command on the line's stored state, and appends each
     * batch as the build named would have stored it. Returns the state after them.
     */
    private CreditLineState write(String line, List<CreditLineCommand> commands, int rulesVersion, StoredAs storedAs) {
        String stream = CreditLineStream.of(line);
        PolicyVersion policy = policies.forLine(line).await().atMost(Duration.ofSeconds(30));
        CreditLineState state = CreditLineDecider.initialState();
        List<CreditLineEvent> earlier = store.readStream(stream, 1).await().atMost(Duration.ofSeconds(30)).stream()
                .map(e -> (CreditLineEvent) types.deserialize(e)).toList();
        for (CreditLineEvent event : earlier) {
            state = CreditLineDecider.evolve(state, event);
        }
        long version = earlier.size();
        for (CreditLineCommand command : commands) {
            Decision decision = CreditLineDecider.decide(command, state, policy, rulesVersion);
            assertThat(decision).as(command.toString()).isInstanceOf(Decision.Accepted.class);
            String causation = UUID.randomUUID().toString();
            EventMetadata metadata = new EventMetadata(causation, causation, "ops", "SERVICING", null);
            List<NewEvent> batch = new ArrayList<>();
            for (CreditLineEvent event : ((Decision.Accepted) decision).events()) {
                batch.add(stored(event, storedAs, metadata));
                state = CreditLineDecider.evolve(state, event);
            }
            store.append(stream, ExpectedVersion.exactly(version), batch).await().atMost(Duration.ofSeconds(30));
            version += batch.size();
        }
        return state;
    }

    private NewEvent stored(CreditLineEvent event, StoredAs storedAs, EventMetadata metadata) {
        EventTypeRegistry.Serialized serialized = types.serialize(event);
        ObjectNode payload = (ObjectNode) serialized.payload().deepCopy();
        int schemaVersion = serialized.schemaVersion();
        if (event instanceof CreditLineEvent.ServiceNoteRecorded && storedAs == StoredAs.V1_BUILD) {
            // a note before rules v3: its signals carried neither spans nor analyzer (ServiceNoteRecorded schema 1)
            payload.get("signals").forEach(signal -> ((ObjectNode) signal).remove(List.of("spans", "analyzer")));
            schemaVersion = 1;
        }
        if (event instanceof DecisionEvent) {
            switch (storedAs) {
                case V1_BUILD -> {
                    payload.remove(List.of("rulesVersion", "overrideReason", "reason"));
                    schemaVersion = 1;
                }
                case CLAIMING_RULES_V2 -> payload.put("rulesVersion", 2);
                case CLAIMING_NEWER_RULES -> payload.put("rulesVersion", DeciderRules.CURRENT + 1);
            }
        }
        return new NewEvent(UUID.randomUUID(), serialized.type(), schemaVersion, payload, metadata);
    }
}
