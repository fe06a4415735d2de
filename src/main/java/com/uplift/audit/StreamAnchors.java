package com.uplift.audit;

import com.uplift.audit.AuditEvent.AnchoredHead;
import com.uplift.audit.AuditEvent.StreamHeadsAnchored;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.NewEvent;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.application.ScheduledRuns;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Anchoring: records, in the {@value #STREAM} stream, the head (version and hash) of every stream that changed since
 * the previous anchor. The chain of a stream proves that nothing before its head changed; the anchor proves where
 * the head was, so a later truncation of a stream's tail, or a rewrite of the whole chain, is detected too.
 * <p>
 * Runs every {@code uplift.audit.anchor-interval} (default 1h; "off" disables it), once per interval across
 * instances, and on demand. Blocking: call it
 * on a worker thread. Only the heads of the streams changed since the last anchor are held in memory.
 */
@ApplicationScoped
public class StreamAnchors {

    public static final String STREAM = "audit-anchors";
    static final int HEADS_PER_EVENT = 1000;
    private static final int PAGE = 1000;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(StreamAnchors.class);

    /** What one anchoring recorded; {@code anchored} false when no stream had changed. */
    public record AnchorResult(boolean anchored, int streams, String fromCheckpoint, String throughCheckpoint,
                               List<String> merkleRoots, long anchorStreamVersion) {
    }

    private record Last(long version, Checkpoint through) {
    }

    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;
    private final ScheduledRuns runs;
    private final String every;
    private Last last = new Last(0, Checkpoint.START);

    public StreamAnchors(EventStore store, EventTypeRegistry types, Clock clock, ScheduledRuns runs,
                         @ConfigProperty(name = "uplift.audit.anchor-interval", defaultValue = "1h") String every) {
        this.store = store;
        this.types = types;
        this.clock = clock;
        this.runs = runs;
        this.every = every;
    }

    @Scheduled(every = "${uplift.audit.anchor-interval:1h}", delayed = "${uplift.audit.anchor-delay:1m}",
            identity = "audit-anchor", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            if (!runs.claim("audit-anchor", ScheduledRuns.interval(every)).await().atMost(WAIT)) {
                return; // another instance anchors this interval
            }
            AnchorResult result = anchorNow("system");
            LOG.infof("Anchored %d stream heads through %s", result.streams(), result.throughCheckpoint());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Anchoring failed; the next run covers the same changes");
        }
    }

    /** Anchors the heads of every stream changed since the last anchor. One anchoring at a time per instance. */
    public synchronized AnchorResult anchorNow(String actor) {
        Last previous = refreshLast();
        TreeMap<String, AnchoredHead> heads = new TreeMap<>();
        Checkpoint through = previous.through();
        for (List<RecordedEvent> page = store.readAll(through, PAGE).await().atMost(WAIT); !page.isEmpty();
             page = store.readAll(through, PAGE).await().atMost(WAIT)) {
            for (RecordedEvent e : page) {
                if (!e.streamId().equals(STREAM)) {
                    heads.put(e.streamId(), new AnchoredHead(e.streamId(), e.streamVersion(), e.hash()));
                }
            }
            through = page.getLast().checkpoint();
        }
        if (heads.isEmpty()) {
            return new AnchorResult(false, 0, previous.through().toString(), through.toString(), List.of(), previous.version());
        }
        List<AnchoredHead> all = new ArrayList<>(heads.values());
        int parts = (all.size() + HEADS_PER_EVENT - 1) / HEADS_PER_EVENT;
        List<NewEvent> events = new ArrayList<>(parts);
        List<String> roots = new ArrayList<>(parts);
        String correlation = UUID.randomUUID().toString();
        EventMetadata metadata = new EventMetadata(correlation, correlation, actor, "SYSTEM", null);
        for (int part = 0; part < parts; part++) {
            List<AnchoredHead> chunk = all.subList(part * HEADS_PER_EVENT, Math.min(all.size(), (part + 1) * HEADS_PER_EVENT));
            String root = MerkleRoot.of(chunk);
            roots.add(root);
            EventTypeRegistry.Serialized s = types.serialize(new StreamHeadsAnchored(previous.through().toString(),
                    through.toString(), part + 1, parts, chunk, root, clock.instant()));
            events.add(new NewEvent(UUID.randomUUID(), s.type(), s.schemaVersion(), s.payload(), metadata));
        }
        long version = store.append(STREAM, ExpectedVersion.exactly(previous.version()), events).await().atMost(WAIT).streamVersion();
        last = new Last(version, through);
        return new AnchorResult(true, all.size(), previous.through().toString(), through.toString(), roots, version);
    }

    /** Catches up with anchors written by other instances since this one last looked. */
    private Last refreshLast() {
        Last known = last;
        for (List<RecordedEvent> page = store.readStreamAfter(STREAM, known.version(), PAGE).await().atMost(WAIT);
             !page.isEmpty(); page = store.readStreamAfter(STREAM, known.version(), PAGE).await().atMost(WAIT)) {
            RecordedEvent newest = page.getLast();
            StreamHeadsAnchored anchor = (StreamHeadsAnchored) types.deserialize(newest);
            known = new Last(newest.streamVersion(), Checkpoint.parse(anchor.throughCheckpoint()));
        }
        last = known;
        return known;
    }
}
