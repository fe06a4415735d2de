package com.uplift.audit;

import com.uplift.application.PolicyCatalog;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.governance.PolicyEvent;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.eventstore.ChainVerification;
import com.uplift.eventstore.ChainWalker;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy book as it stood at every moment, read from its stream: which versions exist (proposed ones too, so a
 * candidate can be simulated) and which one was in force when. The book is small (one event per governance step),
 * so it is held whole.
 */
public final class PolicyHistory {

    private final List<Instant> times;
    private final List<PolicyBook> books;
    private final ChainVerification chain;

    private PolicyHistory(List<Instant> times, List<PolicyBook> books, ChainVerification chain) {
        this.times = times;
        this.books = books;
        this.chain = chain;
    }

    /** Blocking: reads the whole policy-book stream. */
    public static PolicyHistory load(EventStore store, EventTypeRegistry types) {
        return of(store.readStream(PolicyCatalog.STREAM, 1).await().atMost(Duration.ofMinutes(1)), types);
    }

    /** The book from its stream's events, read already (in version order). */
    static PolicyHistory of(List<RecordedEvent> events, EventTypeRegistry types) {
        ChainWalker chain = new ChainWalker(PolicyCatalog.STREAM);
        List<Instant> times = new ArrayList<>();
        List<PolicyBook> books = new ArrayList<>();
        PolicyBook book = PolicyBook.EMPTY;
        for (RecordedEvent event : events) {
            chain.accept(event);
            book = PolicyBook.evolve(book, (PolicyEvent) types.deserialize(event));
            times.add(event.recordedAt());
            books.add(book);
        }
        return new PolicyHistory(times, books, chain.result());
    }

    /** The policy-book stream's own hash chain. */
    public ChainVerification chain() {
        return chain;
    }

    public PolicyBook latest() {
        return books.isEmpty() ? PolicyBook.EMPTY : books.getLast();
    }

    /** A version as recorded in the book (proposed, active, retired...); null when it never existed. */
    public PolicyVersion version(int version) {
        PolicyBook.Entry entry = latest().versions().get(version);
        return entry == null ? null : PolicyCatalog.toVersion(entry);
    }

    /**
     * The policy a line was decided under at an instant: the book's state at that instant, with the same
     * champion/challenger rule as live decisions. Null before the first policy was installed.
     */
    public PolicyVersion inForce(Instant at, String creditLineId) {
        PolicyBook book = null;
        for (int i = 0; i < times.size() && !times.get(i).isAfter(at); i++) {
            book = books.get(i);
        }
        return book == null || book.activeVersion() == null ? null : PolicyCatalog.forLine(book, creditLineId);
    }
}
