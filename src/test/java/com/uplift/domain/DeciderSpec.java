package com.uplift.domain;

import com.uplift.domain.Rejection;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.Decision;
import com.uplift.domain.policy.PolicyVersion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * given / when / then for the decider, Emmett-style: {@code given(events...)} or {@code givenCommands(commands...)}
 * (each command decided and its events folded, as the application would), {@code when(command)}, then
 * {@code then(events...)}, {@code thenRejects(code)} or a look at one event type. Decided under this build's rules
 * unless {@link #underRules(int)} names an older version (what re-verification does with older decisions).
 */
public final class DeciderSpec {

    private final PolicyVersion policy;
    private final int rulesVersion;
    private final List<CreditLineEvent> history;

    private DeciderSpec(PolicyVersion policy, int rulesVersion, List<CreditLineEvent> history) {
        this.policy = policy;
        this.rulesVersion = rulesVersion;
        this.history = List.copyOf(history);
    }

    private DeciderSpec(PolicyVersion policy, List<CreditLineEvent> history) {
        this(policy, DeciderRules.CURRENT, history);
    }

    public static DeciderSpec given(CreditLineEvent... events) {
        return new DeciderSpec(TestPolicies.v1(), Arrays.asList(events));
    }

    public static DeciderSpec givenCommands(CreditLineCommand... commands) {
        return givenCommands(TestPolicies.v1(), commands);
    }

    public static DeciderSpec givenCommands(PolicyVersion policy, CreditLineCommand... commands) {
        return new DeciderSpec(policy, List.of()).andCommands(commands);
    }

    /** A history decided, command by command, under a rules version of the decider, as a build of then would have. */
    public static DeciderSpec givenCommandsUnderRules(int rulesVersion, CreditLineCommand... commands) {
        return new DeciderSpec(TestPolicies.v1(), rulesVersion, List.of()).andCommands(commands);
    }

    /** More history, decided command by command: fails the test if any of them is rejected. */
    public DeciderSpec andCommands(CreditLineCommand... commands) {
        List<CreditLineEvent> events = new ArrayList<>(history);
        CreditLineState state = state();
        for (CreditLineCommand command : commands) {
            Decision decision = CreditLineDecider.decide(command, state, policy, rulesVersion);
            if (decision instanceof Decision.Rejected rejected) {
                fail("given command " + command + " was rejected: " + rejected.rejection());
            }
            for (CreditLineEvent event : ((Decision.Accepted) decision).events()) {
                events.add(event);
                state = CreditLineDecider.evolve(state, event);
            }
        }
        return new DeciderSpec(policy, rulesVersion, events);
    }

    public DeciderSpec withPolicy(PolicyVersion other) {
        return new DeciderSpec(other, rulesVersion, history);
    }

    /** The same history, with further commands decided under another rules version of the decider. */
    public DeciderSpec underRules(int version) {
        return new DeciderSpec(policy, version, history);
    }

    public List<CreditLineEvent> history() {
        return history;
    }

    public CreditLineState state() {
        CreditLineState state = CreditLineDecider.initialState();
        for (CreditLineEvent event : history) {
            state = CreditLineDecider.evolve(state, event);
        }
        return state;
    }

    public Then when(CreditLineCommand command) {
        return new Then(CreditLineDecider.decide(command, state(), policy, rulesVersion), this, command);
    }

    public record Then(Decision decision, DeciderSpec spec, CreditLineCommand command) {

        public List<CreditLineEvent> events() {
            return assertInstanceOf(Decision.Accepted.class, decision, () -> "expected acceptance, got " + decision).events();
        }

        /** Exactly these events, in this order. */
        public Then then(CreditLineEvent... expected) {
            assertEquals(List.of(expected), events());
            return this;
        }

        public Rejection thenRejects(String code) {
            Rejection rejection = assertInstanceOf(Decision.Rejected.class, decision,
                    () -> "expected rejection " + code + ", got " + decision).rejection();
            assertEquals(code, rejection.code(), () -> "rejection: " + rejection);
            return rejection;
        }

        /** The one event of that type the decision produced. */
        public <T extends CreditLineEvent> T event(Class<T> type) {
            List<T> matches = events().stream().filter(type::isInstance).map(type::cast).toList();
            assertEquals(1, matches.size(), () -> "expected one " + type.getSimpleName() + " in " + events());
            return matches.get(0);
        }

        public <T extends CreditLineEvent> List<T> all(Class<T> type) {
            return events().stream().filter(type::isInstance).map(type::cast).toList();
        }

        public Then thenContains(Class<? extends CreditLineEvent> type) {
            assertTrue(events().stream().anyMatch(type::isInstance), () -> "no " + type.getSimpleName() + " in " + events());
            return this;
        }

        public Then thenLacks(Class<? extends CreditLineEvent> type) {
            assertFalse(events().stream().anyMatch(type::isInstance), () -> "unexpected " + type.getSimpleName() + " in " + events());
            return this;
        }

        /** The spec with this decision's events appended: to chain a further when. */
        public DeciderSpec andThen() {
            List<CreditLineEvent> events = new ArrayList<>(spec.history());
            events.addAll(events());
            return new DeciderSpec(spec.policy, spec.rulesVersion, events);
        }
    }
}
