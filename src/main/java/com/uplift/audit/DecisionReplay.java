package com.uplift.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.uplift.domain.DeciderRules;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.creditline.DecisionEvent;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.signals.NoteSignalReader;
import com.uplift.domain.signals.RiskSignal;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-decides one recorded command batch: the command rebuilt from the batch's first event, the state folded from
 * every earlier event, the policy the batch names (or, for pure facts, the one in force when it was recorded) and the
 * decider rules version it names; then compares what the decider produces now with what was stored, as canonical
 * JSON, event by event.
 * <p>
 * Rules versions: a batch whose decision events name a rules version this build no longer (or not yet) carries is
 * not re-decided but reported as such, never as a mismatch. A batch of pure facts names none; since it records no
 * decision, it is reproduced if any rules version this build carries reproduces it (newest first), and a mismatch
 * reports its difference under the newest.
 */
public final class DecisionReplay {

    /** What re-deciding a batch found. */
    public sealed interface Outcome {
        record Reproduced(int rulesVersion) implements Outcome {
        }

        record Mismatched(VerificationReport.Mismatch mismatch) implements Outcome {
        }

        record NotRedecidable(VerificationReport.NotRedecidable batch) implements Outcome {
        }

        record Drifted(VerificationReport.AnalyzerDrift drift) implements Outcome {
        }
    }

    private final PolicyHistory policies;
    private final EventTypeRegistry types;

    public DecisionReplay(PolicyHistory policies, EventTypeRegistry types) {
        this.policies = policies;
        this.types = types;
    }

    /** The policy a batch was decided under, as the record says. */
    public PolicyVersion policyFor(CommandBatch batch) {
        return policyFor(batch, batch.recordedPolicyVersion());
    }

    /** {@link #policyFor(CommandBatch)} when the policy version the batch names ({@code named}) was read already. */
    private PolicyVersion policyFor(CommandBatch batch, Integer named) {
        PolicyVersion inForce = policies.inForce(batch.recordedAt(), batch.creditLineId());
        if (named == null || inForce != null && inForce.version() == named) {
            return inForce; // with the champion/challenger arm the line had at that moment
        }
        PolicyVersion recorded = policies.version(named);
        // A policy activated between load and append: the book at the record time names another version, so take the
        // arm the decision recorded (the hash chain vouches for it) rather than re-deriving it from the wrong book.
        if (recorded != null && !batch.events().isEmpty()
                && batch.events().getFirst() instanceof com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided decided
                && decided.strategyArm() != null) {
            return new PolicyVersion(recorded.version(), recorded.contentHash(), recorded.rules(),
                    com.uplift.domain.policy.StrategyArm.valueOf(decided.strategyArm()));
        }
        return recorded;
    }

    /** The rules version the batch's decision events name; null for a batch of pure facts. */
    public static Integer recordedRulesVersion(CommandBatch batch) {
        return batch.events().stream().filter(DecisionEvent.class::isInstance).map(DecisionEvent.class::cast)
                .map(DecisionEvent::rulesVersion).findFirst().orElse(null);
    }

    /**
     * Re-decides the batch under the rules it names, or under each this build carries for pure facts. A note that
     * does not re-read as recorded, and whose signals record another analyzer than this build's, is drift.
     */
    public Outcome replay(CommandBatch batch, CreditLineState before) {
        Outcome outcome = redecide(batch, before);
        return outcome instanceof Outcome.Mismatched mismatched
                ? analyzerDrift(batch, mismatched.mismatch()).<Outcome>map(Outcome.Drifted::new).orElse(outcome)
                : outcome;
    }

    /**
     * Drift when the batch records a note whose signals name an analyzer other than the one this build reads notes
     * with: re-reading it under another library version may find other spans or signals, and that is the analyzer's
     * change, not the record's (a changed record breaks the hash chain, which is checked apart). A note without
     * signals, or with signals from the rules-v1/v2 extractor (no analyzer recorded), names none: it cannot drift.
     */
    static Optional<VerificationReport.AnalyzerDrift> analyzerDrift(CommandBatch batch, VerificationReport.Mismatch mismatch) {
        if (!batch.readable() || !(batch.events().getFirst() instanceof ServiceNoteRecorded note)) {
            return Optional.empty();
        }
        return note.signals().stream().map(RiskSignal::analyzer).filter(Objects::nonNull)
                .filter(recorded -> !recorded.equals(NoteSignalReader.ANALYZER)).findFirst()
                .map(recorded -> new VerificationReport.AnalyzerDrift(mismatch.creditLineId(), mismatch.streamVersion(),
                        mismatch.eventType(), mismatch.causationId(), recorded, NoteSignalReader.ANALYZER,
                        mismatch.field(), mismatch.recorded(), mismatch.reproduced(),
                        "the note was read by " + recorded + " and re-reads differently under " + NoteSignalReader.ANALYZER
                                + ": analyzer drift, not a change of the record (" + mismatch.problem() + ")"));
    }

