package com.uplift.api;

import com.uplift.testing.Api;
import com.uplift.testing.EventCount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static com.uplift.testing.Api.anonymous;
import static com.uplift.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile requests of issue 10 that used to reach PostgreSQL or the HTTP layer's empty answers: each is now a
 * problem+json that names what is wrong, and none appends an event.
 */
@QuarkusTest
@Tag("integration")
class HostileInputTest {

    @Inject
    Pool pool;

    private String line;

    @BeforeEach
    void openLine() {
        line = "/api/credit-lines/" + Api.openLine("B-HOSTILE", "10000");
    }

    @Test
    void aNulCharacterInAnyTextIsA400NamingTheField() {
        assertRefused(() -> as("ops").body("{\"text\":\"a\\u0000b\"}").post(line + "/service-notes"), 400, "text");
        assertRefused(() -> as("ops").body("""
                        {"bureau":"PBOC","reportId":"R-1","score":720,"negativeRecords":["late\\u0000"],"pulledAt":"2026-01-01T00:00:00Z"}""")
                .post(line + "/bureau-reports"), 400, "negativeRecords[0]");
        assertRefused(() -> as("officer1").body("{\"level\":1,\"outcome\":\"APPROVE\",\"comment\":\"ok\\u0000\"}")
                .post(line + "/increase-requests/IR-1/reviews"), 400, "comment");
        assertRefused(() -> as("ops").body("{\"text\":\"bell\\u0007\"}").post(line + "/service-notes"), 400, "text");
        assertRefused(() -> as("ops").body("{\"text\":\"half a pair \\ud800\"}").post(line + "/service-notes"), 400, "text");
    }

    @Test
    void tabsAndLineBreaksAreText() {
        long before = events();
        as("ops").body("{\"text\":\"line one\\n\\tline two\\r\\n客户表示还款有困难\"}").post(line + "/service-notes")
                .then().statusCode(200);
        assertThat(events()).isGreaterThan(before);
    }

    @Test
    void aControlCharacterInAPathOrQueryParameterIsA400NamingIt() {
        assertRefused(() -> as("channel").urlEncodingEnabled(false).get("/api/credit-lines/%00"), 400, "id");
        assertRefused(() -> as("ops").urlEncodingEnabled(false).body("{\"amount\":1}").post("/api/credit-lines/%00/drawdowns"), 400, "id");
        assertRefused(() -> as("channel").urlEncodingEnabled(false).get("/api/credit-lines?borrowerId=%00"), 400, "borrowerId");
        assertRefused(() -> as("auditor").urlEncodingEnabled(false).get("/api/warnings?creditLineId=a%01b"), 400, "creditLineId");
    }

    @Test
    void aPageBeyondTheLastRowAnIntOffsetReachesIsA400NamingPage() {
        // page * size past Integer.MAX_VALUE used to wrap to a negative offset and fail as a 500
        assertRefused(() -> as("ops").get("/api/offers?page=2147483647"), 400, "page");
        assertRefused(() -> as("auditor").get("/api/warnings?page=2147483647"), 400, "page");
        assertRefused(() -> as("auditor").get("/api/warnings?page=5000000&size=500"), 400, "page");
        assertRefused(() -> as("channel").get("/api/credit-lines?page=2147483647"), 400, "page");
        // the last page an int offset reaches is still an answer (an empty one)
        as("auditor").get("/api/warnings?page=" + (Integer.MAX_VALUE / 500) + "&size=500").then().statusCode(200);
    }

    @Test
    void aQueryParameterItsTypeCannotHoldIsA400NamingItNotA404() {
        assertRefused(() -> as("officer1").get("/api/review-queue?level=abc"), 400, "level");
        assertRefused(() -> as("officer1").get("/api/review-queue?level=99999999999"), 400, "level");
        assertRefused(() -> as("ops").get("/api/offers?size=abc"), 400, "size");
        assertRefused(() -> as("ops").get("/api/offers?page=99999999999"), 400, "page");
        assertRefused(() -> as("auditor").get("/api/policies/1/diff?against=abc"), 400, "against");
        // a single-valued parameter given twice would quietly take the first
        assertRefused(() -> as("officer1").get("/api/review-queue?level=1&level=2"), 400, "level");
        // real 404s stay 404s
        assertRefused(() -> as("channel").get("/api/credit-lines/no-such-line"), 404, null);
        assertRefused(() -> as("ops").get("/api/no-such-thing"), 404, null);
    }

    @Test
    void aKeyGivenTwiceIsA400NamingIt() {
        assertRefused(() -> as("ops").body("{\"amount\":1,\"amount\":2}").post(line + "/drawdowns"), 400, "amount");
        assertRefused(() -> as("ops").body("{\"amount\":1,\"amount\":2,\"dueDate\":\"2026-01-01\",\"paidOn\":\"2026-01-01\"}")
                .post(line + "/repayments"), 400, "amount");
    }

