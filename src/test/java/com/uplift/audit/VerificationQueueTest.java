package com.uplift.audit;

import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Verification jobs run on the managed executor one at a time, in the order they were submitted. */
@QuarkusTest
@Tag("integration")
class VerificationQueueTest {

    @Test
    void jobsSubmittedTogetherRunOneAfterAnotherInSubmissionOrder() {
        String line = Api.openLine("B-VERIFY-QUEUE", "2000");
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(as("auditor").body("{\"lines\":[\"" + line + "\"]}").post("/api/audit/verifications")
                    .then().statusCode(202).extract().header("Location"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.stream().allMatch(job ->
                "COMPLETED".equals(as("auditor").get(job).then().extract().jsonPath().getString("status"))));

        List<JsonPath> reports = jobs.stream().map(job -> as("auditor").get(job).then().statusCode(200).extract().jsonPath()).toList();
        for (int i = 1; i < reports.size(); i++) {
            Instant previousFinished = Instant.parse(reports.get(i - 1).getString("finishedAt"));
            Instant started = Instant.parse(reports.get(i).getString("startedAt"));
            assertThat(started).as("job %d starts after job %d finished", i, i - 1).isAfterOrEqualTo(previousFinished);
        }
        assertThat(reports).allSatisfy(report -> assertThat(report.getLong("linesChecked")).isEqualTo(1));
    }
}
