package com.uplift.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.HashChain;
import com.uplift.testing.Borrowers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's policies and audit pages in a real browser (ConsoleBrowser: headless chromium). An admin proposes a
 * policy change by editing the policy in force, the same admin's approval is refused with the API's four-eyes
 * problem, a second admin approves it and it is in force by the API; the version's tree diff marks exactly the
 * API's changed paths; a simulation's figures are the API's; an auditor cannot propose; an auditor verifies a line
 * (zero mismatches, the API's own counts) and downloads the export whose manifest hashes what precedes it; an admin
 * anchors the heads; the policies page reads in Chinese. Screenshots under target/console-screenshots.
 */
@QuarkusTest
@Tag("integration")
class ConsoleGovernanceBrowserTest {

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
    void anAdminProposesTheSameAdminsApprovalIsRefusedAndASecondAdminPutsItInForce() throws Exception {
        String lineId = decidedLine("B-CONSOLE-GOV-POL");
        int inForce = as("auditor").get("/api/policies").then().statusCode(200).extract().jsonPath().getInt("activeVersion");
        int coolingOff = as("auditor").get("/api/policies/" + inForce).then().extract().jsonPath()
                .getInt("policy.increase.coolingOffDays");
        int newCoolingOff = coolingOff == 60 ? 75 : 60;

        WebDriver admin = browsers.signIn("admin");
        // an admin reads no credit lines: the landing page is the policy book
        waitFor(admin, By.id("policies"));
        assertThat(admin.getCurrentUrl()).endsWith("/console/policies");
        assertThat(admin.findElement(By.cssSelector("tr[data-version='" + inForce + "']")).getText()).contains("in force");
        screenshot(admin, "policies");

        admin.findElement(By.id("propose-link")).click();
        WebElement editor = waitFor(admin, By.id("policy-json"));
        // the text area holds the policy in force, as the API gives it
        JsonNode shown = CanonicalJson.parse(editor.getDomProperty("value"));
        assertThat(shown.get("increase").get("coolingOffDays").asInt()).isEqualTo(coolingOff);
        ((JavascriptExecutor) admin).executeScript("""
                var area = document.getElementById('policy-json');
                var policy = JSON.parse(area.value);
                policy.name = 'console pilot: shorter cooling-off';
                policy.increase.coolingOffDays = arguments[0];
                area.value = JSON.stringify(policy, null, 2);""", newCoolingOff);
        admin.findElement(By.id("proposal-reason")).sendKeys("pilot: a shorter cooling-off period");
        screenshot(admin, "policy-proposal");
        admin.findElement(By.id("propose")).click();
        waitFor(admin, By.id("done"));
        int proposed = Integer.parseInt(admin.getCurrentUrl().replaceAll(".*version=(\\d+).*", "$1"));
        assertThat(proposed).isGreaterThan(inForce);
        assertThat(admin.findElement(By.id("policy-status")).getDomAttribute("data-status")).isEqualTo("PROPOSED");
        assertThat(admin.findElement(By.id("proposed-by")).getText()).isEqualTo("admin");
        JsonPath recorded = as("auditor").get("/api/policies/" + proposed).then().statusCode(200).extract().jsonPath();
        assertThat(recorded.getString("summary.status")).isEqualTo("PROPOSED");
        assertThat(recorded.getString("summary.proposedBy")).isEqualTo("admin");
        assertThat(recorded.getInt("policy.increase.coolingOffDays")).isEqualTo(newCoolingOff);

        // the tree beside the policy in force marks exactly the paths the API's diff names, old and new value side by side
        List<String> apiChanges = as("auditor").get("/api/policies/" + proposed + "/diff").then().statusCode(200)
                .extract().jsonPath().getList("changes.path");
        // (the version number too: a proposal is numbered next whatever the edited document says)
        assertThat(apiChanges).containsExactlyInAnyOrder("version", "name", "increase.coolingOffDays");
        Set<String> marked = new HashSet<>();
        for (WebElement row : admin.findElements(By.cssSelector("#diff tr.changed:not(.branch)"))) {
            marked.add(row.getDomAttribute("data-path"));
        }
        assertThat(marked).containsExactlyInAnyOrderElementsOf(apiChanges);
        WebElement changedRow = admin.findElement(By.cssSelector("#diff tr[data-path='increase.coolingOffDays']"));
        assertThat(changedRow.findElement(By.cssSelector("td.before")).getText()).isEqualTo(String.valueOf(coolingOff));
        assertThat(changedRow.findElement(By.cssSelector("td.after")).getText()).isEqualTo(String.valueOf(newCoolingOff));
        assertThat(admin.findElement(By.cssSelector("#diff tr[data-path='increase']")).getDomAttribute("class")).contains("changed");
        // unchanged values are left out until asked for, then shown unmarked
        assertThat(admin.findElements(By.cssSelector("#diff tr[data-path='increase.minScore']"))).isEmpty();
        assertThat(admin.findElement(By.id("change-count")).getText()).startsWith("3 changed values");
        ((JavascriptExecutor) admin).executeScript("document.getElementById('diff-title').scrollIntoView()");
        screenshot(admin, "policy-diff");

        // before deciding: a simulation of the proposal over this line's recorded request, with the API's own figures
        admin.findElement(By.id("sim-lines")).sendKeys(lineId);
        admin.findElement(By.id("simulate")).click();
        waitFor(admin, By.id("sim-overall"));
        JsonPath simulated = as("auditor").body(Map.of("lines", List.of(lineId)))
                .post("/api/policies/" + proposed + "/simulations").then().statusCode(200).extract().jsonPath();
        assertThat(simulated.getLong("overall.recorded.requests")).isEqualTo(1);
        assertThat(cell(admin, "requests", 1)).isEqualTo(String.valueOf(simulated.getLong("overall.recorded.requests")));
        assertThat(cell(admin, "requests", 2)).isEqualTo(String.valueOf(simulated.getLong("overall.candidate.requests")));
        assertThat(cell(admin, "approved", 2)).isEqualTo(String.valueOf(simulated.getLong("overall.candidate.approved")));
        assertThat(cell(admin, "referred", 1)).isEqualTo(String.valueOf(simulated.getLong("overall.recorded.referred")));
        assertThat(admin.findElement(By.id("sim-summary")).getText())
                .startsWith(simulated.getLong("linesRead") + " lines read; " + simulated.getLong("overall.changed") + " requests");
        assertThat(admin.findElement(By.id("sim-grade")).getText()).contains(String.valueOf(simulated.getMap("byGrade").keySet().iterator().next()));
        screenshot(admin, "policy-simulation");
        admin.findElement(By.id("back-to-policy")).click();

        // four eyes: the proposer's own approval is refused, in the API's words, and nothing changes
        waitFor(admin, By.id("verdict-comment")).sendKeys("looks right to me");
        admin.findElement(By.id("approve")).click();
        waitFor(admin, By.id("refusal"));
        assertThat(admin.findElement(By.id("refusal-status")).getText()).isEqualTo("422");
        assertThat(admin.findElement(By.id("refusal-code")).getText()).isEqualTo("FOUR_EYES");
        assertThat(admin.findElement(By.id("refusal-detail")).getText())
                .isEqualTo("a policy is approved by an admin other than the one who proposed it");
        assertThat(admin.findElement(By.id("policy-status")).getDomAttribute("data-status")).isEqualTo("PROPOSED");
        screenshot(admin, "policy-four-eyes-refused");
        as("auditor").get("/api/policies").then().body("activeVersion", org.hamcrest.Matchers.equalTo(inForce));

        // a second admin approves: the version is in force, by the API
        WebDriver admin2 = browsers.signIn("admin2");
        admin2.get(base + "console/policy?version=" + proposed);
        waitFor(admin2, By.id("verdict-form"));
        admin2.findElement(By.id("verdict-comment")).sendKeys("checked against the pilot data");
        admin2.findElement(By.id("approve")).click();
        waitFor(admin2, By.id("done"));
        assertThat(admin2.findElement(By.id("done")).getText()).isEqualTo("Approved: this version is now in force.");
        assertThat(admin2.findElement(By.id("policy-status")).getText()).isEqualTo("in force");
        assertThat(admin2.findElement(By.id("approved-by")).getText()).isEqualTo("admin2");
        assertThat(admin2.findElements(By.id("verdict-form"))).isEmpty();
        // the policy in force is read beside the version it was based on: what its approval changed
        assertThat(admin2.findElement(By.id("diff-title")).getText()).isEqualTo("Beside version " + inForce);
        assertThat(admin2.findElements(By.cssSelector("#diff tr.changed:not(.branch)"))).hasSize(apiChanges.size());
        screenshot(admin2, "policy-approved");
        as("auditor").get("/api/policies").then().body("activeVersion", org.hamcrest.Matchers.equalTo(proposed));
        as("auditor").get("/api/policies/" + proposed).then().body("summary.approvedBy", org.hamcrest.Matchers.equalTo("admin2"));
        as("auditor").get("/api/policies/" + inForce).then().body("summary.status", org.hamcrest.Matchers.equalTo("RETIRED"));

        // the same page in Chinese
        admin2.get(base + "console/policies");
        waitFor(admin2, By.id("lang-zh")).click();
        waitFor(admin2, By.id("policies"));
        assertThat(admin2.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(admin2.findElement(By.tagName("h1")).getText()).isEqualTo("信贷策略");
        assertThat(admin2.findElement(By.id("nav-policies")).getText()).isEqualTo("策略");
        assertThat(admin2.findElement(By.id("propose-link")).getText()).isEqualTo("提交新版本提案");
        assertThat(admin2.findElement(By.cssSelector("tr[data-version='" + proposed + "']")).getText()).contains("生效中");
        assertThat(admin2.findElement(By.cssSelector("tr[data-version='" + inForce + "']")).getText()).contains("已停用");
        screenshot(admin2, "policies-zh");
    }

    @Test
    void anAuditorVerifiesAndExportsButCannotProposeAndAnAdminAnchorsTheHeads() throws Exception {
        String lineId = decidedLine("B-CONSOLE-GOV-AUD");
        int inForce = as("auditor").get("/api/policies").then().extract().jsonPath().getInt("activeVersion");

        WebDriver auditor = browsers.signIn("auditor");
        // auditors read the policies, and are given no way to change them
        auditor.findElement(By.id("nav-policies")).click();
        waitFor(auditor, By.id("policies"));
        assertThat(auditor.findElements(By.id("propose-link"))).isEmpty();
        auditor.get(base + "console/policy-proposal");
        waitFor(auditor, By.id("message"));
        assertThat(auditor.findElement(By.id("message")).getText()).isEqualTo("Your role may not open this page.");
        assertThat(auditor.findElements(By.id("proposal-form"))).isEmpty();
        auditor.get(base + "console/policy?version=" + inForce);
        waitFor(auditor, By.id("diff"));
        assertThat(auditor.findElements(By.id("verdict-form"))).isEmpty();
        assertThat(auditor.findElements(By.id("simulate-form"))).hasSize(1);

        // a verification of the line: watched to its end, clean, with the API's own counts
        auditor.findElement(By.id("nav-audit")).click();
        waitFor(auditor, By.id("verify-form"));
        assertThat(auditor.findElements(By.id("anchor-form"))).hasSize(1);
        screenshot(auditor, "audit");
        // a scope the API refuses is shown in its words, and nothing is queued
        auditor.findElement(By.id("verify-lines")).sendKeys("not/a line");
        auditor.findElement(By.id("start-verification")).click();
        waitFor(auditor, By.id("refusal"));
        assertThat(auditor.findElement(By.id("refusal-status")).getText()).isEqualTo("400");
        assertThat(auditor.findElement(By.id("refusal")).getText()).contains("lines");
        auditor.findElement(By.id("verify-lines")).sendKeys(lineId);
        auditor.findElement(By.id("start-verification")).click();
        new WebDriverWait(auditor, PATIENCE).until(d -> d.getCurrentUrl().contains("/console/audit/verification?id="));
        String jobId = auditor.getCurrentUrl().replaceAll(".*id=", "");
        // the page follows the running job by itself (governance.js) until it shows its verdict
        WebElement verdict = new WebDriverWait(auditor, Duration.ofMinutes(3))
                .until(d -> d.findElements(By.id("verification-clean")).stream().findFirst().orElse(null));
        JsonPath report = as("auditor").get("/api/audit/verifications/" + jobId).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getLong("mismatchCount")).isZero();
        assertThat(report.getLong("decisionsChecked")).isPositive();
        assertThat(verdict.getDomAttribute("data-clean")).isEqualTo("true");
        assertThat(verdict.getText()).isEqualTo("Clean: no mismatches, no broken links, no anchor problems.");
        assertThat(auditor.findElement(By.id("verification-status")).getText()).isEqualTo("COMPLETED");
        assertThat(auditor.findElement(By.id("count-mismatches")).getText()).isEqualTo("0");
        assertThat(auditor.findElement(By.id("count-brokenLinks")).getText()).isEqualTo("0");
        assertThat(auditor.findElement(By.id("count-lines")).getText()).isEqualTo("1");
        assertThat(auditor.findElement(By.id("count-decisions")).getText()).isEqualTo(String.valueOf(report.getLong("decisionsChecked")));
        assertThat(auditor.findElement(By.id("count-events")).getText()).isEqualTo(String.valueOf(report.getLong("eventsChecked")));
        screenshot(auditor, "audit-verification");

        // the export form's download: the line's decisions as CSV, the manifest last, hashing every byte before it
        auditor.get(base + "console/audit");
        waitFor(auditor, By.id("export-form"));
        auditor.findElement(By.id("format-csv")).click();
        auditor.findElement(By.id("export-lines")).sendKeys(lineId);
        String[] download = new String[1];
        // the export reads below the store's gap-safe horizon: the line's newest events appear there within moments
        ConsoleBrowser.patiently(auditor).until(d -> {
            download[0] = fetchExport(d);
            return manifestOf(download[0]).get("count").asLong() == 1;
        });
        String csv = download[0];
        int manifestAt = csv.lastIndexOf(com.uplift.audit.RegulatorExport.CSV_MANIFEST_PREFIX);
        JsonNode manifest = manifestOf(csv);
        assertThat(manifest.get("sha256").asText()).isEqualTo(HashChain.sha256(csv.substring(0, manifestAt)));
        assertThat(manifest.get("countsByType").get("IncreaseDecided").asLong()).isEqualTo(1);
        assertThat(csv.lines().toList().get(1)).startsWith(lineId + ",");

        // anchoring, by an admin: the audit page offers that role the anchor only
        WebDriver admin = browsers.signIn("admin");
        admin.findElement(By.id("nav-audit")).click();
        waitFor(admin, By.id("anchor-form"));
        assertThat(admin.findElements(By.id("verify-form"))).isEmpty();
        assertThat(admin.findElements(By.id("export-form"))).isEmpty();
        admin.findElement(By.id("anchor-heads")).click();
        WebElement anchored = waitFor(admin, By.id("anchor-result"));
        // the line changed since any earlier anchor (it is new, and the test profile has no scheduled anchoring)
        assertThat(anchored.findElement(By.tagName("h2")).getText()).startsWith("Anchored: the heads of ");
        assertThat(admin.findElements(By.cssSelector("#merkle-roots li"))).isNotEmpty();
        assertThat(admin.findElement(By.cssSelector("#merkle-roots li")).getText()).matches("[0-9a-f]{64}");
        screenshot(admin, "audit-anchored");
        // the verification and the export are the auditor's: refused to an admin as by the API
        admin.get(base + "console/audit/verification?id=" + jobId);
        waitFor(admin, By.id("message"));
        assertThat(admin.findElement(By.id("message")).getText()).isEqualTo("Your role may not open this page.");
    }

    @Test
    void anUnusablePolicyIsRefusedWithTheTextKeptAndAProposalCanBeRejected() throws Exception {
        int before = as("auditor").get("/api/policies").then().extract().jsonPath().getList("versions").size();
        WebDriver admin = browsers.signIn("admin");
        admin.get(base + "console/policy-proposal");
        waitFor(admin, By.id("policy-json"));
        // text that is not JSON: the page says why (400, naming the field) and keeps what was typed
        JavascriptExecutor page = (JavascriptExecutor) admin;
        page.executeScript("document.getElementById('policy-json').value = '{\"name\": oops'");
        admin.findElement(By.id("proposal-reason")).sendKeys("a typo");
        admin.findElement(By.id("propose")).click();
        waitFor(admin, By.id("refusal"));
        assertThat(admin.findElement(By.id("refusal-status")).getText()).isEqualTo("400");
        assertThat(admin.findElement(By.id("refusal")).getText()).contains("policy");
        assertThat(admin.findElement(By.id("policy-json")).getDomProperty("value")).isEqualTo("{\"name\": oops");

        // a policy the book cannot use (minimum increase above the maximum): the API's INVALID_POLICY, with what is wrong
        int inForce = as("auditor").get("/api/policies").then().extract().jsonPath().getInt("activeVersion");
        admin.get(base + "console/policy-proposal");
        waitFor(admin, By.id("policy-json"));
        page.executeScript("""
                var area = document.getElementById('policy-json');
                var policy = JSON.parse(area.value);
                policy.increase.minIncreasePct = policy.increase.maxIncreasePct + 10;
                area.value = JSON.stringify(policy, null, 2);""");
        admin.findElement(By.id("proposal-reason")).sendKeys("an impossible band");
        admin.findElement(By.id("propose")).click();
        waitFor(admin, By.id("refusal"));
        assertThat(admin.findElement(By.id("refusal-status")).getText()).isEqualTo("422");
        assertThat(admin.findElement(By.id("refusal-code")).getText()).isEqualTo("INVALID_POLICY");
        assertThat(admin.findElement(By.id("refusal-detail")).getText()).startsWith("the policy cannot be used: ");
        assertThat(admin.findElement(By.id("refusal-title")).getText()).isEqualTo("The action was refused");
        screenshot(admin, "policy-proposal-refused");
        assertThat(as("auditor").get("/api/policies").then().extract().jsonPath().getList("versions")).hasSize(before);

        // a usable proposal, rejected (by its own proposer: withdrawing needs no second pair of eyes)
        page.executeScript("""
                var area = document.getElementById('policy-json');
                var policy = JSON.parse(area.value);
                policy.increase.minIncreasePct = policy.increase.maxIncreasePct - 10;
                policy.name = 'console pilot: narrower band';
                area.value = JSON.stringify(policy, null, 2);""");
        admin.findElement(By.id("propose")).click();
        waitFor(admin, By.id("done"));
        int proposed = Integer.parseInt(admin.getCurrentUrl().replaceAll(".*version=(\\d+).*", "$1"));
        admin.findElement(By.id("verdict-comment")).sendKeys("not this quarter");
        admin.findElement(By.id("reject")).click();
        new WebDriverWait(admin, PATIENCE).until(d -> d.getCurrentUrl().contains("done=REJECTED"));
        assertThat(waitFor(admin, By.id("done")).getText()).isEqualTo("Rejected: this version will not take effect.");
        assertThat(admin.findElement(By.id("policy-status")).getDomAttribute("data-status")).isEqualTo("REJECTED");
        as("auditor").get("/api/policies/" + proposed).then().statusCode(200)
                .body("summary.status", org.hamcrest.Matchers.equalTo("REJECTED"));
        as("auditor").get("/api/policies").then().body("activeVersion", org.hamcrest.Matchers.equalTo(inForce));
    }

    // ---- helpers ----

    /** A good borrower's line with one recorded increase decision; returns the line's id. */
    private static String decidedLine(String borrowerId) {
        String line = Borrowers.goodBorrower(borrowerId, "80000.00", "40000.00");
        as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201);
        return line.substring(line.lastIndexOf('/') + 1);
    }

    /** The export form's URL fetched in the signed-in browser, as the download button would ask for it. */
    private static String fetchExport(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var form = document.getElementById('export-form');
                var query = new URLSearchParams(new FormData(form)).toString();
                fetch(form.action + '?' + query, { credentials: 'same-origin' })
                  .then(function (answer) { return answer.text(); }).then(done);""");
    }

    private static JsonNode manifestOf(String csv) {
        String prefix = com.uplift.audit.RegulatorExport.CSV_MANIFEST_PREFIX;
        String last = csv.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith(prefix);
        return CanonicalJson.parse(last.substring(prefix.length())).get("manifest");
    }

    /** A cell of the simulation's overall table: column 1 recorded, 2 candidate. */
    private static String cell(WebDriver browser, String measure, int column) {
        return browser.findElement(By.cssSelector("#sim-overall tr[data-measure='" + measure + "'] td:nth-of-type(" + column + ")"))
                .getText();
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return ConsoleBrowser.waitFor(browser, what);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        ConsoleBrowser.screenshot(browser, name);
    }
}
