package com.uplift.api;

import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.uplift.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11 item 6, the rest: the customer's texts of the reasons are not only on the increase request's answer but on
 * every decision read back (GET .../decisions, .../decisions/{requestId}) and on a review's answer, in the language
 * Accept-Language prefers (zh-CN unless English is preferred).
 */
@QuarkusTest
@Tag("integration")
class ReasonTextsBeyondTheRequestTest {

    private static final String WATCH_EN = "A point on your account needs to be checked by our staff.";
    private static final String WATCH_ZH = "您的账户有需要工作人员核实的事项。";

    @Test
    void aReferralReadBackFromTheDecisionsCarriesItsTextsInTheAskedLanguage() {
        String line = Borrowers.goodBorrower("B-TEXTS-READ", "10000.00", "45000.00");
        String requestId = referred(line);

        as("channel").header("Accept-Language", "en").get(line + "/decisions").then().statusCode(200)
                .body("[0].requestId", equalTo(requestId))
                .body("[0].decision.reasons", equalTo(List.of("WATCH_FLAG")))
                .body("[0].reasonTexts", equalTo(List.of(Map.of("code", "WATCH_FLAG", "text", WATCH_EN))))
                .body("[0].reviewReasonTexts", equalTo(List.of()));
        as("auditor").get(line + "/decisions").then().statusCode(200)
                .body("[0].reasonTexts[0].text", equalTo(WATCH_ZH));
        as("officer1").header("Accept-Language", "zh-CN,en;q=0.5").get(line + "/decisions/" + requestId)
                .then().statusCode(200).body("reasonTexts[0].text", equalTo(WATCH_ZH));
    }

    @Test
    void aDeclineAtReviewIsExplainedOnTheReviewAnswerAndOnTheDecisionReadBack() {
        String line = Borrowers.goodBorrower("B-TEXTS-REVIEW", "10000.00", "45000.00");
        String requestId = referred(line);

        as("officer1").header("Accept-Language", "en-US")
                .body(Map.of("level", 1, "outcome", "DECLINE", "comment", "dispute unresolved"))
                .post(line + "/increase-requests/" + requestId + "/reviews").then().statusCode(200)
                .body("statusAfter", equalTo("DECLINED"))
                .body("reasons", equalTo(List.of("DECLINED_AT_LEVEL_1")))
                .body("reasonTexts", equalTo(List.of(Map.of("code", "DECLINED_AT_LEVEL_1",
                        "text", "Our staff reviewed your request and could not approve it."))));

        as("channel").get(line + "/decisions/" + requestId).then().statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("reasonTexts[0].text", equalTo(WATCH_ZH))
                .body("reviewReasonTexts", equalTo(List.of(Map.of("code", "DECLINED_AT_LEVEL_1",
                        "text", "工作人员审核了您的申请，暂未能批准。"))));
    }

    /** A dispute note raises a WATCH flag: the increase is referred with WATCH_FLAG as its only reason. */
    private static String referred(String line) {
        as("ops").body(Map.of("text", "Customer raised a dispute about a charge", "channel", "CHAT"))
                .post(line + "/service-notes").then().statusCode(200);
        return as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED")).body("reasons", equalTo(List.of("WATCH_FLAG")))
                .extract().path("requestId");
    }
}
