package com.uplift.api;

import com.uplift.testing.Api;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key's answer is written in the transaction that appends the command's events (issue 12, item 3):
 * duplicates running at the same time append one set of events and all get its answer, and a failure between the
 * append and the answer leaves neither, so the retry applies the command exactly once. This test installs a trigger
 * that fails the answer's write, so it runs on a database of its own.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(IdempotencyInsideAppendTest.OwnStore.class)
class IdempotencyInsideAppendTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final int DUPLICATES = 12;

    @Inject
    Pool pool;

    @Test
    void concurrentDuplicatesOfAKeyedRepaymentAppendOneSetOfEventsAndAllGetItsAnswer() throws Exception {
        String line = Api.openLine("B-IDEM-DUP", "20000");
        long before = version(line);
        String body = repayment("123.45");

        List<ExtractableResponse<Response>> answers = concurrently(DUPLICATES, () -> as("ops")
                .header("Idempotency-Key", "dup-repayment-1").body(body)
                .post("/api/credit-lines/" + line + "/repayments").then().extract());

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(200);
        assertThat(answers.stream().map(a -> a.body().asString()).collect(Collectors.toSet())).hasSize(1);
        Set<String> etags = answers.stream().map(a -> a.header("ETag")).collect(Collectors.toSet());
        assertThat(etags).hasSize(1);
        long answered = Long.parseLong(etags.iterator().next().replace("\"", ""));
        // one set of events: the stream ends where the one answer says, and holds one repayment of this amount
        assertThat(answered).isGreaterThan(before);
        assertThat(version(line)).isEqualTo(answered);
        assertThat(repaymentsOf(line, "123.45")).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesOfAKeyedOpeningOpenOneLine() throws Exception {
        String body = """
                {"borrowerId":"B-IDEM-OPEN","productCode":"XM-CASH","initialLimit":7000}""";

        List<ExtractableResponse<Response>> answers = concurrently(DUPLICATES, () -> as("channel")
                .header("Idempotency-Key", "dup-open-1").body(body).post("/api/credit-lines").then().extract());

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(201);
        assertThat(answers.stream().map(a -> a.header("Location")).collect(Collectors.toSet())).hasSize(1);
        long opened = pool.preparedQuery("""
                        SELECT count(*) AS n FROM events WHERE event_type = 'CreditLineOpened' AND payload->>'borrowerId' = $1""")
                .execute(Tuple.of("B-IDEM-OPEN")).await().indefinitely().iterator().next().getLong("n");
        assertThat(opened).isEqualTo(1);
    }

    @Test
    void aFailureBetweenTheAppendAndTheAnswerLeavesNeitherAndTheRetryAppliesTheCommandOnce() {
        String line = Api.openLine("B-IDEM-CRASH", "20000");
        long before = version(line);
        // The answer of a key starting "crash-" cannot be written: as if the service died right after the append.
        pool.query("""
                CREATE FUNCTION fail_answer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'simulated crash before the answer is stored';
                END $$;
                CREATE TRIGGER fail_answer BEFORE UPDATE ON idempotency_keys FOR EACH ROW
                    WHEN (NEW.idempotency_key LIKE 'crash-%' AND NEW.status IS NOT NULL) EXECUTE FUNCTION fail_answer()""")
                .execute().await().indefinitely();
        String body = repayment("77.70");
        try {
            int failed = as("ops").header("Idempotency-Key", "crash-repayment-1").body(body)
                    .post("/api/credit-lines/" + line + "/repayments").then().extract().statusCode();
            assertThat(failed).isGreaterThanOrEqualTo(500);
            // neither the events nor the key: the append rolled back with the answer
            assertThat(version(line)).isEqualTo(before);
            assertThat(repaymentsOf(line, "77.70")).isZero();
            assertThat(keyRows("crash-repayment-1")).isZero();
        } finally {
            pool.query("DROP TRIGGER fail_answer ON idempotency_keys; DROP FUNCTION fail_answer()").execute().await().indefinitely();
        }

        // the client retries at once (no lease to wait out): the command runs, once
        var retried = as("ops").header("Idempotency-Key", "crash-repayment-1").body(body)
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200).extract();
        var again = as("ops").header("Idempotency-Key", "crash-repayment-1").body(body)
                .post("/api/credit-lines/" + line + "/repayments").then().statusCode(200).extract();
        assertThat(again.body().asString()).isEqualTo(retried.body().asString());
        assertThat(repaymentsOf(line, "77.70")).isEqualTo(1);
        assertThat(version(line)).isEqualTo(Long.parseLong(retried.header("ETag").replace("\"", "")));
    }

    @Test
    void aRefusalIsTheKeysAnswerAndAppendsNothing() {
        String line = Api.openLine("B-IDEM-REFUSED", "20000");
        long before = version(line);
        String overdraw = "{\"amount\":999999.00}";
        var first = as("ops").header("Idempotency-Key", "refused-drawdown-1").body(overdraw)
                .post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(422).extract();
        var second = as("ops").header("Idempotency-Key", "refused-drawdown-1").body(overdraw)
                .post("/api/credit-lines/" + line + "/drawdowns").then().statusCode(422).extract();
        assertThat(second.body().asString()).isEqualTo(first.body().asString());
        assertThat(version(line)).isEqualTo(before);
        assertThat(keyRows("refused-drawdown-1")).isEqualTo(1);
    }

    private static String repayment(String amount) {
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        return "{\"amount\":" + amount + ",\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}";
    }

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private long version(String line) {
        return pool.preparedQuery("SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream_id = $1")
                .execute(Tuple.of("credit-line-" + line)).await().indefinitely().iterator().next().getLong("v");
    }

    private long repaymentsOf(String line, String amount) {
        return pool.preparedQuery("""
                        SELECT count(*) AS n FROM events
                        WHERE stream_id = $1 AND event_type = 'RepaymentRecorded' AND (payload->>'amount') = $2""")
                .execute(Tuple.of("credit-line-" + line, new java.math.BigDecimal(amount).toPlainString())).await().indefinitely().iterator().next().getLong("n");
    }

    private long keyRows(String key) {
        return pool.preparedQuery("SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getLong("n");
    }
}
