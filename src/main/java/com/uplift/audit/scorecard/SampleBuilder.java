package com.uplift.audit.scorecard;

import com.uplift.audit.AuditScope;
import com.uplift.audit.CommandBatch;
import com.uplift.audit.LineHistory;
import com.uplift.audit.scorecard.DevelopmentSample.Exclusion;
import com.uplift.audit.scorecard.DevelopmentSample.Measured;
import com.uplift.audit.scorecard.DevelopmentSample.Observation;
import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the development sample from the event store: every line replayed batch by batch ({@link LineHistory}),
 * each increase decision measured on the state before it, its outcome read from the line's later history, and the
 * line's state today kept as one member of the current population (for stability). Blocking: a worker thread.
 */
@ApplicationScoped
public class SampleBuilder {

    /** What the walk found. {@code population}: today's bins of every line with complete inputs. */
    public record Built(List<Observation> observations, Map<Exclusion, Long> excluded, long linesRead,
                        long decisionsRead, List<int[]> population) {
    }

    private final LineHistory history;

    public SampleBuilder(LineHistory history) {
        this.history = history;
    }

    public Built build(Policy base, LocalDate asOf, Settings settings) {
        List<Observation> observations = new ArrayList<>();
        Map<Exclusion, Long> excluded = new EnumMap<>(Exclusion.class);
        List<int[]> population = new ArrayList<>();
        long[] lines = new long[1];
        long[] decisions = new long[1];
        history.forEachLine(AuditScope.EVERYTHING, line -> {
            List<Measured> measured = new ArrayList<>();
            CreditLineState[] latest = {CreditLineDecider.initialState()};
            long read = history.walk(line, new LineHistory.Visitor() {
                @Override
                public void batch(CommandBatch batch, CreditLineState before) {
                    if (!batch.readable()) {
                        return;
                    }
                    if (batch.events().getFirst() instanceof IncreaseDecided decided) {
                        LocalDate on = DevelopmentSample.businessDate(decided.occurredAt(), base);
                        measured.add(DevelopmentSample.measure(line, decided.requestId(), before, base, on,
                                decided.rulesVersion(), settings));
                    }
                    CreditLineState after = before;
                    for (CreditLineEvent event : batch.events()) {
                        after = CreditLineDecider.evolve(after, event);
                    }
                    latest[0] = after;
                }
            });
            if (read == 0) {
                return;
            }
            lines[0]++;
            decisions[0] += measured.size();
            observations.addAll(DevelopmentSample.observe(line, measured, latest[0], asOf, settings, excluded));
            int[] today = DevelopmentSample.currentBins(latest[0], base, asOf);
            if (today != null) {
                population.add(today);
            }
        });
        return new Built(List.copyOf(observations), excluded, lines[0], decisions[0], List.copyOf(population));
    }
}
