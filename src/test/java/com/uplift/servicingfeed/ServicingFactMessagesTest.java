package com.uplift.servicingfeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servicing fact as a message is read with the REST layer's rules and recorded through its command path, for every
 * type: the same body gets the same problem over both edges, and a readable one is recorded with the sending system
 * as actor, channel STREAM and the message id as correlation id, once however often it is delivered. No broker here:
 * the reader and the intake are what the consumer calls for each record.
 */
@QuarkusTest
@Tag("integration")
class ServicingFactMessagesTest {

    private static final ZoneId POLICY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String YESTERDAY = LocalDate.now(POLICY_ZONE).minusDays(1).toString();
    private static final String LAST_MONTH = YearMonth.now(POLICY_ZONE).minusMonths(1).toString();
    private static final String AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    /** Per type: the REST path segment, a body that is valid, and one that breaks its validation. */
    private record Case(FactType type, String path, String valid, String invalid) {
    }

    /** In an order a line accepts them all (a drawdown before a missed payment that may freeze drawdowns). */
    private static final List<Case> CASES = List.of(
            new Case(FactType.DRAWDOWN, "drawdowns", "{\"amount\":100.00}", "{\"amount\":1234567890.00}"),
            new Case(FactType.REPAYMENT, "repayments",
                    "{\"amount\":50.00,\"dueDate\":\"" + YESTERDAY + "\",\"paidOn\":\"" + YESTERDAY + "\"}",
                    "{\"amount\":0.001,\"paidOn\":\"2999-01-01\"}"),
            new Case(FactType.INCOME_VERIFICATION, "income-verifications",
                    "{\"monthlyIncome\":20000.00,\"source\":\"SALARY_SLIP\",\"period\":\"" + LAST_MONTH + "\"}",
                    "{\"monthlyIncome\":-5,\"source\":\"SALARY_SLIP\"}"),
            new Case(FactType.ASSET_CHANGE, "asset-changes",
                    "{\"kind\":\"VEHICLE\",\"direction\":\"ACQUIRED\",\"estimatedValue\":180000.00}",
                    "{\"kind\":\"VEHICLE\",\"estimatedValue\":0}"),
            new Case(FactType.BUREAU_REPORT, "bureau-reports",
                    "{\"bureau\":\"PBOC\",\"reportId\":\"R-S-1\",\"score\":720,\"negativeRecords\":[],\"pulledAt\":\"" + AN_HOUR_AGO + "\"}",
                    "{\"bureau\":\"\",\"reportId\":\"R-S-2\",\"score\":200,\"negativeRecords\":[\"\"],\"pulledAt\":\"" + AN_HOUR_AGO + "\"}"),
            new Case(FactType.SERVICE_NOTE, "service-notes", "{\"text\":\"customer asked about the app's new look\"}",
                    "{\"text\":\"\",\"channel\":\"call centre\"}"),
            new Case(FactType.DELINQUENCY_REPORT, "delinquency-reports",
                    "{\"daysPastDue\":0,\"asOf\":\"" + YESTERDAY + "\"}", "{\"daysPastDue\":-1}"),
            new Case(FactType.MISSED_PAYMENT, "missed-payments",
                    "{\"dueDate\":\"" + YESTERDAY + "\",\"amountDue\":50.00}", "{\"dueDate\":\"" + YESTERDAY + "\",\"amountDue\":0}"));

    @Inject
    ServicingFactReader reader;

    @Inject
    ServicingFactIntake intake;

    @Inject
    ObjectMapper json;

    @Test
    void everyTypeIsCoveredHere() {
        assertThat(CASES).extracting(Case::type).containsExactlyInAnyOrder(FactType.values());
    }

    @Test
    void aBodyBrokenForRestIsBrokenTheSameWayAsAMessageOfEveryType() throws Exception {
        String line = Api.openLine("B-FEED-INVALID", "10000");
        for (Case c : CASES) {
            assertSameProblem(line, c, c.invalid());
        }
        Case drawdown = CASES.get(0);
        assertSameProblem(line, drawdown, "{\"amount\":100.00,\"currency\":\"CNY\"}");       // unknown field
        assertSameProblem(line, drawdown, "{\"amount\":100.00,\"amount\":200.00}");          // a key given twice
        assertSameProblem(line, CASES.get(5), "{\"text\":\"bell\\u0007\"}");                  // a control character
        assertSameProblem(line, CASES.get(2), "{\"monthlyIncome\":1.00,\"source\":\"LOTTERY\",\"period\":\"" + LAST_MONTH + "\"}");
        assertSameProblem(line, drawdown, "{\"amount\":\"a lot\"}");                          // wrong type
        assertSameProblem(line, drawdown, "{\"amount\":\"5.00\"}");                           // a number as text
    }

