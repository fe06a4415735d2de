package com.uplift.servicingfeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servicing facts that could not be recorded. Each goes to the dead-letter topic (its original key and headers, plus
 * {@code dead-letter-*} headers; the value says the reason, the problem and the original record) and into the
 * {@code dead_letters} table, which this class owns: operators list and replay them from there
 * ({@link DeadLetterResource}), without reading a topic from its start, and a replay's outcome is kept with the letter.
 * Counted in {@value #METER}{reason}.
 */
@ApplicationScoped
public class DeadLetters {

    /** The outgoing channel of the dead-letter topic ({@code uplift.servicing-facts.dlq} by default). */
    public static final String CHANNEL = "servicing-facts-dlq";
    static final String METER = "uplift.servicing.feed.dead.letters";

    public enum Reason {
        /** The message could not be read: not JSON, a field missing or invalid (a 400 over REST). */
        MALFORMED,
        /** Read, but answered with a problem by the command path: unknown line, a business rule (404, 422). */
        REFUSED,
        /** An unexpected failure that is no outage: kept rather than retried for ever, which would block the line. */
        FAILED
    }

    /** A dead letter as operators see it. */
    public record DeadLetter(long id, String topic, int partition, long offset, String key, String payload,
                             Map<String, String> headers, Reason reason, JsonNode problem, String messageId,
                             String creditLineId, Instant deadLetteredAt, int refusedReplays, Instant replayedAt,
                             Integer replayStatus) {
    }

    private static final String COLUMNS = """
            id, topic, kafka_partition, kafka_offset, record_key, payload, headers, reason, problem, message_id,
            credit_line_id, dead_lettered_at, refused_replays, replayed_at, replay_status""";
    private static final String INSERT = """
            INSERT INTO dead_letters (topic, kafka_partition, kafka_offset, record_key, payload, headers, reason, problem,
                                      message_id, credit_line_id, dead_lettered_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING""";
    private static final String LIST = "SELECT " + COLUMNS + " FROM dead_letters WHERE id > $1 ORDER BY id LIMIT $2";
    private static final String FIND = "SELECT " + COLUMNS + " FROM dead_letters WHERE id = $1";
    private static final String REPLAYED = """
            UPDATE dead_letters SET replayed_at = $2, replay_status = $3 WHERE id = $1 AND replayed_at IS NULL""";
    /** Only the replay that saw this count moves it on: two replays refused at once take one new key, not two. */
    private static final String REFUSED_AGAIN = """
            UPDATE dead_letters SET refused_replays = refused_replays + 1 WHERE id = $1 AND refused_replays = $2""";

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;
    private final MutinyEmitter<String> topic;
    private final MeterRegistry registry;
    private final Map<Reason, Counter> counted = new ConcurrentHashMap<>();

    public DeadLetters(Pool pool, ObjectMapper json, Clock clock, @Channel(CHANNEL) MutinyEmitter<String> topic,
                       MeterRegistry registry) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
        this.topic = topic;
        this.registry = registry;
        Arrays.stream(Reason.values()).forEach(this::counter); // every reason reads 0 from the start, not "absent"
    }

    /**
     * Keeps a record that cannot be recorded: in the table (once per record, however often it is delivered), then on
     * the dead-letter topic. Completes once both hold it; a failure (an outage) leaves the record to be tried again.
     */
    public Uni<Void> keep(SourceRecord record, Reason reason, Response problem, ServicingFactMessage message) {
        JsonNode problemJson = problemOf(problem);
        Instant now = clock.instant();
        Tuple row = Tuple.tuple(Arrays.asList(record.topic(), record.partition(), record.offset(), record.key(),
                record.payload(), new JsonObject(Map.copyOf(record.headers())), reason.name(),
                new JsonObject(json.convertValue(problemJson, Map.class)), message == null ? null : message.messageId(),
                message == null ? null : message.creditLineId(), now.atOffset(ZoneOffset.UTC)));
        return pool.preparedQuery(INSERT).execute(row)
                .chain(() -> topic.sendMessage(toTopic(record, reason, problemJson, now)))
                .invoke(() -> counter(reason).increment());
    }

    public Uni<List<DeadLetter>> list(long afterId, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(afterId, limit))
                .map(rows -> { List<DeadLetter> letters = new java.util.ArrayList<>(); rows.forEach(r -> letters.add(of(r))); return letters; });
    }

    public Uni<Optional<DeadLetter>> find(long id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(of(rows.iterator().next())) : Optional.empty());
    }

    /** A replay recorded the fact: the letter says when and with what status, and is not replayed again. */
    Uni<Void> replayed(long id, int status) {
        return pool.preparedQuery(REPLAYED).execute(Tuple.of(id, clock.instant().atOffset(ZoneOffset.UTC), status)).replaceWithVoid();
    }

    /** A replay was refused again: the next one runs under a new key (the refusal is the answer of this one's). */
    Uni<Void> refusedAgain(long id, int refusedReplaysSeen) {
        return pool.preparedQuery(REFUSED_AGAIN).execute(Tuple.of(id, refusedReplaysSeen)).replaceWithVoid();
    }

    /** The problem+json body of an answer: the Problem itself, or its stored text when the answer was replayed. */
    JsonNode problemOf(Response problem) {
        Object entity = problem.getEntity();
        try {
            return entity instanceof String text ? json.readTree(text) : json.valueToTree(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer that is not JSON", e);
        }
    }

    private Message<String> toTopic(SourceRecord record, Reason reason, JsonNode problem, Instant at) {
        ObjectNode value = json.createObjectNode();
        value.put("reason", reason.name());
        value.set("problem", problem);
        value.put("topic", record.topic());
        value.put("partition", record.partition());
        value.put("offset", record.offset());
        value.put("key", record.key());
        value.put("payload", record.payload());
        value.set("headers", json.valueToTree(record.headers()));
        value.put("deadLetteredAt", at.toString());
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((name, text) -> headers.add(name, text.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put("dead-letter-reason", reason.name());
        ours.put("dead-letter-problem-type", problem.path("type").asText());
        ours.put("dead-letter-topic", record.topic());
        ours.put("dead-letter-partition", Integer.toString(record.partition()));
        ours.put("dead-letter-offset", Long.toString(record.offset()));
        ours.forEach((name, text) -> headers.add(name, text.getBytes(StandardCharsets.UTF_8)));
        return Message.of(value.toString()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build());
    }

    private Counter counter(Reason reason) {
        return counted.computeIfAbsent(reason, r -> Counter.builder(METER).tag("reason", r.name())
                .description("servicing facts sent to the dead-letter topic").register(registry));
    }

    private DeadLetter of(Row row) {
        Map<String, String> headers = new LinkedHashMap<>();
        row.getJsonObject("headers").forEach(entry -> headers.put(entry.getKey(), String.valueOf(entry.getValue())));
        OffsetDateTime replayedAt = row.getOffsetDateTime("replayed_at");
        return new DeadLetter(row.getLong("id"), row.getString("topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getString("record_key"), row.getString("payload"), headers,
                Reason.valueOf(row.getString("reason")), json.valueToTree(row.getJsonObject("problem").getMap()),
                row.getString("message_id"), row.getString("credit_line_id"), row.getOffsetDateTime("dead_lettered_at").toInstant(),
                row.getInteger("refused_replays"), replayedAt == null ? null : replayedAt.toInstant(), row.getInteger("replay_status"));
    }
}
