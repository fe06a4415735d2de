package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
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
        Replay replay = new Replay(creditLineId, visitor);
        long after = 0;
        while (true) {
            List<RecordedEvent> page = store.readStreamAfter(streamId, after, PAGE).await().atMost(WAIT);
            page.forEach(replay::accept);
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().streamVersion();
        }
        return replay.finish();
    }

    /** Replays one line whose events were read already (all of them, in version order); returns their number. */
    public long walk(String creditLineId, List<RecordedEvent> events, Visitor visitor) {
        Replay replay = new Replay(creditLineId, visitor);
        events.forEach(replay::accept);
        return replay.finish();
    }

    /**
     * A credit line read whole by {@link #forEachLineRead}: its events in version order, or none when it is too long
     * to be held whole (then it is walked by id, page by page).
     */
    public record ReadLine(String creditLineId, List<RecordedEvent> events) {
        public boolean readWhole() {
            return !events.isEmpty();
        }
    }

    /**
     * Calls back with every credit line in the store and its events, in line id order, reading pages of
     * {@code pageSize} events that hold many lines each (one statement for many short lines, instead of one per line),
     * the next page requested before the lines of this one are handed on. A line that does not fit in one page is
     * handed on without its events. Holds at most two pages.
     */
    public void forEachLineRead(int pageSize, Consumer<ReadLine> line) {
        List<RecordedEvent> carried = new ArrayList<>(); // the last line of a page: it may go on in the next one
        String afterStream = "";
        long afterVersion = 0;
        Uni<List<RecordedEvent>> next = readAhead(afterStream, afterVersion, pageSize);
        while (true) {
            List<RecordedEvent> page = next.await().atMost(WAIT);
            boolean last = page.size() < pageSize;
            if (!page.isEmpty()) {
                RecordedEvent end = page.getLast();
                if (!last && page.getFirst().streamId().equals(end.streamId())) {
                    // one line fills the whole page: hand on the line before it, then this one by id, and read on after it
                    if (!carried.isEmpty() && !carried.getFirst().streamId().equals(end.streamId())) {
                        line.accept(new ReadLine(CreditLineStream.lineId(carried.getFirst().streamId()), carried));
                    }
                    line.accept(new ReadLine(CreditLineStream.lineId(end.streamId()), List.of()));
                    carried = new ArrayList<>();
                    next = readAhead(end.streamId(), Long.MAX_VALUE, pageSize);
                    continue;
                }
                afterStream = end.streamId();
                afterVersion = end.streamVersion();
            }
            if (!last) {
                next = readAhead(afterStream, afterVersion, pageSize);
            }
            for (RecordedEvent event : page) {
                if (!carried.isEmpty() && !carried.getFirst().streamId().equals(event.streamId())) {
                    line.accept(new ReadLine(CreditLineStream.lineId(carried.getFirst().streamId()), carried));
                    carried = new ArrayList<>();
                }
                carried.add(event);
            }
            if (last) {
                if (!carried.isEmpty()) {
                    line.accept(new ReadLine(CreditLineStream.lineId(carried.getFirst().streamId()), carried));
                }
                return;
            }
        }
    }

    /** Starts reading a page now; it is waited for after the lines of the page before it are handed on. */
    private Uni<List<RecordedEvent>> readAhead(String afterStream, long afterVersion, int pageSize) {
        Uni<List<RecordedEvent>> read = store.readPrefixedStreamsAfter(CreditLineStream.PREFIX, afterStream,
                afterVersion, pageSize).memoize().indefinitely();
        read.subscribe().with(events -> {
        }, failure -> {
        }); // a failure is delivered again to the await above
        return read;
    }

    /** One line's replay: its state folded batch by batch, each batch closed when the next command's events begin. */
    private final class Replay {
        private final String creditLineId;
        private final Visitor visitor;
        private CreditLineState state = CreditLineDecider.initialState();
        private List<RecordedEvent> batch = new ArrayList<>();
        private long read;

        Replay(String creditLineId, Visitor visitor) {
            this.creditLineId = creditLineId;
            this.visitor = visitor;
        }

        void accept(RecordedEvent event) {
            if (!batch.isEmpty() && !sameCommand(batch.getFirst(), event)) {
                state = close(creditLineId, batch, state, visitor);
                batch = new ArrayList<>();
            }
            visitor.event(event);
            batch.add(event);
            read++;
        }

        long finish() {
            if (!batch.isEmpty()) {
                close(creditLineId, batch, state, visitor);
            }
            return read;
        }
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
