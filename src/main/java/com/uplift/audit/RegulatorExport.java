package com.uplift.audit;

import com.uplift.domain.creditline.CreditLineStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uplift.application.PolicyCatalog;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.Checkpoint;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports for regulators, streamed page by page in the store's gap-safe order. Every export ends with a manifest
 * line (the last line of the body): the scope, the counts and the SHA-256 of every byte before that line, so a
 * receiver can check that what it got is complete and unaltered. NDJSON carries every stored field of every event,
 * enough to recompute each stream's hash chain; with {@code lines} it also carries the policy book, so the receiver
 * has the policies the decisions name.
 * <p>
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class RegulatorExport {

    public static final String FORMAT = "uplift-audit-export/1";
    /** The last line of a CSV export starts with this; the manifest JSON follows it. */
    public static final String CSV_MANIFEST_PREFIX = "# manifest ";
    static final String CSV_HEADER = "creditLineId,streamVersion,kind,requestId,occurredAt,recordedAt,actor,channel,"
            + "correlationId,outcome,statusAfter,reviewer,level,oldLimit,newLimit,proposedLimit,reviewLevelsRequired,"
            + "score,grade,segment,strategyArm,reasons,policyVersion,policyContentHash,eventHash";
    private static final int PAGE = 1000;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final EventStore store;
    private final Clock clock;

    public RegulatorExport(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every event in scope as one canonical JSON object per line, then the manifest line. */
    public void events(AuditScope scope, OutputStream out) throws IOException {
        Hashing body = new Hashing(out);
        Map<String, Long> counts = new TreeMap<>();
        Checkpoint[] range = new Checkpoint[2];
        long total = forEachEvent(scope, true, event -> {
            body.line(CanonicalJson.write(exported(event)));
            counts.merge(event.eventType(), 1L, Long::sum);
            if (range[0] == null) {
                range[0] = event.checkpoint();
            }
            range[1] = event.checkpoint();
        });
        writeManifest(out, manifest(scope, "events", total, counts, range, body.sha256()), "");
    }

    /** Increase decisions and reviews in scope as CSV rows, then {@value #CSV_MANIFEST_PREFIX} and the manifest. */
    public void decisionsCsv(AuditScope scope, OutputStream out) throws IOException {
        Hashing body = new Hashing(out);
        body.line(CSV_HEADER);
        Map<String, Long> counts = new TreeMap<>();
        Checkpoint[] range = new Checkpoint[2];
        long[] rows = new long[1];
        forEachEvent(scope, false, event -> {
            if (!event.eventType().equals("IncreaseDecided") && !event.eventType().equals("IncreaseReviewed")) {
                return;
            }
            body.line(csvRow(event));
            rows[0]++;
            counts.merge(event.eventType(), 1L, Long::sum);
            if (range[0] == null) {
                range[0] = event.checkpoint();
            }
            range[1] = event.checkpoint();
        });
        writeManifest(out, manifest(scope, "decisions", rows[0], counts, range, body.sha256()), CSV_MANIFEST_PREFIX);
    }

    private interface EventSink {
        void accept(RecordedEvent event) throws IOException;
    }

    private long forEachEvent(AuditScope scope, boolean withPolicyBook, EventSink sink) throws IOException {
        List<String> streams = null;
        if (scope.someLines()) {
            streams = new ArrayList<>(scope.lines().stream().map(CreditLineStream::of).toList());
            if (withPolicyBook) {
                streams.add(PolicyCatalog.STREAM);
            }
        }
        long total = 0;
        Checkpoint after = Checkpoint.START;
        while (true) {
            List<RecordedEvent> page = store.readRange(after, scope.from(), scope.to(), streams, PAGE).await().atMost(WAIT);
            for (RecordedEvent event : page) {
                sink.accept(event);
                total++;
            }
            if (page.size() < PAGE) {
                return total;
            }
            after = page.getLast().checkpoint();
        }
    }

    /** Every stored field: with these, HashChain's formula recomputes {@code hash} from {@code previousHash}. */
    static JsonNode exported(RecordedEvent e) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("streamId", e.streamId());
        node.put("streamVersion", e.streamVersion());
        node.put("position", e.checkpoint().toString());
        node.put("eventId", e.eventId().toString());
        node.put("eventType", e.eventType());
        node.put("schemaVersion", e.schemaVersion());
        node.put("recordedAt", e.recordedAt().toString());
        node.set("payload", e.payload());
        node.set("metadata", CanonicalJson.toTree(e.metadata()));
        node.put("previousHash", e.previousHash());
        node.put("hash", e.hash());
        return node;
    }

    private JsonNode manifest(AuditScope scope, String content, long count, Map<String, Long> counts, Checkpoint[] range,
                              String sha256) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("format", FORMAT);
        manifest.put("content", content);
        manifest.put("from", scope.from() == null ? null : scope.from().toString());
        manifest.put("to", scope.to() == null ? null : scope.to().toString());
        manifest.set("lines", CanonicalJson.toTree(scope.lines()));
        manifest.put("count", count);
        manifest.set("countsByType", CanonicalJson.toTree(counts));
        manifest.put("firstPosition", range[0] == null ? null : range[0].toString());
        manifest.put("lastPosition", range[1] == null ? null : range[1].toString());
        manifest.put("generatedAt", clock.instant().toString());
        manifest.put("sha256", sha256);
        manifest.put("sha256Covers", "every byte of the body before this last line, UTF-8, each line ending in \\n");
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.set("manifest", manifest);
        return line;
    }

    private static void writeManifest(OutputStream out, JsonNode manifest, String prefix) throws IOException {
        out.write((prefix + CanonicalJson.write(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String csvRow(RecordedEvent event) {
        JsonNode p = event.payload();
        boolean decided = event.eventType().equals("IncreaseDecided");
        JsonNode assessment = p.path("assessment");
        List<String> reasons = new ArrayList<>();
        p.path("reasons").forEach(r -> reasons.add(r.asText()));
        List<String> cells = List.of(
                CreditLineStream.lineId(event.streamId()), Long.toString(event.streamVersion()),
                decided ? "DECISION" : "REVIEW", text(p, "requestId"), text(p, "occurredAt"), event.recordedAt().toString(),
                nullToEmpty(event.metadata().actor()), nullToEmpty(event.metadata().channel()),
                nullToEmpty(event.metadata().correlationId()),
                text(p, "outcome"), decided ? "" : text(p, "statusAfter"),
                text(p, "reviewer"), text(p, "level"), text(p, "oldLimit"),
                decided ? text(p, "newLimit") : text(p, "approvedLimit"), text(p, "proposedLimit"),
                text(p, "reviewLevelsRequired"), text(assessment, "score"), text(assessment, "grade"), text(p, "segment"),
                text(p, "strategyArm"), String.join("|", reasons), text(p, "policyVersion"), text(p, "policyContentHash"),
                event.hash());
        return String.join(",", cells.stream().map(RegulatorExport::csvCell).toList());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
    static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Writes lines through to the client while hashing them; the manifest line is written past it. */
    private static final class Hashing {
        private final OutputStream out;
        private final MessageDigest digest;

        Hashing(OutputStream out) {
            this.out = out;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        void line(String text) throws IOException {
            byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
            digest.update(bytes);
            out.write(bytes);
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
