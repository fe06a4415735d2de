package com.uplift.servicingfeed;

import com.uplift.api.Problem;
import com.uplift.api.ProblemType;
import com.uplift.application.LineBusyException;
import com.uplift.eventstore.DatabaseUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Consumes the servicing-facts topics ({@code uplift.servicing-facts}, and {@code uplift.bureau-reports}, which
 * carries bureau reports only) in batches, and records each fact through the REST command path
 * ({@link ServicingFactIntake}).
 * <ul>
 * <li><b>Order.</b> Records are keyed by credit line, so one line's facts sit in one partition, in order. Within a
 *     batch the facts of one line are recorded one after another in offset order; different lines run side by side
 *     (at most {@code uplift.servicing-feed.concurrency}), as they would over HTTP.</li>
 * <li><b>Offsets.</b> A batch is acknowledged when every record in it is recorded or kept as a dead letter; only then
 *     may its offsets be committed (throttled strategy). A crash before that redelivers the batch, and the
 *     Idempotency-Key (the message id) makes the redelivery append nothing twice.</li>
 * <li><b>Never blocked, never lost.</b> A record that cannot be read or is refused (404, 422) goes to the dead-letter
 *     topic and table ({@link DeadLetters}) and the partition goes on.</li>
 * <li><b>An outage is not a dead letter.</b> While PostgreSQL is unreachable (or a line is busy) the record is tried
 *     again with a backoff of up to {@code uplift.servicing-feed.retry-max-backoff}, for as long as it takes: the
 *     batch waits, the connector pauses the partitions (and keeps its group membership), and it goes on when the
 *     database is back.</li>
 * </ul>
 * Counted in {@value #METER}{outcome=recorded|dead-lettered}; attempts to be made again in {@value #RETRIES}.
 */
@ApplicationScoped
public class ServicingFactsConsumer {

    public static final String CHANNEL = "servicing-facts";
    static final String METER = "uplift.servicing.feed.facts";
    static final String RETRIES = "uplift.servicing.feed.retries";
    private static final Logger LOG = Logger.getLogger(ServicingFactsConsumer.class);

    private final ServicingFactReader reader;
    private final ServicingFactIntake intake;
    private final DeadLetters deadLetters;
    private final ConsumerLag lag;
    private final int concurrency;
    private final Duration maxBackoff;
    private final Counter recorded;
    private final Counter deadLettered;
    private final Counter retried;
    private final AtomicBoolean waitingForTheDatabase = new AtomicBoolean();

    public ServicingFactsConsumer(ServicingFactReader reader, ServicingFactIntake intake, DeadLetters deadLetters,
                                  ConsumerLag lag, MeterRegistry registry,
                                  @ConfigProperty(name = "uplift.servicing-feed.concurrency", defaultValue = "16") int concurrency,
                                  @ConfigProperty(name = "uplift.servicing-feed.retry-max-backoff", defaultValue = "PT5S") Duration maxBackoff) {
        this.reader = reader;
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.lag = lag;
        this.concurrency = concurrency;
        this.maxBackoff = maxBackoff;
        this.recorded = Counter.builder(METER).tag("outcome", "recorded").description("servicing facts consumed").register(registry);
        this.deadLettered = Counter.builder(METER).tag("outcome", "dead-lettered").description("servicing facts consumed").register(registry);
        this.retried = Counter.builder(RETRIES).description("attempts to record a servicing fact that found the database "
                + "unavailable or the line busy, and will be made again").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<SourceRecord> records = batch.getRecords().stream().map(ServicingFactsConsumer::sourceOf).toList();
        return Multi.createFrom().iterable(byLine(records))
                .onItem().transformToUni(this::inOrder).merge(concurrency)
                .collect().last()
                .invoke(() -> lag.done(records))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** One line's records of a batch (same topic, partition and key), in offset order. */
    private static List<List<SourceRecord>> byLine(List<SourceRecord> records) {
        Map<String, List<SourceRecord>> lines = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            lines.computeIfAbsent(record.topic() + "\n" + record.partition() + "\n" + record.key(), k -> new ArrayList<>()).add(record);
        }
        return List.copyOf(lines.values());
    }

    private Uni<Void> inOrder(List<SourceRecord> lineRecords) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SourceRecord record : lineRecords) {
            chain = chain.chain(() -> handle(record));
        }
        return chain;
    }

    /** Records one fact or keeps it as a dead letter, trying again for as long as neither can be done. */
    Uni<Void> handle(SourceRecord record) {
        // What fails here was neither recorded nor kept: an outage of the database (or of the broker, for a dead
        // letter), or a busy line. Trying again is the only way that loses nothing (an unexpected failure of the
        // command itself is already a FAILED dead letter, see recordOrKeep).
        return Uni.createFrom().deferred(() -> recordOrKeep(record))
                .onFailure().invoke(this::waiting)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), maxBackoff).indefinitely()
                .invoke(() -> {
                    if (waitingForTheDatabase.compareAndSet(true, false)) {
                        LOG.info("servicing facts: recording again");
                    }
                });
    }

    private Uni<Void> recordOrKeep(SourceRecord record) {
        ServicingFactReader.Read read = reader.readFrom(record.topic(), record.key(), record.payload());
        return switch (read) {
            case ServicingFactReader.Unreadable unreadable -> keep(record, DeadLetters.Reason.MALFORMED, unreadable.problem(), null);
            case ServicingFactReader.Readable readable -> intake.record(readable.message(), readable.message().messageId())
                    .onFailure(failure -> !isTransient(failure)).recoverWithItem(ServicingFactsConsumer::unexpected)
                    .chain(answer -> answer.getStatus() < 300 ? counted()
                            : keep(record, answer.getStatus() >= 500 ? DeadLetters.Reason.FAILED : DeadLetters.Reason.REFUSED,
                            answer, readable.message()));
        };
    }

    private Uni<Void> counted() {
        recorded.increment();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> keep(SourceRecord record, DeadLetters.Reason reason, Response problem, ServicingFactMessage message) {
        return deadLetters.keep(record, reason, problem, message).invoke(() -> deadLettered.increment());
    }

    /** Nothing was recorded and trying again is right: the database is unreachable, or the line is busy. */
    static boolean isTransient(Throwable failure) {
        return DatabaseUnavailable.is(failure) || failure instanceof LineBusyException;
    }

    private static Response unexpected(Throwable failure) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(failure, "servicing fact failed unexpectedly, kept as a dead letter; incident %s", incident);
        return Problem.of(ProblemType.INTERNAL, "unexpected failure; incident " + incident).toResponse();
    }

    private void waiting(Throwable failure) {
        retried.increment();
        if (waitingForTheDatabase.compareAndSet(false, true)) {
            LOG.warnf("servicing facts: waiting to record (%s); the partition waits, nothing is dead-lettered", failure.toString());
        }
    }

    private static SourceRecord sourceOf(KafkaRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.getHeaders()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new SourceRecord(record.getTopic(), record.getPartition(),
                record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset(), record.getKey(),
                Objects.toString(record.getPayload(), null), headers);
    }
}
