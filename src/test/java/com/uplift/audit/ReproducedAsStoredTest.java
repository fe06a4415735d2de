package com.uplift.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.application.BulkPortfolio;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.ChainWalker;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.platform.StoredEventTypes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-verification decodes a batch's stored consequences only when the batch does not reproduce as its canonical text
 * ({@link DecisionReplay}, {@link CommandBatch#decodingOnDemand}). Seeded demo lines are replayed both ways, decoding
 * every event up front (as before) and on demand, and must come out the same: the same outcome for every batch, the
 * same state before every batch; tampered consequences must be reported exactly as when everything is decoded.
 */
class ReproducedAsStoredTest {

    private static final int LINES = 40;
    private final EventTypeRegistry types = StoredEventTypes.registry();
    private final PolicyHistory policies = PolicyHistory.of(ReplayCostBenchmarkTest.policyBook(types), types);
    private final DecisionReplay replay = new DecisionReplay(policies, types);

    @Test
    void aLineReplaysTheSameWhetherItsConsequencesAreDecodedOrComparedAsText() {
        int batches = 0;
        int undecoded = 0;
        for (List<RecordedEvent> line : demoLines()) {
            Walk eager = walk(line, false);
            Walk onDemand = walk(line, true);
            assertThat(onDemand.outcomes).isEqualTo(eager.outcomes);
            assertThat(onDemand.states).isEqualTo(eager.states);
            assertThat(onDemand.outcomes).allMatch(DecisionReplay.Outcome.Reproduced.class::isInstance);
            for (CommandBatch batch : onDemand.batches) {
                batches++;
                if (!batch.decoded()) {
                    undecoded++;
                    // what the line was folded with (the events produced again) is what decoding the stored ones reads
                    assertThat(batch.toFold()).isEqualTo(batch.events());
                }
            }
        }
        // the point of it: the stored consequences of (nearly) every batch are never decoded
        assertThat(undecoded).as("batches reproduced without decoding, of %s", batches).isGreaterThan(batches * 9 / 10);
    }

    @Test
    void aChangedConsequenceIsReportedAsWhenEveryEventIsDecoded() {
        int tampered = 0;
        for (List<RecordedEvent> line : demoLines()) {
            int at = firstConsequence(line);
            if (at < 0) {
                continue;
            }
            // each change, and whether re-deciding finds it (the hash chain finds every one, apart from this)
            for (Map.Entry<Consumer<ObjectNode>, Boolean> change : List.<Map.Entry<Consumer<ObjectNode>, Boolean>>of(
                    Map.entry(payload -> payload.put("occurredAt", "2020-01-01T00:00:00Z"), true),
                    Map.entry(payload -> payload.put("occurredAt", "not a time"), true),
                    Map.entry(payload -> payload.put("occurredAt", 12.5), true),
                    // stored in a form the writer would not produce, but read as the same value: reproduced (docs/audit.md)
                    Map.entry(payload -> payload.put("policyVersion", "1"), false),
                    // an assessment after a drawdown comes out the same under rules v3: re-decided so, it reproduces
                    Map.entry(payload -> payload.put("rulesVersion", 3), false),
                    Map.entry(payload -> payload.put("rulesVersion", 99), true),
                    Map.entry(payload -> payload.put("unknownField", true), true))) {
                List<RecordedEvent> changed = new ArrayList<>(line);
                RecordedEvent e = line.get(at);
                ObjectNode tree = e.payload().deepCopy();
                change.getKey().accept(tree);
                String payload = ReplayCostBenchmarkTest.jsonb(tree);
                changed.set(at, new RecordedEvent(e.globalPosition(), e.transactionId(), e.streamId(), e.streamVersion(),
                        e.eventId(), e.eventType(), e.schemaVersion(), payload,
                        ReplayCostBenchmarkTest.jsonb(CanonicalJson.toTree(e.metadata())), e.recordedAt(), e.previousHash(), e.hash()));
                Walk eager = walk(changed, false);
                Walk onDemand = walk(changed, true);
                assertThat(onDemand.outcomes).isEqualTo(eager.outcomes);
                assertThat(onDemand.states).isEqualTo(eager.states);
                assertThat(onDemand.unreadable).isEqualTo(eager.unreadable);
                assertThat(onDemand.outcomes.stream().anyMatch(o -> !(o instanceof DecisionReplay.Outcome.Reproduced)))
                        .as("a changed %s at version %s is found: %s", e.eventType(), e.streamVersion(), payload).isEqualTo(change.getValue());
                tampered++;
            }
        }
        assertThat(tampered).isEqualTo(7 * LINES);
    }

    /** The version index of the first stored event that is not the first of its batch; -1 if none. */
    private static int firstConsequence(List<RecordedEvent> line) {
        for (int i = 1; i < line.size(); i++) {
            if (line.get(i).metadata().causationId() != null
                    && line.get(i).metadata().causationId().equals(line.get(i - 1).metadata().causationId())) {
                return i;
            }
        }
        return -1;
    }

    private List<List<RecordedEvent>> demoLines() {
        Clock clock = Clock.systemUTC();
        Random random = new Random(20261130L);
        List<List<RecordedEvent>> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            String id = new UUID(21L, i).toString();
            PolicyVersion policy = policies.inForce(clock.instant(), id);
            lines.add(ReplayCostBenchmarkTest.stored(CreditLineStream.of(id),
                    BulkPortfolio.demoHistory(id, i, random, policy, types, clock), clock.instant()));
        }
        return lines;
    }

    private record Walk(List<DecisionReplay.Outcome> outcomes, List<CreditLineState> states, List<CommandBatch> batches,
                        List<String> unreadable) {
    }

    private Walk walk(List<RecordedEvent> line, boolean onDemand) {
        Walk walk = new Walk(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        ChainWalker chain = new ChainWalker(line.getFirst().streamId()); // as a lane: it produces the canonical text
        new LineHistory(null, types).walk(CreditLineStream.lineId(line.getFirst().streamId()), line, new LineHistory.Visitor() {
            @Override
            public boolean decodesOnDemand() {
                return onDemand;
            }

            @Override
            public void event(RecordedEvent event) {
                chain.accept(event);
            }

            @Override
            public void batch(CommandBatch batch, CreditLineState before) {
                walk.states.add(before);
                walk.batches.add(batch);
                walk.outcomes.add(replay.replay(batch, before));
            }

            @Override
            public void unreadable(RecordedEvent event, String problem) {
                walk.unreadable.add(event.streamVersion() + ": " + problem);
            }
        });
        return walk;
    }
}
