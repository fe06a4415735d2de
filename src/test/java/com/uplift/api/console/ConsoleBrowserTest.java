package com.uplift.api.console;

import com.uplift.testing.Borrowers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.net.URL;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static com.uplift.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk console in a real browser: headless Debian chromium driven by chromium-driver through Selenium. Officers
 * sign in with the form, work a two-level referral (officer1 at level 1, senior1 at level 2), a second officer's stale
 * form is refused with the API's problem details, roles hold per page, forms need their CSRF token, and the language
 * switch shows Chinese. Each page is saved as a screenshot under target/console-screenshots.
 */
@QuarkusTest
@Tag("integration")
class ConsoleBrowserTest {

    private static final Duration PATIENCE = ConsoleBrowser.PATIENCE;

    @TestHTTPResource("/")
    URL base;

    private ConsoleBrowser browsers;

    @BeforeEach
    void browsers() {
        browsers = new ConsoleBrowser(base);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    void officersWorkATwoLevelReferralAndAStaleFormIsRefusedWithTheApisProblem() throws Exception {
        Referral referral = referral("B-CONSOLE-2L");

        WebDriver officer1 = signIn("officer1");
        // the landing page of a reviewer is the queue, oldest first; the new referral is in it
        waitFor(officer1, By.id("queue"));
        assertThat(officer1.getCurrentUrl()).endsWith("/console/queue");
        WebElement row = officer1.findElement(By.cssSelector("tr[data-request='" + referral.requestId + "']"));
        assertThat(row.getText()).contains(referral.lineId).contains("Level 1").contains(en(referral.proposedLimit));
        screenshot(officer1, "queue");

        WebDriver officer2 = signIn("officer2");
        officer2.get(caseUrl(referral));
        waitFor(officer2, By.id("review-form"));   // officer2 opens the case too, while it still awaits level 1

        row.findElement(By.cssSelector("a.open-case")).click();
        waitFor(officer1, By.id("review-form"));
        // the explanation, readable: the scorecard as a chart and a table, every rule with its result and values
        ConsoleBrowser.patiently(officer1).until(d -> d.findElement(By.id("scorecard-chart")).getDomAttribute("data-rendered") != null);
        assertThat(officer1.findElements(By.cssSelector("#scorecard-chart canvas"))).isNotEmpty();
        JsonPath decision = as("auditor").get(referral.linePath + "/decisions/" + referral.requestId).then().statusCode(200)
                .extract().jsonPath();
        List<String> characteristics = decision.getList("decision.assessment.breakdown.characteristic");
        assertThat(officer1.findElements(By.cssSelector("#scorecard tbody tr"))).hasSize(characteristics.size());
        assertThat(officer1.findElement(By.id("scorecard")).getText()).contains(characteristics.getFirst());
        List<String> rules = decision.getList("decision.rules.rule");
        assertThat(officer1.findElements(By.cssSelector("#rules tbody tr"))).hasSize(rules.size());
        assertThat(officer1.findElement(By.id("rules")).getText()).contains("PASS");
        assertThat(officer1.findElement(By.id("reasons")).getText()).contains("ABOVE_AUTO_APPROVAL_CEILING");
        assertThat(officer1.findElement(By.id("proposed-limit")).getText()).isEqualTo(en(referral.proposedLimit));
        assertThat(officer1.findElement(By.id("fact-limit")).getText()).isEqualTo(en(new BigDecimal("80000.00")));
        assertThat(officer1.findElement(By.id("review-title")).getText()).contains("level 1");
        screenshot(officer1, "case");

        officer1.findElement(By.id("comment")).sendKeys("income verified by phone");
        officer1.findElement(By.id("submit-review")).click();
        waitFor(officer1, By.id("reviewed"));
        assertThat(officer1.findElement(By.id("reviewed")).getText()).contains("PENDING");
        assertThat(officer1.findElement(By.id("reviews")).getText()).contains("officer1").contains("APPROVE");
        assertThat(officer1.findElement(By.id("review-title")).getText()).contains("level 2");
        screenshot(officer1, "case-after-level-1");
        as("auditor").get(referral.linePath + "/decisions/" + referral.requestId).then()
                .body("reviews.reviewer", org.hamcrest.Matchers.contains("officer1"));

        // officer2's form still says level 1: the API refuses it, and the page says why in the API's own words
        officer2.findElement(By.id("comment")).sendKeys("looks fine to me too");
        officer2.findElement(By.id("submit-review")).click();
        waitFor(officer2, By.id("refusal"));
        assertThat(officer2.findElement(By.id("refusal-status")).getText()).isEqualTo("422");
        assertThat(officer2.findElement(By.id("refusal-code")).getText()).isEqualTo("WRONG_REVIEW_LEVEL");
        assertThat(officer2.findElement(By.id("refusal-detail")).getText()).contains("awaits level 2");
        screenshot(officer2, "case-refused");
        // and a risk officer may not take level 2 either: the role check of the API, as a 403 problem
        officer2.findElement(By.id("comment")).sendKeys("let me approve level 2");
        officer2.findElement(By.id("submit-review")).click();
        ConsoleBrowser.patiently(officer2).until(d -> d.findElement(By.id("refusal-status")).getText().equals("403"));
        as("auditor").get(referral.linePath + "/decisions/" + referral.requestId).then()
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body("reviews.reviewer", org.hamcrest.Matchers.contains("officer1"));

        officer2.findElement(By.id("sign-out")).click();
        waitFor(officer2, By.id("sign-in"));
        officer2.get(base + "console/queue");   // signed out: the queue sends to the sign-in form again
        waitFor(officer2, By.id("sign-in"));

        WebDriver senior1 = signIn("senior1");
        senior1.get(caseUrl(referral));
        waitFor(senior1, By.id("review-form"));
        senior1.findElement(By.id("comment")).sendKeys("exposure acceptable");
        senior1.findElement(By.id("submit-review")).click();
        waitFor(senior1, By.id("reviewed"));
        assertThat(senior1.findElement(By.id("reviewed")).getText()).contains("APPROVED");
        assertThat(senior1.findElement(By.id("request-status")).getText()).isEqualTo("APPROVED");
        assertThat(senior1.findElement(By.id("fact-limit")).getText()).isEqualTo(en(referral.proposedLimit));
        assertThat(senior1.findElements(By.id("review-form"))).isEmpty();
        screenshot(senior1, "case-approved");
        as("auditor").get(referral.linePath).then()
                .body("limit", org.hamcrest.Matchers.equalTo(referral.proposedLimit.floatValue()));
    }

    @Test
    void theLinePageShowsTheStateNowAndAsOfAnEarlierInstantWithItsTimelineAndDecisions() throws Exception {
        String linePath = Borrowers.goodBorrower("B-CONSOLE-LINE", "80000.00", "40000.00");
        long factsVersion = as("auditor").get(linePath).then().extract().jsonPath().getLong("version");
        // a recording instant, to the second as the form takes it, after the facts and before the increase request
        Thread.sleep(1100);
        java.time.LocalDateTime between = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).withNano(0);
        Thread.sleep(1100);
        Referral referral = requested(linePath);

        WebDriver auditor = signIn("auditor");
        // an auditor is not a reviewer: the queue is not for that role
        auditor.get(base + "console/queue");
        waitFor(auditor, By.id("message"));
        assertThat(auditor.findElement(By.id("message")).getText()).isEqualTo("Your role may not open this page.");

        auditor.get(base + "console/line?id=" + referral.lineId);
        waitFor(auditor, By.id("timeline"));
        long version = as("auditor").get(referral.linePath).then().extract().jsonPath().getLong("version");
        assertThat(version).isGreaterThan(factsVersion);
        assertThat(auditor.findElement(By.id("state-title")).getText()).isEqualTo("State now (version " + version + ")");
        assertThat(auditor.findElements(By.cssSelector("#timeline tbody tr"))).hasSize((int) version);
        assertThat(auditor.findElement(By.id("timeline")).getText()).contains("IncreaseDecided").contains("channel").contains("APP");
        assertThat(auditor.findElement(By.id("decisions")).getText()).contains(referral.requestId).contains("REFERRED");
        screenshot(auditor, "line-now");

        // the as-of form, as an officer fills it in: the state as recorded up to then, before the request
        WebElement asOf = auditor.findElement(By.id("as-of"));
        ((org.openqa.selenium.JavascriptExecutor) auditor).executeScript("arguments[0].value = arguments[1]", asOf, between.toString());
        auditor.findElement(By.id("show-as-of")).click();
        new WebDriverWait(auditor, PATIENCE).until(d -> d.getCurrentUrl().contains("asOf="));
        waitFor(auditor, By.id("timeline"));
        assertThat(auditor.findElement(By.id("state-title")).getText())
                .isEqualTo("State as recorded up to " + between.toString().replace('T', ' ').substring(0, 16)
                        + " (version " + factsVersion + ")");
        assertThat(auditor.findElements(By.cssSelector("#timeline tbody tr.later"))).hasSize((int) (version - factsVersion));
        screenshot(auditor, "line-as-of");
    }

