package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Walks credit-line history the way an auditor replays it: line by line, page by page, command batch by command
 * batch, with the state folded from every event before each batch. Only one page and one line's state are held at
 * a time, so a run over the whole store needs constant memory.
 * <p>
 * Blocking by design: audits run on worker threads (background jobs, blocking endpoints), where a loop that reads a
 * page and processes it is clearer than a recursive reactive pipeline. Never call it on an event-loop thread.
 */
@ApplicationScoped
public class LineHistory {

    static final int PAGE = 500;
    static final Duration WAIT = Duration.ofMinutes(2);

    /** Receives a line's stored events and its command batches, in stream order. */
    public interface Visitor {
        /** Every stored event, in version order: after every earlier batch was closed, before its own is. */
        default void event(RecordedEvent event) {
        }

        /** A command's batch, with the line's state as it was before it. */
        void batch(CommandBatch batch, CreditLineState before);

        /** A stored payload the current code cannot read (tampered, or a type it does not know). */
        default void unreadable(RecordedEvent event, String problem) {
        }
    }

    private final EventStore store;
    private final EventTypeRegistry types;

    public LineHistory(EventStore store, EventTypeRegistry types) {
        this.store = store;
        this.types = types;
    }

    /** Calls back with each credit-line id in scope, in id order, paging through the store's stream ids. */
    public void forEachLine(AuditScope scope, Consumer<String> line) {
        if (scope.someLines()) {
            scope.lines().forEach(line);
            return;
        }
        String after = "";
        while (true) {
            List<String> page = store.streamIds(CreditLineStream.PREFIX, after, scope.from(), scope.to(), PAGE).await().atMost(WAIT);
            page.forEach(streamId -> line.accept(CreditLineStream.lineId(streamId)));
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast();
        }
    }

    /** Replays one line; returns the number of events read. */
    public long walk(String creditLineId, Visitor visitor) {
        String streamId = CreditLineStream.of(creditLineId);
        CreditLineState state = CreditLineDecider.initialState();
        List<RecordedEvent> batch = new ArrayList<>();
        long read = 0;
        long after = 0;
        while (true) {
            List<RecordedEvent> page = store.readStreamAfter(streamId, after, PAGE).await().atMost(WAIT);
            for (RecordedEvent event : page) {
                if (!batch.isEmpty() && !sameCommand(batch.getFirst(), event)) {
                    state = close(creditLineId, batch, state, visitor);
                    batch = new ArrayList<>();
                }
                visitor.event(event);
                batch.add(event);
            }
            read += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().streamVersion();
        }
        if (!batch.isEmpty()) {
            close(creditLineId, batch, state, visitor);
        }
        return read;
    }

    private CreditLineState close(String creditLineId, List<RecordedEvent> recorded, CreditLineState before, Visitor visitor) {
        List<CreditLineEvent> events = new ArrayList<>(recorded.size());
        for (RecordedEvent event : recorded) {
            try {
                events.add((CreditLineEvent) types.deserialize(event));
            } catch (RuntimeException unreadable) {
                visitor.unreadable(event, unreadable.getMessage());
            }
        }
        visitor.batch(new CommandBatch(creditLineId, recorded, events), before);
        CreditLineState after = before;
        for (CreditLineEvent event : events) {
            after = CreditLineDecider.evolve(after, event);
        }
        return after;
    }

    private static boolean sameCommand(RecordedEvent a, RecordedEvent b) {
        String causation = a.metadata().causationId();
        return causation != null && Objects.equals(causation, b.metadata().causationId());
    }
}