    private Outcome redecide(CommandBatch batch, CreditLineState before) {
        // read from the stored text once per batch, not once per rules version tried: it parses the payloads
        Integer named = batch.recordedPolicyVersion();
        Integer rules = batch.readable() ? recordedRulesVersion(batch) : null;
        if (rules != null && !DeciderRules.canDecide(rules)) {
            RecordedEvent first = batch.first();
            return new Outcome.NotRedecidable(new VerificationReport.NotRedecidable(batch.creditLineId(),
                    first.streamVersion(), first.eventType(), first.metadata().causationId(), rules,
                    "made under rules v" + rules + ", not re-decidable by this build (it decides v"
                            + DeciderRules.OLDEST_SUPPORTED + " to v" + DeciderRules.CURRENT + ")"));
        }
        if (rules != null) {
            return check(batch, before, rules, named).<Outcome>map(Outcome.Mismatched::new).orElse(new Outcome.Reproduced(rules));
        }
        Optional<VerificationReport.Mismatch> newest = check(batch, before, DeciderRules.CURRENT, named);
        if (newest.isEmpty()) {
            return new Outcome.Reproduced(DeciderRules.CURRENT);
        }
        for (int older = DeciderRules.CURRENT - 1; older >= DeciderRules.OLDEST_SUPPORTED; older--) {
            if (check(batch, before, older, named).isEmpty()) {
                return new Outcome.Reproduced(older);
            }
        }
        return new Outcome.Mismatched(newest.get());
    }

    /** Empty when the batch is reproduced exactly under that rules version; otherwise its first difference. */
    private Optional<VerificationReport.Mismatch> check(CommandBatch batch, CreditLineState before, int rulesVersion,
                                                        Integer named) {
        RecordedEvent first = batch.first();
        if (!batch.readable()) {
            return mismatch(batch, first, named, "$", null, null, "a stored payload cannot be read");
        }
        PolicyVersion policy = policyFor(batch, named);
        if (policy == null) {
            return mismatch(batch, first, named, "$.policyVersion", null, null,
                    "the policy book has no version " + (named != null ? named : "in force at " + batch.recordedAt()));
        }
        Optional<CreditLineCommand> command = RecordedCommand.of(batch.events().getFirst());
        if (command.isEmpty()) {
            return mismatch(batch, first, named, "$", null, null,
                    "the batch starts with " + first.eventType() + ", which no command produces first");
        }
        Decision decision;
        try {
            decision = CreditLineDecider.decide(command.get(), before, policy, rulesVersion);
        } catch (RuntimeException failure) {
            return mismatch(batch, first, named, "$", null, null, "the decider fails on this history: " + failure);
        }
        return switch (decision) {
            case Decision.Rejected rejected -> mismatch(batch, first, named, "$", null,
                    TextNode.valueOf(rejected.rejection().code()),
                    "the decider now refuses the command: " + rejected.rejection().message());
            case Decision.Accepted accepted -> compare(batch, accepted.events(), named);
        };
    }

    private Optional<VerificationReport.Mismatch> compare(CommandBatch batch, List<CreditLineEvent> produced, Integer named) {
        List<RecordedEvent> recorded = batch.recorded();
        for (int i = 0; i < Math.max(recorded.size(), produced.size()); i++) {
            RecordedEvent stored = i < recorded.size() ? recorded.get(i) : recorded.getLast();
            if (i >= recorded.size()) {
                return mismatch(batch, stored, named, "[" + i + "]", null, TextNode.valueOf(types.serialize(produced.get(i)).type()),
                        "the decider produces more events than were recorded");
            }
            if (i >= produced.size()) {
                return mismatch(batch, stored, named, "[" + i + "]", TextNode.valueOf(stored.eventType()), null,
                        "more events were recorded than the decider produces");
            }
            if (produced.get(i).equals(batch.events().get(i)) || reproducedExactly(stored, produced.get(i))) {
                continue;
            }
            EventTypeRegistry.Serialized again = types.serialize(produced.get(i));
            if (!again.type().equals(stored.eventType())) {
                return mismatch(batch, stored, named, "[" + i + "].type", TextNode.valueOf(stored.eventType()),
                        TextNode.valueOf(again.type()), "a different event");
            }
            JsonNode storedPayload = stored.schemaVersion() == again.schemaVersion() ? stored.payload()
                    : CanonicalJson.toTree(batch.events().get(i));
            JsonDifference.Difference difference = JsonDifference.first(storedPayload, again.payload());
            if (difference != null) {
                return mismatch(batch, stored, named, difference.path(), difference.expected(), difference.actual(),
                        "the recorded " + stored.eventType() + " differs from the one reproduced");
            }
        }
        return Optional.empty();
    }

    /**
     * The common case, cheaply (the loop above asks first whether the event produced again equals, as a value, the
     * stored one as this build reads it: records compare field by field, amounts with their scale, so equal values
     * write out as equal canonical text, and nothing is written out at all): the event produced again, written out,
     * is the stored payload's canonical text. Equal text means equal trees, so this only ever answers "the same";
     * anything else is compared tree by tree below, which finds and names the difference (or finds none where only
     * the writing differs).
     */
    private boolean reproducedExactly(RecordedEvent stored, CreditLineEvent produced) {
        EventTypeRegistry.EventType type = types.typeOf(produced.getClass());
        if (!type.name().equals(stored.eventType()) || type.schemaVersion() != stored.schemaVersion()) {
            return false;
        }
        try {
            return CanonicalJson.mapper().writeValueAsString(produced).equals(stored.canonicalPayload());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Optional<VerificationReport.Mismatch> mismatch(CommandBatch batch, RecordedEvent at, Integer policyVersion,
                                                                  String field, JsonNode recorded, JsonNode reproduced,
                                                                  String problem) {
        return Optional.of(new VerificationReport.Mismatch(batch.creditLineId(), at.streamVersion(), at.eventType(),
                at.metadata().causationId(), policyVersion, field, recorded, reproduced, problem));
    }
}
