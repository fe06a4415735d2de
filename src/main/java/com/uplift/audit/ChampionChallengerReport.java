package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Champion/challenger outcomes: for each policy group (the {@code strategyArm} and policy version recorded on
 * {@code IncreaseDecided}), the first decisions, the limit granted automatically and after review, and how the
 * group's lines behaved after their first decision in it, against the 30+ days-past-due benchmark.
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class ChampionChallengerReport {

    /** US large-bank credit-card balances 30+ days past due, Q4 2025 (FRED RCCCBBALDPD30P): the mission's benchmark. */
    public static final BigDecimal BENCHMARK_30_DPD = new BigDecimal("0.0335");

    /**
     * @param lines               lines whose first decision in scope fell in this group
     * @param linesDelinquentLater lines with a missed payment or any days past due after that decision
     * @param lines30PlusLater    lines that later reported 30+ days past due
     * @param reviewedExposure    limit added by approvals after human review of this group's referrals
     */
    public record Group(String strategyArm, int policyVersion, OutcomeTally.Stats firstDecisions,
                        BigDecimal reviewedExposure, long lines, long linesDelinquentLater, long lines30PlusLater,
                        BigDecimal rate30PlusLater, BigDecimal benchmark30Plus) {
    }

    @Schema(name = "ChampionChallengerReport")
    public record Report(AuditScope scope, Map<String, Group> groups) {
    }

    private static final class Tally {
        final String arm;
        final int version;
        final OutcomeTally decisions = new OutcomeTally();
        BigDecimal reviewed = BigDecimal.ZERO.setScale(2);
        long lines;
        long delinquent;
        long thirtyPlus;

        Tally(String arm, int version) {
            this.arm = arm;
            this.version = version;
        }
    }

    private final LineHistory history;

    public ChampionChallengerReport(LineHistory history) {
        this.history = history;
    }

    public Report build(AuditScope scope) {
        Map<String, Tally> groups = new TreeMap<>();
        history.forEachLine(scope, line -> {
            Map<String, Tally> byRequest = new HashMap<>();
            Tally[] lineGroup = new Tally[1];
            int[] maxDpd = new int[1];
            int[] missed = new int[1];
            history.walk(line, new LineHistory.Visitor() {
                @Override
                public void event(RecordedEvent event) {
                    if (lineGroup[0] == null) {
                        return;
                    }
                    if (event.eventType().equals("DelinquencyReported")) {
                        maxDpd[0] = Math.max(maxDpd[0], event.payload().path("daysPastDue").asInt());
                    } else if (event.eventType().equals("PaymentMissed")) {
                        missed[0]++;
                    }
                }

                @Override
                public void batch(CommandBatch batch, CreditLineState before) {
                    if (!batch.readable() || !scope.covers(batch.recordedAt())) {
                        return;
                    }
                    CreditLineEvent first = batch.events().getFirst();
                    if (first instanceof IncreaseDecided d) {
                        Tally group = groups.computeIfAbsent(d.strategyArm() + " v" + d.policyVersion(),
                                k -> new Tally(d.strategyArm(), d.policyVersion()));
                        group.decisions.add(d.outcome(), PolicySimulation.increase(d));
                        byRequest.put(d.requestId(), group);
                        if (lineGroup[0] == null) {
                            lineGroup[0] = group;
                        }
                    } else if (first instanceof CreditLineEvent.IncreaseReviewed r && byRequest.containsKey(r.requestId())) {
                        batch.events().stream().filter(CreditLimitChanged.class::isInstance).map(CreditLimitChanged.class::cast)
                                .forEach(c -> {
                                    Tally group = byRequest.get(r.requestId());
                                    group.reviewed = group.reviewed.add(c.newLimit().subtract(c.oldLimit()));
                                });
                    }
                }
            });
            if (lineGroup[0] != null) {
                lineGroup[0].lines++;
                lineGroup[0].delinquent += missed[0] > 0 || maxDpd[0] > 0 ? 1 : 0;
                lineGroup[0].thirtyPlus += maxDpd[0] >= 30 ? 1 : 0;
            }
        });
        Map<String, Group> result = new TreeMap<>();
        groups.forEach((key, t) -> result.put(key, new Group(t.arm, t.version, t.decisions.stats(), t.reviewed, t.lines,
                t.delinquent, t.thirtyPlus, OutcomeTally.rate(t.thirtyPlus, t.lines), BENCHMARK_30_DPD)));
        return new Report(scope, result);
    }
}