    @Test
    void theLanguageSwitchShowsChineseLabelsAndAmountsAndTheSessionCookieAndFormsAreGuarded() throws Exception {
        Referral referral = referral("B-CONSOLE-ZH");
        WebDriver officer = browser();
        officer.get(base + "console/queue");
        waitFor(officer, By.id("sign-in"));   // no session: the sign-in form, in the browser's language (English)
        assertThat(officer.findElement(By.cssSelector("label[for=j_username]")).getText()).isEqualTo("User name");
        officer.findElement(By.id("j_username")).sendKeys("officer1");
        officer.findElement(By.id("j_password")).sendKeys("wrong");
        officer.findElement(By.id("sign-in")).click();
        new WebDriverWait(officer, PATIENCE).until(d -> d.getCurrentUrl().contains("/console/login"));
        waitFor(officer, By.id("sign-in"));
        assertThat(officer.findElements(By.id("login-failed"))).as("at %s", officer.getCurrentUrl()).hasSize(1);
        assertThat(officer.findElements(By.id("who"))).isEmpty();

        officer = signIn("officer1");
        Cookie session = officer.manage().getCookieNamed("uplift-console");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");

        officer.get(caseUrl(referral));
        waitFor(officer, By.id("review-form"));
        officer.findElement(By.id("lang-zh")).click();
        waitFor(officer, By.id("review-form"));
        assertThat(officer.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(officer.findElement(By.id("nav-queue")).getText()).isEqualTo("审核队列");
        assertThat(officer.findElement(By.id("submit-review")).getText()).isEqualTo("提交审核");
        assertThat(officer.findElement(By.id("review-title")).getText()).isEqualTo("您的第1级审核");
        assertThat(officer.findElement(By.id("proposed-limit")).getText()).isEqualTo(zh(referral.proposedLimit));
        screenshot(officer, "case-zh");
        officer.findElement(By.id("nav-queue")).click();
        waitFor(officer, By.id("queue"));
        assertThat(officer.findElement(By.tagName("h1")).getText()).isEqualTo("审核队列");
        screenshot(officer, "queue-zh");
        officer.findElement(By.id("lang-en")).click();
        waitFor(officer, By.id("queue"));
        assertThat(officer.findElement(By.tagName("h1")).getText()).isEqualTo("Review queue");

        // a review posted with the session but without the form's CSRF token is refused and records nothing
        given().cookie("uplift-console", session.getValue()).contentType("application/x-www-form-urlencoded")
                .formParam("line", referral.lineId).formParam("request", referral.requestId).formParam("level", "1")
                .formParam("outcome", "DECLINE").formParam("comment", "forged")
                .redirects().follow(false)
                .post("/console/review").then().statusCode(400);
        as("auditor").get(referral.linePath + "/decisions/" + referral.requestId).then()
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body("reviews", org.hamcrest.Matchers.empty());
    }

    // ---- the referral and the browser ----

    record Referral(String linePath, String lineId, String requestId, BigDecimal proposedLimit) {
    }

    /** A good borrower at 80,000 asks for more: referred, to two levels (above the level-1 ceiling). */
    private static Referral referral(String borrowerId) {
        return requested(Borrowers.goodBorrower(borrowerId, "80000.00", "40000.00"));
    }

    private static Referral requested(String line) {
        JsonPath answer = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .extract().jsonPath();
        assertThat(answer.getString("outcome")).isEqualTo("REFERRED");
        assertThat(answer.getInt("reviewLevelsRequired")).isEqualTo(2);
        as("officer1").get("/api/review-queue?level=1&minPosition=" + answer.getString("creditLine.position"))
                .then().statusCode(200).header("X-Projection-Caught-Up", "true");
        return new Referral(line, line.substring(line.lastIndexOf('/') + 1), answer.getString("requestId"),
                new BigDecimal(answer.getString("proposedLimit")));
    }

    private String caseUrl(Referral referral) {
        return base + "console/case?line=" + referral.lineId + "&request=" + referral.requestId;
    }

    private WebDriver signIn(String user) {
        return browsers.signIn(user);
    }

    private WebDriver browser() {
        return browsers.open();
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return ConsoleBrowser.waitFor(browser, what);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        ConsoleBrowser.screenshot(browser, name);
    }

    private static String en(BigDecimal amount) {
        return "CN¥" + grouped(amount);
    }

    private static String zh(BigDecimal amount) {
        return "¥" + grouped(amount);
    }

    private static String grouped(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }
}