    @Test
    void theEnvelopeIsValidatedToo() throws Exception {
        assertProblem(reader.read("L-1", "{\"type\":\"DRAWDOWN\",\"creditLineId\":\"L-1\",\"source\":\"core\",\"fact\":{\"amount\":1.00}}", null),
                400, Map.of("messageId", "must not be null"));
        assertProblem(reader.read("L-1", "{\"messageId\":\"m 1\",\"type\":\"DRAWDOWN\",\"creditLineId\":\"L-1\",\"source\":\"core\",\"fact\":{\"amount\":1.00}}", null),
                400, Map.of("messageId", "must be 1-100 characters of [A-Za-z0-9._:-]"));
        assertProblem(reader.read("L-1", "{\"messageId\":\"m1\",\"type\":\"REFUND\",\"creditLineId\":\"L-1\",\"source\":\"core\",\"fact\":{}}", null),
                400, Map.of("type", "wrong type or format"));
        assertProblem(reader.read("L-1", "{\"messageId\":\"m1\",\"type\":\"DRAWDOWN\",\"creditLineId\":\"L-1\",\"fact\":{\"amount\":1.00}}", null),
                400, Map.of("source", "must not be null"));
        assertProblem(reader.read("L-1", "{\"messageId\":\"m1\",\"type\":\"DRAWDOWN\",\"creditLineId\":\"L-1\",\"source\":\"core\"}", null),
                400, Map.of("fact", "must not be null"));
        assertProblem(reader.read("L-1", "{\"messageId\":\"m1\",\"type\":\"DRAWDOWN\",\"creditLineId\":\"L-1\",\"source\":\"core\",\"fact\":{},\"priority\":1}", null),
                400, Map.of("priority", "unknown field"));
        assertProblem(reader.read("L-1", message("m1", FactType.DRAWDOWN, "L-1", "[1]"), null),
                400, Map.of("fact", "wrong type or format"));
        assertProblem(reader.read("L-2", message("m1", FactType.DRAWDOWN, "L-1", "{\"amount\":1.00}"), null),
                400, Map.of("key", "must be the creditLineId"));
        assertProblem(reader.read("L-1", message("m1", FactType.DRAWDOWN, "L-1", "{\"amount\":1.00}"), FactType.BUREAU_REPORT),
                400, Map.of("type", "must be BUREAU_REPORT on this topic"));
        assertProblem(reader.read("L-1", "not json", null), 400, Map.of());
        assertProblem(reader.read("L-1", "[1,2]", null), 400, Map.of());
        assertProblem(reader.read("L-1", null, null), 400, Map.of());
    }

    @Test
    void everyTypeIsRecordedThroughTheCommandPathOnceWithTheSourceAsActor() {
        String line = Api.openLine("B-FEED-VALID", "10000");
        int before = events(line).size();
        for (Case c : CASES) {
            String messageId = "feed-" + line + "-" + c.type();
            var read = reader.read(line, message(messageId, c.type(), line, c.valid()), null);
            assertThat(read).as(c.type().name()).isInstanceOf(ServicingFactReader.Readable.class);
            ServicingFactMessage fact = ((ServicingFactReader.Readable) read).message();
            Response first = intake.record(fact, messageId).await().indefinitely();
            assertThat(first.getStatus()).as(c.type() + ": " + first.getEntity()).isEqualTo(200);
            int after = events(line).size();
            assertThat(after).as(c.type().name()).isGreaterThan(before);

            Response again = intake.record(fact, messageId).await().indefinitely();
            assertThat(again.getStatus()).isEqualTo(200);
            assertThat(again.getEntityTag()).isEqualTo(first.getEntityTag());
            assertThat(events(line)).as(c.type() + " delivered twice").hasSize(after);

            List<Map<String, Object>> recorded = events(line).subList(before, after);
            for (Map<String, Object> event : recorded) {
                assertThat(event.get("metadata")).as(c.type().name()).isEqualTo(Map.of(
                        "correlationId", messageId, "causationId", ((Map<?, ?>) event.get("metadata")).get("causationId"),
                        "actor", "core-servicing", "channel", "STREAM", "requestId", messageId));
            }
            before = after;
        }
        List<Map<String, Object>> all = events(line);
        assertThat(all).extracting(event -> event.get("type")).contains("DrawdownRecorded", "RepaymentRecorded",
                "IncomeVerified", "BureauReportReceived", "ServiceNoteRecorded");
        // amounts keep their scale through the message, as over REST (100.00, not 100.0 or 1E+2)
        assertThat(all).filteredOn(event -> "DrawdownRecorded".equals(event.get("type")))
                .extracting(event -> (Object) ((Map<?, ?>) event.get("payload")).get("amount")).containsExactly("100.00");
    }

