package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.increase.IncreaseOutcome;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What-if: replays every recorded increase request in scope under a candidate policy (proposed ones included) and
 * sets what it would have decided beside what was recorded, overall, by grade and by segment; and follows the lines
 * the candidate would newly approve through their own later history. Writes nothing.
 * <p>
 * Each request is decided on the line's recorded history before it; the candidate's own earlier decisions on the
 * same line are not carried forward (an approval it would have made does not raise the limit the next request
 * sees). That keeps every row comparable with its recorded twin. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class PolicySimulation {

    static final int KEPT = 50;

    private final LineHistory history;
    private final EventStore store;
    private final EventTypeRegistry types;

    public PolicySimulation(LineHistory history, EventStore store, EventTypeRegistry types) {
        this.history = history;
        this.store = store;
        this.types = types;
    }

    /** No such policy version. */
    public static final class UnknownPolicyException extends RuntimeException {
        public UnknownPolicyException(int version) {
            super("no policy version " + version);
        }
    }

    /** Recorded beside candidate, for one group of requests; {@code changed} counts requests whose outcome differs. */
    public record Comparison(OutcomeTally.Stats recorded, OutcomeTally.Stats candidate, long changed) {
    }

    /** A line the candidate would have approved where the recorded policy did not, and what the line did afterwards. */
    public record NewApproval(String creditLineId, String requestId, IncreaseOutcome recordedOutcome,
                              BigDecimal candidateNewLimit, int maxDaysPastDueAfter, int missedPaymentsAfter) {
    }

    /**
     * @param linesReaching30Dpd newly approved requests whose line later reported 30+ days past due (the benchmark
     *                           measure); the list keeps the first {@value #KEPT}
     */
    public record NewApprovals(long count, long withLaterMissedPayment, long linesReaching30Dpd,
                               BigDecimal rate30PlusDpd, List<NewApproval> sample) {
    }

    @Schema(name = "PolicySimulationReport")
    public record Report(int candidateVersion, PolicyBook.Status candidateStatus, String candidateContentHash,
                         AuditScope scope, long linesRead, Comparison overall, Map<String, Comparison> byGrade,
                         Map<String, Comparison> bySegment, NewApprovals newlyApproved) {
    }

    private static final class Group {
        final OutcomeTally recorded = new OutcomeTally();
        final OutcomeTally candidate = new OutcomeTally();
        long changed;

        void add(IncreaseDecided recordedDecision, IncreaseOutcome candidateOutcome, BigDecimal candidateIncrease) {
            recorded.add(recordedDecision.outcome(), increase(recordedDecision));
            candidate.add(candidateOutcome, candidateIncrease);
            if (candidateOutcome != recordedDecision.outcome()) {
                changed++;
            }
        }

        Comparison comparison() {
            return new Comparison(recorded.stats(), candidate.stats(), changed);
        }
    }

    /** Mutable follow-up of one newly approved request while its line is walked. */
    private static final class FollowUp {
        final String creditLineId;
        final String requestId;
        final IncreaseOutcome recordedOutcome;
        final BigDecimal newLimit;
        int maxDpd;
        int missed;

        FollowUp(String creditLineId, String requestId, IncreaseOutcome recordedOutcome, BigDecimal newLimit) {
            this.creditLineId = creditLineId;
            this.requestId = requestId;
            this.recordedOutcome = recordedOutcome;
            this.newLimit = newLimit;
        }
    }

    public Report simulate(int version, AuditScope scope) {
        PolicyHistory policies = PolicyHistory.load(store, types);
        PolicyVersion candidate = policies.version(version);
        if (candidate == null) {
            throw new UnknownPolicyException(version);
        }
        Group overall = new Group();
        Map<String, Group> byGrade = new TreeMap<>();
        Map<String, Group> bySegment = new TreeMap<>();
        long[] newly = new long[3];
        List<NewApproval> sample = new ArrayList<>();
        long[] lines = new long[1];
        history.forEachLine(scope, line -> {
            List<FollowUp> followUps = new ArrayList<>();
            long read = history.walk(line, new LineHistory.Visitor() {
                @Override
                public void event(RecordedEvent event) {
                    for (FollowUp f : followUps) {
                        if (event.eventType().equals("DelinquencyReported")) {
                            f.maxDpd = Math.max(f.maxDpd, event.payload().path("daysPastDue").asInt());
                        } else if (event.eventType().equals("PaymentMissed")) {
                            f.missed++;
                        }
                    }
                }

                @Override
                public void batch(CommandBatch batch, CreditLineState before) {
                    if (!batch.readable() || !(batch.events().getFirst() instanceof IncreaseDecided recorded)
                            || !scope.covers(batch.recordedAt())) {
                        return;
                    }
                    IncreaseDecided again = decide(recorded, before, candidate);
                    IncreaseOutcome outcome = again == null ? null : again.outcome();
                    BigDecimal increase = again == null ? null : increase(again);
                    overall.add(recorded, outcome, increase);
                    String grade = recorded.assessment() == null ? "UNGRADED" : recorded.assessment().grade();
                    byGrade.computeIfAbsent(grade, g -> new Group()).add(recorded, outcome, increase);
                    String segment = recorded.segment() == null ? "NONE" : recorded.segment();
                    bySegment.computeIfAbsent(segment, s -> new Group()).add(recorded, outcome, increase);
                    if (outcome == IncreaseOutcome.APPROVED && recorded.outcome() != IncreaseOutcome.APPROVED) {
                        followUps.add(new FollowUp(line, recorded.requestId(), recorded.outcome(), again.newLimit()));
                    }
                }
            });
            if (read > 0) {
                lines[0]++;
            }
            for (FollowUp f : followUps) {
                newly[0]++;
                newly[1] += f.missed > 0 ? 1 : 0;
                newly[2] += f.maxDpd >= 30 ? 1 : 0;
                if (sample.size() < KEPT) {
                    sample.add(new NewApproval(f.creditLineId, f.requestId, f.recordedOutcome, f.newLimit, f.maxDpd, f.missed));
                }
            }
        });
        PolicyBook.Entry entry = policies.latest().versions().get(version);
        return new Report(version, entry.status(), candidate.contentHash(), scope, lines[0], overall.comparison(),
                comparisons(byGrade), comparisons(bySegment),
                new NewApprovals(newly[0], newly[1], newly[2], OutcomeTally.rate(newly[2], newly[0]), List.copyOf(sample)));
    }

    /** The candidate's first decision on the recorded request; null when it refuses the command outright. */
    static IncreaseDecided decide(IncreaseDecided recorded, CreditLineState before, PolicyVersion candidate) {
        CreditLineCommand command = RecordedCommand.of(recorded).orElseThrow();
        return switch (CreditLineDecider.decide(command, before, candidate)) {
            case Decision.Rejected rejected -> null;
            case Decision.Accepted accepted -> accepted.events().stream().filter(IncreaseDecided.class::isInstance)
                    .map(IncreaseDecided.class::cast).findFirst().orElse(null);
        };
    }

    static BigDecimal increase(IncreaseDecided decision) {
        return decision.outcome() == IncreaseOutcome.APPROVED && decision.newLimit() != null
                ? decision.newLimit().subtract(decision.oldLimit()) : null;
    }

    private static Map<String, Comparison> comparisons(Map<String, Group> groups) {
        Map<String, Comparison> result = new TreeMap<>();
        groups.forEach((key, group) -> result.put(key, group.comparison()));
        return result;
    }
}
