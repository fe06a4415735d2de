package com.uplift.integration;

import com.uplift.domain.creditline.CreditLineEvent;
import com.uplift.domain.creditline.CreditLineEvent.CreditLimitChanged;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.LimitDecreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.TierChanged;
import com.uplift.domain.creditline.CreditLineEvent.CreditLineOpened;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseDecided;
import com.uplift.domain.creditline.CreditLineEvent.IncreaseReviewed;
import com.uplift.domain.creditline.CreditLineEvent.PricingTierChanged;
import com.uplift.domain.creditline.CreditLineEvent.WarningCleared;
import com.uplift.domain.creditline.CreditLineEvent.WarningClearedByOfficer;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.creditline.CreditLineEvent.WriteOffRecorded;
import com.uplift.readmodel.Projection;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Publishes the credit-line events that matter downstream (the app, collections, accounting, the data warehouse) to
 * Kafka, driven by the event store itself: the events table is the outbox. It is a {@link Projection}, so the
 * projection runner feeds it from the gap-safe global log (nothing uncommitted is ever read), one instance leads it
 * (advisory lock), and its checkpoint moves only after the broker has acknowledged the whole batch: a broker or service
 * outage loses nothing, the publisher catches up where it stopped. It is {@link Projection.Outbound}: it sends with no
 * database transaction open, because the store's reads stop below the oldest open transaction and a send waiting for a
 * slow broker inside one held every other projection back; the checkpoint then moves in a guarded statement of its own.
 * At-least-once: a batch that failed part-way, or was sent but not checkpointed (a crash in between, or two instances
 * briefly both leading it at a takeover, when the late one's move is refused), is sent again, so consumers drop repeats
 * by the event id (header {@code uplift-event-id}). Keyed by credit-line id, and each line's events sent one after
 * another in log order: the first copy of each of a line's events arrives in stream order; a repeat is the same record
 * again and may come after later events of its line.
 * <p>
 * Its lag is the projection lag metric ({@code uplift_projection_lag_events{projection="credit-line-events"}}).
 * Without Kafka ({@code uplift.kafka.enabled=false}) the runner does not see it.
 */
@ApplicationScoped
@LookupIfProperty(name = "uplift.kafka.enabled", stringValue = "true", lookupIfMissing = true)
public class CreditLineEventsPublisher implements Projection, Projection.Outbound {

    public static final String NAME = "credit-line-events";
    /** Lines sent to at once: the emitter's buffer (128) stays well below its bound. */
    private static final int LINES_IN_FLIGHT = 64;

    /** The event types published; every other type stays inside Uplift. */
    public static final Set<Class<? extends CreditLineEvent>> PUBLISHED = Set.of(CreditLineOpened.class,
            CreditLimitChanged.class, IncreaseDecided.class, IncreaseReviewed.class, PricingTierChanged.class,
            WarningRaised.class, WarningCleared.class, WarningClearedByOfficer.class, WriteOffRecorded.class,
            // rules v5: a decrease (its CreditLimitChanged goes downstream like an increase's) and a tier move
            LimitDecreaseDecided.class, LimitDecreaseReviewed.class, TierChanged.class,
            // a referred decrease applied (or lapsed) when its review window passed: the app tells the borrower why
            CreditLineEvent.LimitDecreaseReferralExpired.class,
            // 提额名单 (issue 13 lists "offer made/withdrawn"): the app shows offers, and their acceptances
            CreditLineEvent.IncreaseOffered.class, CreditLineEvent.IncreaseOfferWithdrawn.class,
            CreditLineEvent.IncreaseOfferAccepted.class);

    private final MutinyEmitter<String> topic;

    public CreditLineEventsPublisher(@Channel(NAME) MutinyEmitter<String> topic) {
        this.topic = topic;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends CreditLineEvent>> eventTypes() {
        return PUBLISHED;
    }

    @Override
    public Uni<Void> apply(int generation, List<Applied> batch) {
        // The broker acknowledges on the producer's thread; the runner goes on on the Vert.x context the batch began on.
        Context context = Vertx.currentContext();
        Uni<Void> sent = send(batch);
        return context == null ? sent : sent.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Nothing to drop: what was published stays published (a rebuild publishes everything again, at-least-once). */
    @Override
    public Uni<Void> drop(int generation) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Each line's events one after another, each handed to the producer only once the broker has acknowledged the one
     * before, so a line's order holds even when a send fails and the batch is sent again; different lines in parallel.
     * A failed turn returns only once every send has settled: none of its records is still waiting in the producer to
     * overtake the next turn's.
     */
    private Uni<Void> send(List<Applied> batch) {
        Map<String, List<Applied>> byLine = batch.stream()
                .collect(Collectors.groupingBy(Applied::creditLineId, LinkedHashMap::new, Collectors.toList()));
        List<Uni<Void>> lines = byLine.values().stream().map(events -> inOrder(events, 0)).toList();
        return Uni.join().all(lines).usingConcurrencyOf(LINES_IN_FLIGHT).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> inOrder(List<Applied> events, int next) {
        return next == events.size() ? Uni.createFrom().voidItem()
                : send(events.get(next)).chain(() -> inOrder(events, next + 1));
    }

    private Uni<Void> send(Applied applied) {
        CreditLineEventMessage message = CreditLineEventMessage.of(applied);
        RecordHeaders headers = new RecordHeaders();
        message.headers().forEach(headers::add);
        return topic.sendMessage(Message.of(message.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(message.key()).withHeaders(headers).build()))
                .onFailure(CreditLineEventsPublisher::brokerUnavailable)
                .transform(failure -> new Projection.Unavailable("Kafka did not take event " + applied.recorded().eventId()
                        + " of " + applied.recorded().streamId() + "; the batch is sent again at the next turn", failure));
    }

    /** A broker that is down, unreachable or slow: passing, so the batch is retried and the publisher never stops. */
    private static boolean brokerUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
