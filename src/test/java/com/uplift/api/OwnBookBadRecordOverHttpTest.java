package com.uplift.api;

import com.uplift.testing.Borrowers;
import com.uplift.testing.Policies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11 item 3 through the REST API: any write-off is a bad record on our own book, and (rules v4) a reviewer
 * cannot approve a referral once a bad record has arrived after it.
 */
@QuarkusTest
@Tag("integration")
class OwnBookBadRecordOverHttpTest {

    private static final String YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    @Test
    void aWrittenOffLineRefusesDrawdownsIsDeclinedEveryIncreaseAndStillVerifies() {
        String line = Borrowers.goodBorrower("B-WRITE-OFF", "10000.00", "20000.00");

        as("ops").body(Map.of("amount", new BigDecimal("8500.00"), "writtenOffOn", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString()))
                .post(line + "/write-offs").then().statusCode(400).contentType("application/problem+json");
        String position = as("ops").body(Map.of("amount", new BigDecimal("8500.00"), "writtenOffOn", YESTERDAY))
                .post(line + "/write-offs").then().statusCode(200)
                .body("status", equalTo("WRITTEN_OFF"))
                .extract().jsonPath().getString("position");

        as("ops").body(Map.of("amount", new BigDecimal("100.00"))).post(line + "/drawdowns")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("LINE_WRITTEN_OFF"));
        as("ops").body(Map.of("amount", new BigDecimal("1.00"), "writtenOffOn", YESTERDAY)).post(line + "/write-offs")
                .then().statusCode(422).body("code", equalTo("ALREADY_WRITTEN_OFF"));
        // a clean year and a score of about 94: without the write-off this is an automatic +46%
        as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("DECLINED"))
                .body("reasons", equalTo(List.of("OWN_BOOK_BAD_RECORD")));

        String id = line.substring(line.lastIndexOf('/') + 1);
        as("officer1").get("/api/credit-lines?status=WRITTEN_OFF&borrowerId=B-WRITE-OFF&minPosition=" + position)
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        JsonPath report = com.uplift.testing.Api.reverify(id);
        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getInt("mismatchCount")).as(report.prettify()).isZero();
        assertThat(report.getBoolean("clean")).isTrue();
    }

    @Test
    void aReferralDecidedBeforeTheLineWasWrittenOffCannotBeApprovedAfterIt() {
        String line = Borrowers.goodBorrower("B-REVIEW-KO", "10000.00", "20000.00");
        // a dispute raises a WATCH flag: the request is referred to a risk officer
        as("ops").body(Map.of("text", "Customer raised a dispute about a charge", "channel", "CHAT"))
                .post(line + "/service-notes").then().statusCode(200);
        String requestId = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED")).extract().jsonPath().getString("requestId");
        String reviews = line + "/increase-requests/" + requestId + "/reviews";

        as("ops").body(Map.of("amount", new BigDecimal("3000.00"), "writtenOffOn", YESTERDAY)).post(line + "/write-offs")
                .then().statusCode(200);
        as("officer1").body(Map.of("level", 1, "outcome", "APPROVE", "comment", "looks fine")).post(reviews)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:business-rule"))
                .body("code", equalTo("OWN_BOOK_BAD_RECORD"))
                .body("detail", containsString("written off on " + YESTERDAY))
                .body("detail", containsString("NO_OWN_BOOK_BAD_RECORD"));
        as("officer1").body(Map.of("level", 1, "outcome", "DECLINE", "comment", "written off")).post(reviews)
                .then().statusCode(200).body("statusAfter", equalTo("DECLINED"))
                .body("creditLine.limit", equalTo(10000.00f));
    }

    @Test
    void aPolicyProposalWithABadRecordThresholdOutsideItsRangeIsRefusedNamingTheField() {
        int active = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath().getInt("activeVersion");
        Map<String, Object> policy = Policies.draftFrom(active, "v-next: no grace at all", "minScore", 70);
        policy.put("ownBookKnockout", Map.of("daysPastDue", 0, "lookbackMonths", 12, "anyWriteOff", true));
        as("admin").body(Map.of("basedOn", active, "reason", "stricter", "policy", policy)).post("/api/policies")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_POLICY"))
                .body("detail", containsString("ownBookKnockout.daysPastDue must lie in 1..180"));
        as("auditor").get("/api/policies").then().body("activeVersion", equalTo(active));
    }

}
