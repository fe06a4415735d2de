package com.uplift.application;

import com.uplift.domain.borrower.BorrowerEvent;
import com.uplift.domain.borrower.BorrowerEvent.BorrowerExposureChanged;
import com.uplift.domain.borrower.BorrowerLines;
import com.uplift.domain.borrower.BorrowerStream;
import com.uplift.domain.borrower.LineExposure;
import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.RecordedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The borrower is the unit of exposure: the per-borrower maximum and affordability cap what all of a borrower's lines
 * expose together (limits, and the limits pending referrals would give). One line's stream cannot see its siblings,
 * and a projection lags, so the borrower has an exposure stream of its own ({@link BorrowerStream}): a command that
 * can change a line's exposure reads it, decides with the other lines' sum, and appends the line's new exposure to it
 * at the version it read, in the same transaction as the line's events. Two commands on two lines of one borrower
 * thus cannot both spend the same headroom: the second append fails on the borrower stream's version and is decided
 * again on fresh state. The sum travels in the command and is recorded in the decision, so a replay uses what the
 * service knew then.
 * <p>
 * Lines opened before the stream existed are not in it: the first exposure command for such a borrower seeds the
 * stream from the lines' own streams (never from the read model), in the same append.
 * <p>
 * The offer scan reads ahead ({@link #readAhead}): for a batch of lines, the borrowers' streams in one read and, for
 * borrowers without one, their lines in another, rather than both per line. A scan decision takes its borrower's
 * read-ahead once (a retry after a conflict reads afresh), and its append checks the borrower stream's version as
 * always, so a read-ahead that went stale costs a retry, never a wrong commit.
 */
@ApplicationScoped
public class BorrowerExposure {

    /** The event that names a line's borrower: the lines of a borrower are found by it when seeding. */
    private static final String OPENING = CreditLineEvent.CreditLineOpened.class.getSimpleName();
    /** Borrower events read at most by one read-ahead; the borrowers it does not cover are read per line. */
    static final int READ_AHEAD_EVENTS = 10_000;

    /** A read-ahead older than this is not used: the batch it was read for has long moved on. */
    static final Duration READ_AHEAD_TTL = Duration.ofMinutes(1);

    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;
    /** Per borrower, what the scan's batch read: the stream's claim, or (no stream yet) the stream ids of its lines. */
    private final Map<String, ReadAhead> readAhead = new ConcurrentHashMap<>();

    private record ReadAhead(Claim claim, List<String> lineStreams, Instant readAt) {
    }

    public BorrowerExposure(EventStore store, EventTypeRegistry types, Clock clock) {
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    /**
     * The borrower's exposure as read for one command, and the version of the borrower's stream it was read at.
     *
     * @param seed events that put lines opened before the stream existed into it: appended with the command's own
     */
    public record Claim(String borrowerId, long version, BorrowerLines lines, List<BorrowerEvent> seed) {

        public String streamId() {
            return BorrowerStream.of(borrowerId);
        }

        /** What the borrower's other lines expose. */
        public BigDecimal otherThan(String creditLineId) {
            return lines.otherThan(creditLineId);
        }

        /** What to append to the borrower's stream once the line's exposure is {@code after}: nothing when unchanged. */
        public List<BorrowerEvent> record(String creditLineId, LineExposure after, Instant at) {
            List<BorrowerEvent> events = new ArrayList<>(seed);
            if (!lines.records(creditLineId, after)) {
                events.add(new BorrowerExposureChanged(creditLineId, after.limit(), after.pendingLimit(), at));
            }
            return events;
        }
    }

    /**
     * True for the commands that can change what a line exposes (open, increase, review, accepting an offer), and the
     * offer scan, which sizes an offer like an increase: only they read the
     * borrower's stream before deciding, so servicing facts stay as lean as before. A servicing fact whose consequences
     * still move the line's exposure (a decrease applied at once) records it after deciding
     * ({@code CreditLineService.claimIfExposureMoved}).
     */
    public static boolean concerns(CreditLineCommand command) {
        return command instanceof CreditLineCommand.OpenCreditLine
                || command instanceof CreditLineCommand.RequestLimitIncrease
                || command instanceof CreditLineCommand.ReviewIncrease
                // a reviewed decrease lowers the line's limit: the borrower's exposure learns it in the same append
                || command instanceof CreditLineCommand.ReviewDecrease
                || command instanceof CreditLineCommand.ScanForOffer
                || command instanceof CreditLineCommand.AcceptIncreaseOffer;
    }

    /** The borrower a command concerns: named by an opening, else the line's own. Null when it names none. */
    public static String borrowerOf(CreditLineCommand command, CreditLineState state) {
        String borrowerId = command instanceof CreditLineCommand.OpenCreditLine open ? open.borrowerId() : state.borrowerId();
        return borrowerId == null || borrowerId.isBlank() ? null : borrowerId;
    }

    /** The command carrying what the borrower's other lines expose: the service's value, never a caller's. */
    public static CreditLineCommand withOthers(CreditLineCommand command, BigDecimal others) {
        return switch (command) {
            case CreditLineCommand.OpenCreditLine c -> c.withBorrowerOtherLimits(others);
            case CreditLineCommand.RequestLimitIncrease c -> c.withBorrowerOtherLimits(others);
            case CreditLineCommand.ReviewIncrease c -> c.withBorrowerOtherLimits(others);
            case CreditLineCommand.ScanForOffer c -> c.withBorrowerOtherLimits(others);
            case CreditLineCommand.AcceptIncreaseOffer c -> c.withBorrowerOtherLimits(others);
            default -> command;
        };
    }

    /**
     * Reads the borrower's stream; when it is empty, seeds it from the borrower's lines as their streams hold them. An
     * offer scan's decision takes what its batch read ahead for the borrower, if anything.
     *
     * @param current the commanding line as it was loaded (seeded from this, so the line's own version check covers it)
     * @param load    loads another line of the borrower from its stream
     */
    public Uni<Claim> claim(String borrowerId, CreditLineSnapshot current, CreditLineCommand command,
                            Function<String, Uni<CreditLineSnapshot>> load) {
        Instant at = command.occurredAt();
        ReadAhead read = command instanceof CreditLineCommand.ScanForOffer ? readAhead.remove(borrowerId) : null;
        if (read != null && read.readAt().plus(READ_AHEAD_TTL).isAfter(clock.instant())) {
            return read.claim() != null ? Uni.createFrom().item(read.claim())
                    : seed(borrowerId, current, at, load, read.lineStreams());
        }
        return claim(borrowerId, current, at, load);
    }

    /**
     * Reads the borrower's stream as of now (no read-ahead); when it is empty, seeds it from the borrower's lines, each
     * as its stream holds it, the seeding dated {@code at}.
     */
    public Uni<Claim> claim(String borrowerId, CreditLineSnapshot current, Instant at,
                            Function<String, Uni<CreditLineSnapshot>> load) {
        return store.readStream(BorrowerStream.of(borrowerId), 1).chain(events -> !events.isEmpty()
                ? Uni.createFrom().item(claimOf(borrowerId, events))
                : store.streamIdsWithEvent(CreditLineStream.PREFIX, OPENING, "borrowerId", borrowerId)
                        .chain(lineStreams -> seed(borrowerId, current, at, load, lineStreams)));
    }

    /**
     * For the offer scan's batch: reads the streams of the lines' borrowers in one read and, for the borrowers without
     * one, the stream ids of their lines in another, for each line's scan decision to take ({@link #claim}). Answers
     * the borrowers read for, to {@link #forgetReadAhead} after the batch.
     */
    public Uni<Set<String>> readAhead(List<CreditLineSnapshot> lines) {
        Set<String> borrowers = new LinkedHashSet<>();
        lines.forEach(line -> {
            String borrowerId = line.state().borrowerId();
            if (borrowerId != null && !borrowerId.isBlank()) {
                borrowers.add(borrowerId);
            }
        });
        Map<String, Long> fromStart = new LinkedHashMap<>();
        borrowers.forEach(borrowerId -> fromStart.put(BorrowerStream.of(borrowerId), 0L));
        Instant readAt = clock.instant();
        return store.readStreamsAfter(fromStart, READ_AHEAD_EVENTS).chain(streams -> {
            List<String> unseeded = new ArrayList<>();
            for (String borrowerId : borrowers) {
                List<RecordedEvent> events = streams.get(BorrowerStream.of(borrowerId));
                if (events != null && !events.isEmpty()) {
                    readAhead.put(borrowerId, new ReadAhead(claimOf(borrowerId, events), null, readAt));
                } else if (events != null) {
                    unseeded.add(borrowerId);
                }
            }
            return store.streamIdsWithEvents(CreditLineStream.PREFIX, OPENING, "borrowerId", unseeded);
        }).map(lineStreams -> {
            lineStreams.forEach((borrowerId, streamIds) -> readAhead.put(borrowerId, new ReadAhead(null, streamIds, readAt)));
            return borrowers;
        });
    }

    /** Drops what a batch read ahead and its lines did not take. */
    public void forgetReadAhead(Set<String> borrowers) {
        borrowers.forEach(readAhead::remove);
    }

    private Claim claimOf(String borrowerId, List<RecordedEvent> events) {
        BorrowerLines lines = BorrowerLines.NONE;
        for (RecordedEvent event : events) {
            lines = lines.evolve((BorrowerEvent) types.deserialize(event));
        }
        return new Claim(borrowerId, events.getLast().streamVersion(), lines, List.of());
    }

    private Uni<Claim> seed(String borrowerId, CreditLineSnapshot current, Instant at,
                            Function<String, Uni<CreditLineSnapshot>> load, List<String> lineStreams) {
        return Multi.createFrom().iterable(lineStreams).map(CreditLineStream::lineId)
                .onItem().transformToUniAndConcatenate(lineId -> lineId.equals(current.creditLineId())
                        ? Uni.createFrom().item(current) : load.apply(lineId))
                .collect().asList()
                .map(lines -> {
                    List<BorrowerEvent> seed = new ArrayList<>();
                    BorrowerLines folded = BorrowerLines.NONE;
                    for (CreditLineSnapshot line : lines) {
                        if (line.state().opened() && borrowerId.equals(line.state().borrowerId())) {
                            LineExposure exposure = line.state().exposure();
                            BorrowerEvent event = new BorrowerExposureChanged(line.creditLineId(), exposure.limit(),
                                    exposure.pendingLimit(), at);
                            seed.add(event);
                            folded = folded.evolve(event);
                        }
                    }
                    return new Claim(borrowerId, 0, folded, List.copyOf(seed));
                });
    }
}
