package com.uplift.domain.creditline;

import com.uplift.domain.Rejection;

import java.util.List;

/** The outcome of deciding a command: the events to append, or a refusal that appends nothing. */
public sealed interface Decision {

    record Accepted(List<CreditLineEvent> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected(Rejection rejection) implements Decision {
    }

    static Decision accept(CreditLineEvent event) {
        return new Accepted(List.of(event));
    }

    static Decision reject(String code, String message) {
        return new Rejected(Rejection.of(code, message));
    }
}
