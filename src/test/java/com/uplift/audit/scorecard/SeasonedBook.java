package com.uplift.audit.scorecard;

import com.uplift.application.BorrowerExposure;
import com.uplift.application.SeasonedLines;
import com.uplift.audit.scorecard.DevelopmentSample.Measured;
import com.uplift.audit.scorecard.DevelopmentSample.Observation;
import com.uplift.audit.scorecard.DevelopmentSample.Settings;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.policy.PolicyVersion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seasoned demo lines decided in memory, exactly as the service decides them (the decider, event by event), and the
 * development sample read from them with the same functions {@link SampleBuilder} applies to the store: the scorecard
 * development's whole method in the fast lane, without a database.
 */
final class SeasonedBook {

    /** A line's states before each increase decision, its last state, and whether 30+ days past due was reported. */
    record Line(String id, List<Measured> decisions, CreditLineState last, boolean reported30Plus) {
    }

    private SeasonedBook() {
    }

    static List<Line> generate(int count, long seed, PolicyVersion policy, LocalDate today, Settings settings) {
        return generate(count, seed, new Random(seed), policy, today, settings);
    }

    /** As the dev profile's demo generates them: ids of {@code seed}, one random sequence for all the lines. */
    static List<Line> generate(int count, long seed, Random random, PolicyVersion policy, LocalDate today, Settings settings) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = SeasonedLines.id(seed, i);
            CreditLineState state = CreditLineDecider.initialState();
            List<Measured> decisions = new ArrayList<>();
            boolean reported = false;
            for (Function<Instant, CreditLineCommand> step : SeasonedLines.plan(id, i, random, today)) {
                CreditLineCommand command = BorrowerExposure.withOthers(step.apply(null), BigDecimal.ZERO);
                Decision decision = CreditLineDecider.decide(command, state, policy);
                if (!(decision instanceof Decision.Accepted accepted)) {
                    throw new AssertionError("the seasoned plan's command was refused: " + command + " " + decision);
                }
                for (CreditLineEvent event : accepted.events()) {
                    if (event instanceof CreditLineEvent.IncreaseDecided decided) {
                        decisions.add(DevelopmentSample.measure(id, decided.requestId(), state, policy.rules(),
                                DevelopmentSample.businessDate(decided.occurredAt(), policy.rules()), decided.rulesVersion(), settings));
                    }
                    if (event instanceof CreditLineEvent.DelinquencyReported report && report.daysPastDue() >= 30) {
                        reported = true;
                    }
                }
                for (CreditLineEvent event : accepted.events()) {
                    state = CreditLineDecider.evolve(state, event);
                }
            }
            lines.add(new Line(id, decisions, state, reported));
        }
        return lines;
    }

    /** What {@link SampleBuilder#build} makes of the lines. */
    static SampleBuilder.Built sample(List<Line> lines, PolicyVersion policy, LocalDate today, Settings settings) {
        List<Observation> observations = new ArrayList<>();
        java.util.Map<DevelopmentSample.Exclusion, Long> excluded = new java.util.EnumMap<>(DevelopmentSample.Exclusion.class);
        List<int[]> population = new ArrayList<>();
        long decisions = 0;
        for (Line line : lines) {
            decisions += line.decisions().size();
            observations.addAll(DevelopmentSample.observe(line.id(), line.decisions(), line.last(), today, settings, excluded));
            int[] now = DevelopmentSample.currentBins(line.last(), policy.rules(), today);
            if (now != null) {
                population.add(now);
            }
        }
        return new SampleBuilder.Built(observations, excluded, lines.size(), decisions, population);
    }
}
