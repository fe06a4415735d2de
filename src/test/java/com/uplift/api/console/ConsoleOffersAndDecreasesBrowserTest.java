package com.uplift.api.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uplift.application.IncreaseListPolicy;
import com.uplift.testing.Borrowers;
import com.uplift.testing.OwnDatabase;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.uplift.api.console.ConsoleBrowser.screenshot;
import static com.uplift.api.console.ConsoleBrowser.waitFor;
import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The console's pages for what came after it (issue 15): an admin starts the offer scan from the increase list page,
 * follows it to COMPLETED and finds the line's offer listed; an officer reviews a referred limit decrease on the line
 * page (opened from the review queue), is first refused with the API's problem shown, then records the level-1 review;
 * a senior risk officer finds it at level 2 in the queue and applies it; it then leaves the queue.
 * <p>
 * Its own database: the policy it puts in force (offers, and decreases with DPD_60 referred to two review levels,
 * proposed by admin and approved by admin2) must not decide other tests' lines.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(ConsoleOffersAndDecreasesBrowserTest.OwnStore.class)
class ConsoleOffersAndDecreasesBrowserTest {

    public static class OwnStore extends OwnDatabase {
    }

    private static final Duration PATIENCE = ConsoleBrowser.PATIENCE;
    private static volatile boolean policyInForce;

    @TestHTTPResource("/")
    URL base;

    private ConsoleBrowser browsers;

    @BeforeEach
    void browsersAndPolicy() {
        browsers = new ConsoleBrowser(base);
        putPolicyInForce();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    @Test
    void anAdminStartsAnOfferScanFollowsItAndSeesTheLinesOfferListed() throws Exception {
        String line = Borrowers.goodBorrower("B-CONSOLE-OFFER", "10000.00", "20000.00");
        String lineId = line.substring(line.lastIndexOf('/') + 1);

        WebDriver admin = browsers.signIn("admin");
        admin.findElement(By.id("nav-offers")).click();
        waitFor(admin, By.id("start-scan")).click();
        String started = waitFor(admin, By.id("scan-started")).getText();
        String runId = started.replaceAll(".*(SCAN-[0-9a-f-]+).*", "$1");
        assertThat(runId).startsWith("SCAN-");
        // the page reloads itself while the run is RUNNING; the run's row then reads COMPLETED
        By runRow = By.cssSelector("#scan-runs tr[data-scan='" + runId + "']");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                assertThat(admin.findElement(runRow).getDomAttribute("data-status")).isEqualTo("COMPLETED"));
        JsonPath run = as("admin").get("/api/admin/offer-scans/" + runId).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getInt("offered")).isGreaterThanOrEqualTo(1);
        assertThat(run.getString("requestedBy")).isEqualTo("admin");
        assertThat(admin.findElement(runRow).findElement(By.cssSelector(".scan-offered")).getText())
                .isEqualTo(Integer.toString(run.getInt("offered")));

