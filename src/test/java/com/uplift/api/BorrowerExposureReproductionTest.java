package com.uplift.api;

import com.uplift.application.CreditLineService;
import com.uplift.domain.DeciderRules;
import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11 item 1 through the REST API: the borrower is the unit of exposure. Borrower B's line A holds 60,000 with a
 * clean year (income 30,000 a month); the channel asks with no amount and A is referred at about +46% (the issue's
 * history scored 94 and was referred at 88,300; {@link Borrowers#goodBorrower} scores a little lower and is referred
 * at 87,600). Before this change operations could then open line C at 140,000 (60,000 + 140,000 passed), and
 * officer1's approval of A left B holding 228,300. Now the pending proposal counts: C is refused, the approval goes
 * through, and B holds only A's new limit.
 */
@QuarkusTest
@Tag("integration")
class BorrowerExposureReproductionTest {

    @Inject
    CreditLineService lines;

    @Test
    void borrowerBCannotReach228300ThroughAReferralALineOpenedWhileItWaitsAndItsApproval() {
        String a = Borrowers.goodBorrower("B-EXPOSURE", "60000.00", "30000.00");
        JsonPath referral = as("channel").body("{}").post(a + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED")).extract().jsonPath();
        BigDecimal proposed = new BigDecimal(referral.getString("proposedLimit"));
        assertThat(proposed).isBetween(new BigDecimal("87000"), new BigDecimal("89000")); // below 3 x 30,000 = 90,000

        as("ops").body(opening("B-EXPOSURE", "140000")).post("/api/credit-lines").then().statusCode(422)
                .body("code", equalTo("ABOVE_BORROWER_MAX"))
                .body("detail", org.hamcrest.Matchers.containsString(proposed.add(new BigDecimal("140000")).toPlainString()));

        as("officer1").body("{\"level\":1,\"outcome\":\"APPROVE\",\"comment\":\"income verified\"}")
                .post(a + "/increase-requests/" + referral.getString("requestId") + "/reviews")
                .then().statusCode(200).body("statusAfter", equalTo("APPROVED"));

        // what B holds, from the lines' own streams (not the read model): A alone, at its new limit
        assertThat(lines.load(id(a)).await().indefinitely().state().limit()).isEqualByComparingTo(proposed);
        List<Map<String, Object>> reviewed = as("auditor").get(a + "/events?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.type == 'IncreaseReviewed' }");
        assertThat(reviewed).singleElement().satisfies(event -> {
            assertThat(event.get("schemaVersion")).isEqualTo(3);
            @SuppressWarnings("unchecked") Map<String, Object> payload = (Map<String, Object>) event.get("payload");
            assertThat(payload.get("rulesVersion")).isEqualTo(DeciderRules.CURRENT);
            assertThat(new BigDecimal(String.valueOf(payload.get("borrowerOtherLimits")))).isEqualByComparingTo("0");
        });
    }

    @Test
    void aReviewRechecksAffordabilityAcrossTheBorrowersLinesAsTheyAreAtReviewTime() {
        String a = Borrowers.goodBorrower("B-EXPOSURE-2", "60000.00", "30000.00");
        String requestId = as("channel").body("{}").post(a + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED")).extract().path("requestId");
        // about 88,000 pending + 100,000: within the 200,000 maximum, so the line opens
        as("ops").body(opening("B-EXPOSURE-2", "100000")).post("/api/credit-lines").then().statusCode(201);
        // but 3 x 30,000 = 90,000 of affordability is the borrower's, and C now takes all of it
        as("officer1").body("{\"level\":1,\"outcome\":\"APPROVE\",\"comment\":\"income verified\"}")
                .post(a + "/increase-requests/" + requestId + "/reviews")
                .then().statusCode(422).body("code", equalTo("ABOVE_AFFORDABILITY"));
        assertThat(lines.load(id(a)).await().indefinitely().state().limit()).isEqualByComparingTo("60000.00");

        // and a new request on A is sized to what the borrower has left: nothing
        as("officer1").body("{\"level\":1,\"outcome\":\"DECLINE\",\"comment\":\"exposure on line C\"}")
                .post(a + "/increase-requests/" + requestId + "/reviews").then().statusCode(200);
        as("channel").body("{}").post(a + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("DECLINED")).body("reasons", org.hamcrest.Matchers.hasItem("NO_HEADROOM"));
    }

    private static String opening(String borrowerId, String limit) {
        return """
                {"borrowerId":"%s","productCode":"XM-CASH","initialLimit":%s,"currency":"CNY","openedOn":"%s"}"""
                .formatted(borrowerId, limit, LocalDate.now(ZoneOffset.UTC).minusDays(1));
    }

    private static String id(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
