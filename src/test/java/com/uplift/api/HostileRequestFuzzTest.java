package com.uplift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.uplift.testing.Api;
import com.uplift.testing.EventCount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests against every POST endpoint (seeded: a failure names its seed and request number):
 * control characters and unpaired surrogates, huge, negative and zero numbers, wrong types, duplicate keys, deep
 * nesting, long strings, bad dates, unknown fields, bad ids, wrong content types, empty and broken bodies, invalid
 * UTF-8, bad headers, missing or wrong credentials. Whatever the answer, it is never a 5xx, every 4xx is
 * problem+json, and a refused request appends no event.
 */
@QuarkusTest
@Tag("integration")
class HostileRequestFuzzTest {

    private static final long SEED = 0x5EED_2026_1129L;
    private static final int REQUESTS = 2100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    Pool pool;

    /** HTTP/1.1 as the probes of issue 10 were sent (curl); the JDK client would otherwise try an h2c upgrade. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, String contentType, String body) {
    }

    /** A POST endpoint: who may call it, its path, and a body it accepts (null: it takes none). */
    record Target(String user, String path, String body) {
    }

    @Test
    void hostileRequestsAreRefusedAsProblemsWithoutServerErrorsOrAppendedEvents() throws Exception {
        List<Target> targets = targets();
        List<String> failures = new ArrayList<>();
        java.util.TreeMap<Integer, Integer> statuses = new java.util.TreeMap<>();
        int refused = 0;
        long events = EventCount.of(pool);
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            Random random = new Random(SEED + i);
            Target target = targets.get(random.nextInt(targets.size()));
            Hostile request = hostile(random, target);
            Answer response;
            try {
                response = request.send();
            } catch (java.io.IOException e) {
                failures.add("no HTTP answer (" + e + "): seed " + (SEED + i) + " (request " + i + "): " + request);
                continue;
            }
            long after = EventCount.of(pool);
            int status = response.status();
            statuses.merge(status, 1, Integer::sum);
            String where = "seed " + (SEED + i) + " (request " + i + "): " + request + " -> " + status + " " + abbreviate(response.body());
            if (status >= 500) {
                failures.add("server error: " + where);
            }
            if (status >= 400) {
                refused++;
                if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    failures.add("not problem+json (" + response.contentType() + "): " + where);
                }
                if (after != events) {
                    failures.add((after - events) + " events appended by a refused request: " + where);
                }
            }
            events = after;
        }
        System.out.printf("hostile requests (seed %d): %d sent, answers by status %s%n", SEED, REQUESTS, statuses);
        assertThat(failures).isEmpty();
        assertThat(refused).as("most generated requests are refused").isGreaterThan(REQUESTS / 2);
    }

    private static List<Target> targets() {
        String line = "/api/credit-lines/" + Api.openLine("B-FUZZ", "20000");
        String lineId = line.substring(line.lastIndexOf('/') + 1);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String policy = Api.as("admin").get("/api/policies/1").then().statusCode(200).extract().jsonPath().prettify();
        String policyBody;
        try {
            JsonNode document = JSON.readTree(policy).get("policy");
            ((ObjectNode) document).put("name", "fuzz");
            policyBody = JSON.writeValueAsString(NODES.objectNode().put("basedOn", 1).put("reason", "fuzz").set("policy", document));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return List.of(
                new Target("channel", "/api/credit-lines", "{\"borrowerId\":\"B-FUZZ\",\"productCode\":\"XM-CASH\",\"initialLimit\":1000.00,\"currency\":\"CNY\"}"),
                new Target("ops", "/api/credit-lines", "{\"borrowerId\":\"B-FUZZ\",\"productCode\":\"XM-CASH\",\"initialLimit\":1000.00,\"segment\":\"STANDARD\",\"openedOn\":\"2025-10-01\"}"),
                new Target("ops", line + "/drawdowns", "{\"amount\":10.00}"),
                new Target("ops", line + "/repayments", "{\"amount\":10.00,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}"),
                new Target("ops", line + "/missed-payments", "{\"dueDate\":\"" + today + "\",\"amountDue\":10.00}"),
                new Target("ops", line + "/delinquency-reports", "{\"daysPastDue\":0,\"asOf\":\"" + today + "\"}"),
                new Target("ops", line + "/income-verifications", "{\"monthlyIncome\":9000.00,\"source\":\"TAX_RECORD\",\"period\":\"2026-01\"}"),
                new Target("ops", line + "/asset-changes", "{\"kind\":\"DEPOSIT\",\"direction\":\"ACQUIRED\",\"estimatedValue\":1000.00}"),
                new Target("ops", line + "/bureau-reports", "{\"bureau\":\"PBOC\",\"reportId\":\"R-F\",\"score\":700,\"negativeRecords\":[\"none\"],\"pulledAt\":\"2026-01-01T00:00:00Z\"}"),
                new Target("ops", line + "/service-notes", "{\"text\":\"customer asked about fees\",\"channel\":\"CALL_CENTER\"}"),
                new Target("channel", line + "/increase-requests", "{\"requestedLimit\":25000.00}"),
                new Target("officer1", line + "/increase-requests/IR-none/reviews", "{\"level\":1,\"outcome\":\"APPROVE\",\"approvedLimit\":100.00,\"comment\":\"ok\"}"),
                new Target("senior1", line + "/increase-requests/IR-none/reviews", "{\"level\":2,\"outcome\":\"DECLINE\",\"comment\":\"no\"}"),
                new Target("admin", "/api/policies", policyBody),
                new Target("admin", "/api/policies/9999/approval", "{\"comment\":\"fuzz\"}"),
                new Target("admin", "/api/policies/9999/rejection", "{\"comment\":\"fuzz\"}"),
                new Target("auditor", "/api/policies/9999/simulations", "{\"lines\":[\"" + lineId + "\"],\"from\":\"2026-01-01T00:00:00Z\"}"),
                new Target("admin", "/api/admin/projections/no-such-projection/restart", "{\"skipFailedEvent\":false,\"reason\":\"fuzz\"}"),
                new Target("admin", "/api/admin/projections/no-such-projection/rebuild", null),
                new Target("admin", "/api/admin/reassessments", null),
                new Target("auditor", "/api/audit/verifications", "{\"lines\":[\"" + lineId + "\"]}"),
                new Target("admin", "/api/audit/anchors", null));
    }

    // ---- generating ----

    private static final String[] HOSTILE_TEXT = {"\\u0000", "a\\u0000b", "\\u0001\\u001f", "\\ud800", "x\\udc00y", "\\u0007bell",
            "\\u001b[31m", "'; DROP TABLE events; --", "%00", "${jndi:ldap://x}", "<script>", "\\\\", "线".repeat(300)};
    private static final String[] HOSTILE_NUMBERS = {"1e400", "-1e400", "1e-400", "99999999999999999999999999999.99", "-1",
            "0", "-0.0", "0.001", "1.005", "1e9999999", "123456789012.12", "2147483648", "-2147483649", "1E+2", "NaN",
            "Infinity", "0x10", "01", "1" + "0".repeat(2000)};
    private static final String[] WRONG_TYPES = {"[]", "{}", "true", "null", "\"\"", "\"12\"", "[1,2]", "{\"a\":1}", "\"x\""};
    private static final String[] BAD_DATES = {"\"2026-02-30\"", "\"0000-00-00\"", "\"+999999999-12-31\"", "\"-1-01-01\"",
            "\"2026-13-01T00:00:00Z\"", "\"2026-01-01T25:00:00Z\"", "\"\"", "\"9999-12-31\"", "\"1900-01-01\"", "\"2026-1-1\"",
            "\"2026-01-01T00:00:00+99:00\"", "\"yesterday\""};
    private static final String[] BAD_IDS = {"%00", "%01", "a%00b", "%ff%fe", "..%2F..%2Fq%2Fmetrics", "%E7%BA%BF", "%20",
            "x".repeat(9000), "x".repeat(100), "'%20OR%201=1", "%25", "null", "%C0%AF", "0"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/problem+json", "*/*", "", "json"};
    private static final String[] BAD_BODIES = {"", "null", "[]", "\"text\"", "{", "{\"a\":", "}{", "{} {}", "not json",
            "{\"a\":1,}", "{'a':1}", "\u0000", "[" .repeat(5000) + "]".repeat(5000), "{\"a\":" .repeat(3000) + "1" + "}".repeat(3000)};
    private static final String[] USERS = {"channel", "ops", "officer1", "senior1", "auditor", "admin"};

    /** One generated request and how to send it. */
    static final class Hostile {
        String user;
        String password;
        String path;
        String contentType = "application/json";
        byte[] body;
        String header;
        String headerValue;
        String kind;

        /** Sent with the JDK's client, not RestAssured: it must pass on bytes, types and paths exactly as generated. */
        Answer send() throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .timeout(Duration.ofSeconds(30))
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (header != null) {
                request.header(header, headerValue);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        }

        @Override
        public String toString() {
            String text = body == null ? "(no body)" : new String(body, StandardCharsets.UTF_8);
            return kind + " as " + user + " POST " + abbreviate(path) + " [" + contentType + "]"
                    + (header != null ? " " + header + ": " + abbreviate(headerValue) : "") + " " + abbreviate(text);
        }
    }

    private static Hostile hostile(Random random, Target target) throws Exception {
        Hostile request = new Hostile();
        request.user = target.user();
        request.password = target.user();
        request.path = target.path();
        String body = target.body();
        // endpoints without a body (anchoring, re-evaluation, rebuild) get only what must be refused: a valid call
        // would run the whole re-evaluation every time
        int kind = body == null ? pickKind(random, target) : random.nextInt(15);
        switch (kind) {
            case 0 -> {
                request.kind = "text";
                body = replaceAnyValue(random, body, "\"" + pick(random, HOSTILE_TEXT) + "\"", true);
            }
            case 1 -> {
                request.kind = "number";
                body = replaceAnyValue(random, body, pick(random, HOSTILE_NUMBERS), false);
            }
            case 2 -> {
                request.kind = "type";
                body = replaceAnyValue(random, body, pick(random, WRONG_TYPES), false);
            }
            case 3 -> {
                request.kind = "date";
                body = replaceAnyValue(random, body, pick(random, BAD_DATES), false);
            }
            case 4 -> {
                request.kind = "duplicate";
                JsonNode tree = JSON.readTree(body);
                String first = tree.fieldNames().hasNext() ? tree.fieldNames().next() : "amount";
                body = "{\"" + first + "\":" + pick(random, HOSTILE_NUMBERS) + "," + body.substring(1);
            }
            case 5 -> {
                request.kind = "nesting";
                int depth = 100 + random.nextInt(3000);
                body = replaceAnyValue(random, body, "[".repeat(depth) + "]".repeat(depth), false);
            }
            case 6 -> {
                request.kind = "long";
                body = replaceAnyValue(random, body, "\"" + "x".repeat(random.nextBoolean() ? 5000 : 70_000) + "\"", true);
            }
            case 7 -> {
                request.kind = "unknown-field";
                body = "{\"" + pick(random, new String[]{"actor", "creditLineId", "occurredAt", "__proto__", "a\\u0000"})
                        + "\":\"x\"," + body.substring(1);
            }
            case 8 -> {
                request.kind = "bad-body";
                body = pick(random, BAD_BODIES);
            }
            case 9 -> {
                request.kind = "bad-id";
                String id = pick(random, BAD_IDS);
                request.path = target.path().startsWith("/api/credit-lines/")
                        ? target.path().replaceFirst("/api/credit-lines/[^/]+", "/api/credit-lines/" + id)
                        : target.path().replaceFirst("/(no-such-projection|9999)", "/" + id);
            }
            case 10 -> {
                request.kind = "content-type";
                request.contentType = pick(random, CONTENT_TYPES);
                if (request.contentType.isEmpty()) {
                    request.contentType = null;
                }
            }
            case 11 -> {
                request.kind = "query";
                request.path = target.path() + "?" + pick(random, new String[]{"x=%00", "asOf=%01", "%00=1", "lines=%ED%A0%80", "a=" + "b".repeat(9000)});
            }
            case 12 -> {
                request.kind = "credentials";
                switch (random.nextInt(body == null ? 2 : 3)) {
                    case 0 -> request.user = null;
                    case 1 -> request.password = "wrong";
                    default -> {
                        request.user = pick(random, USERS);
                        request.password = request.user;
                    }
                }
            }
            case 13 -> {
                request.kind = "header";
                request.header = pick(random, new String[]{"Idempotency-Key", "If-Match", "X-Channel", "X-Request-Id", "X-Min-Position"});
                request.headerValue = pick(random, new String[]{"", " ", "\"abc\"", "W/\"1\"", "-1", "99999999999999999999", "x".repeat(300),
                        "APP", "SYSTEM", "back_office", "*", "a b", "\t"});
            }
            default -> {
                request.kind = "utf-8";
                byte[] valid = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
                byte[] broken = new byte[valid.length + 2];
                System.arraycopy(valid, 0, broken, 0, valid.length);
                int at = Math.max(1, valid.length / 2);
                System.arraycopy(valid, at, broken, at + 2, valid.length - at);
                broken[at] = (byte) 0xC3;
                broken[at + 1] = (byte) 0x28;
                request.body = broken;
                return request;
            }
        }
        request.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return request;
    }

    private static int pickKind(Random random, Target target) {
        int[] kinds = target.path().contains("no-such-projection") ? new int[]{9, 11, 12} : new int[]{11, 12};
        return kinds[random.nextInt(kinds.length)];
    }

    /**
     * Replaces one value somewhere in the body (any depth, object field or array element) with raw JSON text.
     *
     * @param textOnly prefer string values when there are any
     */
    private static String replaceAnyValue(Random random, String body, String raw, boolean textOnly) throws Exception {
        JsonNode tree = JSON.readTree(body);
        List<Slot> slots = new ArrayList<>();
        collect(tree, slots);
        List<Slot> preferred = textOnly ? slots.stream().filter(s -> s.current().isTextual()).toList() : slots;
        List<Slot> from = preferred.isEmpty() ? slots : preferred;
        if (from.isEmpty()) {
            return "{\"unexpected\":" + raw + "}";
        }
        Slot slot = from.get(random.nextInt(from.size()));
        JsonNode replacement = NODES.rawValueNode(new RawValue(raw));
        if (slot.parent() instanceof ObjectNode object) {
            object.set(slot.field(), replacement);
        } else {
            ((ArrayNode) slot.parent()).set(slot.index(), replacement);
        }
        return JSON.writeValueAsString(tree);
    }

    private record Slot(JsonNode parent, String field, int index, JsonNode current) {
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Slot(object, name, -1, object.get(name)));
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, array.get(i)));
                collect(array.get(i), slots);
            }
        }
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "null" : text.replace("\n", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "...(" + flat.length() + " chars)" : flat;
    }
}