    @Test
    void aValueOfAnotherJsonTypeThanTheFieldsIsA400NamingItNotConverted() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertRefused(() -> as("ops").body("{\"amount\":\"5.00\"}").post(line + "/drawdowns"), 400, "amount");
        assertRefused(() -> as("ops").body("{\"amount\":\"5.00\",\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}")
                .post(line + "/repayments"), 400, "amount");
        assertRefused(() -> as("ops").body("""
                        {"bureau":"PBOC","reportId":"R-1","score":"720","negativeRecords":[],"pulledAt":"2026-01-01T00:00:00Z"}""")
                .post(line + "/bureau-reports"), 400, "score");
        assertRefused(() -> as("channel").body("{\"borrowerId\":\"B-TYPES\",\"productCode\":\"XM-CASH\",\"initialLimit\":\"80000\"}")
                .post("/api/credit-lines"), 400, "initialLimit");
        assertRefused(() -> as("channel").body("{\"borrowerId\":42,\"productCode\":\"XM-CASH\",\"initialLimit\":80000}")
                .post("/api/credit-lines"), 400, "borrowerId");
        assertRefused(() -> as("ops").body("{\"text\":\"a note\",\"channel\":0}").post(line + "/service-notes"), 400, "channel");
        assertRefused(() -> as("ops").body("{\"kind\":0,\"direction\":\"ACQUIRED\",\"estimatedValue\":90000.00}")
                .post(line + "/asset-changes"), 400, "kind");
        // the same values as their own types are taken
        as("ops").body("{\"amount\":5.00}").post(line + "/drawdowns").then().statusCode(200);
    }

    @Test
    void anInstantIsAnIsoTextNotSecondsSince1970() {
        for (String pulledAt : new String[] {"5", "-5", "\"5\"", "\"2026-01-01\""}) {
            assertRefused(() -> as("ops").body("""
                            {"bureau":"PBOC","reportId":"R-9","score":720,"negativeRecords":[],"pulledAt":%s}"""
                            .formatted(pulledAt)).post(line + "/bureau-reports"), 400, "pulledAt");
        }
        assertRefused(() -> as("auditor").body("{\"from\":5}").post("/api/audit/verifications"), 400, "from");
        as("ops").body("""
                        {"bureau":"PBOC","reportId":"R-9","score":720,"negativeRecords":[],"pulledAt":"2026-01-01T00:00:00Z"}""")
                .post(line + "/bureau-reports").then().statusCode(200);
    }

    @Test
    void anIdempotencyKeySentBlankOrTwiceIsA400NotNoKey() {
        assertRefused(() -> as("ops").header("Idempotency-Key", "").body("{\"amount\":1.00}").post(line + "/drawdowns"),
                400, "Idempotency-Key");
        assertRefused(() -> as("ops").header("Idempotency-Key", "   ").body("{\"amount\":1.00}").post(line + "/drawdowns"),
                400, "Idempotency-Key");
        assertRefused(() -> as("ops").header("Idempotency-Key", "k-1").header("Idempotency-Key", "k-2")
                .body("{\"amount\":1.00}").post(line + "/drawdowns"), 400, "Idempotency-Key");
        as("ops").header("Idempotency-Key", "k-1").body("{\"amount\":1.00}").post(line + "/drawdowns").then().statusCode(200);
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsA413Problem() {
        String big = "{\"text\":\"" + "a".repeat(200_000) + "\"}";
        assertRefused(() -> as("ops").body(big).post(line + "/service-notes"), 413, null);
    }

    @Test
    void aRequestTargetOverTheLimitIsA414Problem() {
        assertRefused(() -> as("channel").get("/api/credit-lines/" + "a".repeat(9000)), 414, null);
    }

    @Test
    void anAnonymousRequestIsA401BeforeItsContentTypeOrPathIsJudged() {
        assertRefused(() -> anonymous().contentType("text/plain").body("x").post(line + "/drawdowns"), 401, null);
        assertRefused(() -> given().auth().preemptive().basic("ops", "wrong").contentType("text/plain").body("x")
                .post(line + "/drawdowns"), 401, null);
        assertRefused(() -> anonymous().get("/api/no-such-thing"), 401, null);
        // an authenticated caller still learns that the content type is wrong
        assertRefused(() -> as("ops").contentType("text/plain").body("x").post(line + "/drawdowns"), 415, null);
    }

    @Test
    void aBodyWithoutALengthIsReadUpToTheLimitAndRefusedAsAProblemBeyondIt() throws Exception {
        // chunked: no Content-Length to judge up front
        String small = chunked(line + "/service-notes", "{\"text\":\"sent in chunks\"}");
        assertThat(small.lines().findFirst().orElse("")).startsWith("HTTP/1.1 200");

        long before = events();
        String big = chunked(line + "/service-notes", "{\"text\":\"" + "a".repeat(200_000) + "\"}");
        assertThat(big.lines().findFirst().orElse("")).startsWith("HTTP/1.1 413");
        assertThat(big.toLowerCase()).contains("content-type: application/problem+json").contains("payload-too-large");
        assertThat(events()).isEqualTo(before);
    }

    /** Sends a POST as ops with a chunked body over a raw socket and returns the whole answer. */
    private static String chunked(String path, String body) throws java.io.IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Basic b3BzOm9wcw==\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                for (int from = 0; from < body.length(); from += 8192) {
                    String chunk = body.substring(from, Math.min(body.length(), from + 8192));
                    out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void assertRefused(Supplier<Response> call, int status, String field) {
        long before = events();
        Response response = call.get();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        if (field != null) {
            assertThat(response.jsonPath().getList("errors.field", String.class)).containsExactly(field);
        }
        assertThat(events()).as("events appended by a refused request").isEqualTo(before);
    }

    private long events() {
        return EventCount.of(pool);
    }
}