    @Test
    void aFactRefusedByABusinessRuleIsAProblemAnswerNotAFailure() {
        String line = Api.openLine("B-FEED-REFUSED", "10000");
        var read = (ServicingFactReader.Readable) reader.read(line, message("feed-too-much", FactType.DRAWDOWN, line, "{\"amount\":20000.00}"), null);
        Response refused = intake.record(read.message(), "feed-too-much").await().indefinitely();
        assertThat(refused.getStatus()).isEqualTo(422);
        var unknown = (ServicingFactReader.Readable) reader.read("no-such-line",
                message("feed-nowhere", FactType.DRAWDOWN, "no-such-line", "{\"amount\":1.00}"), null);
        assertThat(intake.record(unknown.message(), "feed-nowhere").await().indefinitely().getStatus()).isEqualTo(404);
    }

    static String message(String messageId, FactType type, String creditLineId, String body) {
        return "{\"messageId\":\"" + messageId + "\",\"type\":\"" + type + "\",\"creditLineId\":\"" + creditLineId
                + "\",\"source\":\"core-servicing\",\"fact\":" + body + "}";
    }

    private void assertSameProblem(String line, Case c, String body) throws Exception {
        io.restassured.response.Response rest = as("ops").body(body).post("/api/credit-lines/" + line + "/" + c.path());
        assertThat(rest.statusCode()).as(c.type() + " " + body).isEqualTo(400);
        var read = reader.read(line, message("m-" + c.type(), c.type(), line, body), null);
        assertThat(read).as(c.type() + " " + body).isInstanceOf(ServicingFactReader.Unreadable.class);
        Response problem = ((ServicingFactReader.Unreadable) read).problem();
        assertThat(problem.getStatus()).isEqualTo(400);
        // the message names the fact's fields fact.<field>; otherwise the problem is the REST one, word for word
        String asMessage = json.writeValueAsString(problem.getEntity()).replace("fact.", "");
        assertThat(comparable(asMessage)).as(c.type() + " " + body).isEqualTo(comparable(rest.asString()));
    }

    /** A problem with its errors in one order (two errors on one field come in no fixed order, over REST too). */
    private Map<?, ?> comparable(String problem) throws Exception {
        Map<String, Object> body = json.readValue(problem, Map.class);
        if (body.get("errors") instanceof List<?> errors) {
            body.put("errors", errors.stream().map(String::valueOf).sorted().toList());
        }
        return body;
    }

    private void assertProblem(ServicingFactReader.Read read, int status, Map<String, String> fieldErrors) {
        assertThat(read).isInstanceOf(ServicingFactReader.Unreadable.class);
        Response problem = ((ServicingFactReader.Unreadable) read).problem();
        assertThat(problem.getStatus()).isEqualTo(status);
        Map<?, ?> body = json.convertValue(problem.getEntity(), Map.class);
        Map<String, String> errors = new LinkedHashMap<>();
        if (body.get("errors") instanceof List<?> list) {
            list.forEach(e -> errors.put((String) ((Map<?, ?>) e).get("field"), (String) ((Map<?, ?>) e).get("message")));
        }
        assertThat(errors).as(String.valueOf(body)).isEqualTo(fieldErrors);
    }

    private static List<Map<String, Object>> events(String line) {
        return as("officer1").get("/api/credit-lines/" + line + "/events?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }
}
