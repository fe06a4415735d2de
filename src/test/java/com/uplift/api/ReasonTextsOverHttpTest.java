package com.uplift.api;

import com.uplift.testing.Borrowers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static com.uplift.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11 item 6 through the REST API: a declined or referred increase answers with ranked reason codes and their
 * texts for the customer, in the language Accept-Language prefers; zh-CN unless English is preferred.
 */
@QuarkusTest
@Tag("integration")
class ReasonTextsOverHttpTest {

    @Test
    void aDeclineAfterA35DayDelinquencyQuotesTheOwnBookRecordFirstInEnglishWhenAsked() {
        String line = Borrowers.goodBorrower("B-REASONS-EN", "10000.00", "30000.00");
        as("ops").body(Map.of("daysPastDue", 35, "asOf", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()))
                .post(line + "/delinquency-reports").then().statusCode(200);

        as("channel").header("Accept-Language", "en-GB,en;q=0.9,zh-CN;q=0.5").body("{}")
                .post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("DECLINED"))
                // three knock-outs, then the characteristic that lost the score most points
                .body("reasons", equalTo(List.of("OWN_BOOK_BAD_RECORD", "PAST_DUE", "ACTIVE_WARNING", "WORST_DAYS_PAST_DUE")))
                .body("reasonTexts.code", equalTo(List.of("OWN_BOOK_BAD_RECORD", "PAST_DUE", "ACTIVE_WARNING",
                        "WORST_DAYS_PAST_DUE")))
                .body("reasonTexts[0].text",
                        equalTo("A payment on this credit line was 30 or more days late in the last 12 months."))
                .body("reasonTexts[1].text", equalTo("This credit line has an overdue amount today."))
                .body("reasonTexts[3].text", equalTo("A past payment was late for too long."));
    }

    @Test
    void aReferralForADisputeIsExplainedInChineseWhenZhCnIsAsked() {
        referred("B-REASONS-ZH", spec -> spec.header("Accept-Language", "zh-CN"))
                .body("reasonTexts[0].code", equalTo("WATCH_FLAG"))
                .body("reasonTexts[0].text", equalTo("您的账户有需要工作人员核实的事项。"));
    }

    @Test
    void withoutAcceptLanguageOrInALanguageWithoutACatalogueTheTextsAreChinese() {
        referred("B-REASONS-NONE", UnaryOperator.identity())
                .body("reasonTexts[0].text", equalTo("您的账户有需要工作人员核实的事项。"));
        referred("B-REASONS-FR", spec -> spec.header("Accept-Language", "fr-FR"))
                .body("reasonTexts[0].text", equalTo("您的账户有需要工作人员核实的事项。"));
    }

    @Test
    void englishIsChosenByQualityNotByPosition() {
        referred("B-REASONS-Q", spec -> spec.header("Accept-Language", "zh-CN;q=0.3, en;q=0.8"))
                .body("reasonTexts[0].text", equalTo("A point on your account needs to be checked by our staff."));
    }

    /** A dispute note raises a WATCH flag: the request is referred with WATCH_FLAG as its only reason. */
    private static io.restassured.response.ValidatableResponse referred(String borrower,
                                                                        UnaryOperator<RequestSpecification> language) {
        String line = Borrowers.goodBorrower(borrower, "10000.00", "45000.00");
        as("ops").body(Map.of("text", "Customer raised a dispute about a charge", "channel", "CHAT"))
                .post(line + "/service-notes").then().statusCode(200);
        return language.apply(as("channel")).body("{}").post(line + "/increase-requests").then().statusCode(201)
                .body("outcome", equalTo("REFERRED"))
                .body("reasons", equalTo(List.of("WATCH_FLAG")));
    }
}