        // the offers read model follows the log: reload until the line's offer is listed, as the API lists it
        String offerId = as("channel").get(line + "/offers").then().statusCode(200)
                .body("[0].status", equalTo("LIVE")).extract().jsonPath().getString("[0].offerId");
        By offerRow = By.cssSelector("#offers-table tr[data-offer='" + offerId + "']");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            admin.get(browsers.url("console/offers?status=LIVE"));
            assertThat(admin.findElements(offerRow)).hasSize(1);
        });
        WebElement offer = admin.findElement(offerRow);
        assertThat(offer.getDomAttribute("data-line")).isEqualTo(lineId);
        assertThat(offer.getDomAttribute("data-status")).isEqualTo("LIVE");
        assertThat(offer.findElement(By.cssSelector(".offered-limit")).getText()).contains("14,600.00");
        screenshot(admin, "offers");

        // in zh-CN: the increase list's page and the same offer
        admin.findElement(By.id("lang-zh")).click();
        waitFor(admin, offerRow);
        assertThat(admin.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(admin.findElement(By.tagName("h1")).getText()).isEqualTo("提额名单");
        assertThat(admin.findElement(offerRow).findElement(By.cssSelector(".offered-limit")).getText()).contains("14,600.00");
        screenshot(admin, "offers-zh");
        admin.findElement(By.id("lang-en")).click();
        waitFor(admin, offerRow);

        // the filter is the API's: no offer is WITHDRAWN in this book
        admin.get(browsers.url("console/offers?status=WITHDRAWN"));
        assertThat(waitFor(admin, By.id("offers-empty")).isDisplayed()).isTrue();
    }

    @Test
    void anOfficerThenASeniorReviewAReferredDecreaseFromTheQueueOnTheLinePage() throws Exception {
        String line = Borrowers.goodBorrower("B-CONSOLE-DECREASE", "10000.00", "20000.00");
        String lineId = line.substring(line.lastIndexOf('/') + 1);
        as("ops").body(Map.of("amount", new BigDecimal("2500.00"))).post(line + "/drawdowns").then().statusCode(200);
        as("ops").body(Map.of("daysPastDue", 65, "asOf", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString()))
                .post(line + "/delinquency-reports").then().statusCode(200).body("pendingDecrease", equalTo("LD-1"));

        WebDriver officer = browsers.signIn("officer1");
        // the review queue lists the referred decrease beside the increases; its link opens the line's decrease card
        By queued = By.cssSelector("#queue tr[data-decrease='LD-1'][data-line='" + lineId + "']");
        JsonPath graded = as("ops").get(line).then().statusCode(200).extract().jsonPath();
        assertThat(graded.getString("grade")).as("the line is graded").isNotNull();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            officer.get(browsers.url("console/queue"));
            assertThat(officer.findElements(queued)).hasSize(1);
            // the decrease shows its line's grade and score (from the line view, which may trail the queue briefly)
            assertThat(officer.findElement(queued).findElement(By.cssSelector(".grade")).getText())
                    .isEqualTo(graded.getString("grade"));
            assertThat(officer.findElement(queued).findElement(By.cssSelector(".score")).getText())
                    .isEqualTo(graded.getString("score"));
        });
        WebElement row = officer.findElement(queued);
        assertThat(row.findElement(By.cssSelector(".kind")).getText()).isEqualTo("Decrease");
        assertThat(row.getText()).contains("10,000.00").contains("3,500.00").contains("PAST_DUE").contains("Level 1");
        screenshot(officer, "queue-with-decrease");
        // in zh-CN: the same row, its kind and the deadline column in Chinese
        officer.findElement(By.id("lang-zh")).click();
        waitFor(officer, By.id("queue"));
        assertThat(officer.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(officer.findElement(By.tagName("h1")).getText()).isEqualTo("审核队列");
        assertThat(officer.findElement(By.cssSelector("#queue thead")).getText()).contains("类型").contains("审核时限");
        assertThat(officer.findElement(queued).findElement(By.cssSelector(".kind")).getText()).isEqualTo("降额");
        screenshot(officer, "queue-with-decrease-zh");
        officer.findElement(By.id("lang-en")).click();
        row = waitFor(officer, queued);
        row.findElement(By.cssSelector("a.open-case")).click();
        WebElement decrease = waitFor(officer, By.id("decrease-LD-1"));
        assertThat(officer.getCurrentUrl()).endsWith("/console/line?id=" + lineId + "#decrease-LD-1");
        assertThat(decrease.getDomAttribute("data-status")).isEqualTo("PENDING");
        assertThat(decrease.findElement(By.cssSelector(".decrease-triggers")).getText()).contains("DPD_60: DAYS_PAST_DUE 65 >= 60");
        assertThat(decrease.findElement(By.cssSelector(".decrease-reasons")).getText()).contains("PAST_DUE");

        // no comment: refused, the API's problem shown, nothing recorded
        officer.findElement(By.id("decrease-submit-LD-1")).click();
        assertThat(waitFor(officer, By.id("refusal")).getText()).contains("comment");
        as("officer1").get(line + "/decreases").then().statusCode(200)
                .body("[0].status", equalTo("PENDING")).body("[0].reviews.size()", equalTo(0));

        officer.findElement(By.id("decrease-comment-LD-1")).sendKeys("65 days past due confirmed with servicing");
        officer.findElement(By.id("decrease-submit-LD-1")).click();
        assertThat(waitFor(officer, By.id("decrease-reviewed")).getText()).contains("PENDING");
        assertThat(officer.findElement(By.id("decrease-LD-1")).getDomAttribute("data-status")).isEqualTo("PENDING");

        // level 2: a senior risk officer finds it in the queue at level 2 and applies it on the line page
        WebDriver senior = browsers.signIn("senior1");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            senior.get(browsers.url("console/queue"));
            assertThat(senior.findElement(queued).getText()).contains("Level 2");
        });
        senior.findElement(queued).findElement(By.cssSelector("a.open-case")).click();
        waitFor(senior, By.id("decrease-review-LD-1"));
        assertThat(senior.findElement(By.id("decrease-review-LD-1")).getText()).contains("2");
        senior.findElement(By.id("decrease-comment-LD-1")).sendKeys("agreed: the headroom goes");
        senior.findElement(By.id("decrease-submit-LD-1")).click();
        assertThat(waitFor(senior, By.id("decrease-reviewed")).getText()).contains("APPLIED");
        WebElement reviewed = senior.findElement(By.id("decrease-LD-1"));
        assertThat(reviewed.getDomAttribute("data-status")).isEqualTo("APPLIED");
        assertThat(reviewed.findElements(By.cssSelector(".decrease-reviews tbody tr"))).hasSize(2);
        assertThat(reviewed.findElements(By.cssSelector("form.decrease-review-form"))).isEmpty();
        screenshot(senior, "line-decrease-reviewed");
        officer.get(browsers.url("console/line?id=" + lineId));
        waitFor(officer, By.id("decrease-LD-1"));
        // in zh-CN: the line page's decreases card
        officer.findElement(By.id("lang-zh")).click();
        waitFor(officer, By.id("decrease-LD-1"));
        assertThat(officer.findElement(By.id("decreases-title")).getText()).isEqualTo("降额");
        assertThat(officer.findElement(By.id("decrease-LD-1")).getDomAttribute("data-status")).isEqualTo("APPLIED");
        screenshot(officer, "line-decrease-reviewed-zh");
        officer.findElement(By.id("lang-en")).click();
        waitFor(officer, By.id("decrease-LD-1"));

        // decided: gone from the queue once the read model has the review
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            officer.get(browsers.url("console/queue"));
            assertThat(officer.findElements(queued)).isEmpty();
            assertThat(officer.findElement(By.tagName("h1")).isDisplayed()).isTrue();
        });
        as("auditor").get(line + "/decreases").then().statusCode(200)
                .body("[0].status", equalTo("APPLIED"))
                .body("[0].newLimit", equalTo(3500.00f))
                .body("[0].reviews.reviewer", equalTo(List.of("officer1", "senior1")))
                .body("[0].reviews.comment", equalTo(List.of("65 days past due confirmed with servicing",
                        "agreed: the headroom goes")));
    }

    /**
     * Proposes (admin) and approves (admin2) the active policy with the shipped offers section and the shipped decreases
     * its decreases section (not tiering), DPD_60 referred to two review levels: the four-eyes path of any policy. Once per class.
     */
    @SuppressWarnings("unchecked")
    private static synchronized void putPolicyInForce() {
        if (policyInForce) {
            return;
        }
        int active = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath().getInt("activeVersion");
        Map<String, Object> policy = as("admin").get("/api/policies/" + active).then().statusCode(200)
                .extract().jsonPath().getMap("policy");
        Map<String, Object> sections = sections();
        ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) sections.get("decreases")).get("triggers")).get(0))
                .put("reviewLevels", 2);
        // the decreases only: the tiering rules would move a clean line to PRIME and change what it is offered
        policy.put("decreases", sections.get("decreases"));
        policy.put("offers", Arc.container().instance(ObjectMapper.class).get()
                .convertValue(IncreaseListPolicy.section(), Map.class));
        policy.put("name", "the console's offers and decreases");
        String location = as("admin").body(Map.of("basedOn", active, "reason", "issue 15: console pages",
                "policy", policy)).post("/api/policies").then().statusCode(201).extract().header("Location");
        as("admin2").body(Map.of("comment", "four eyes")).post(location + "/approval")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        policyInForce = true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sections() {
        try (InputStream in = ConsoleOffersAndDecreasesBrowserTest.class.getResourceAsStream(
                "/policies/sections/decreases-and-tiering.json")) {
            return new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
