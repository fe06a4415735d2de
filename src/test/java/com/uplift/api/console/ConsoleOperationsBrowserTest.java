package com.uplift.api.console;

import com.uplift.testing.Borrowers;
import com.uplift.testing.OwnDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.uplift.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's operations pages in a real browser: an officer reads the warnings active across the book, filters
 * them and follows one to its line; the portfolio's charts render and its tables carry the numbers of the lines this
 * test set up; an admin reads a dead letter of the servicing feed and replays it, refused with the problem shown, then
 * recorded; the pages (the increase list's and the policies' too) hold at phone width (390x844) without scrolling
 * sideways; the Chinese labels show.
 * <p>
 * The warnings and the portfolio are the whole book's, so the class runs on a book of its own (an own database):
 * every line in it is one of these tests', and the page's numbers can be asserted exactly. The tests run in order:
 * the first builds the book and reads it; the later ones add lines of their own only after it has been read.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(ConsoleOperationsBrowserTest.OwnBook.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOperationsBrowserTest {

    public static class OwnBook extends OwnDatabase {
    }

    private static final Duration PATIENCE = ConsoleBrowser.PATIENCE;
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ConsoleBrowser browsers;

    @BeforeEach
    void browsers() {
        browsers = new ConsoleBrowser(base);
    }

    @AfterEach
    void closeBrowsers() {
        browsers.close();
    }

    /** A line of the book as the API reads it: the page's numbers are checked against these. */
    record Line(String id, String segment, String grade, BigDecimal limit, BigDecimal drawn, List<String> flags,
                List<String> severities, boolean overdue30) {
    }

    @Test
    @Order(1)
    void anOfficerReadsFiltersAndFollowsTheWarningsAndThePortfolioShowsTheBooksNumbers() throws Exception {
        // the book: three requests (approved, referred, declined after a note of job loss), a nearly fully drawn
        // line, and two delinquent lines (65 and 35 days past due) in two segments
        String approvedLine = Borrowers.goodBorrower("B-OPS-APPROVED", "PRIME", "20000.00", "40000.00");
        String referredLine = Borrowers.goodBorrower("B-OPS-REFERRED", "80000.00", "40000.00");
        String declinedLine = Borrowers.goodBorrower("B-OPS-DECLINED", "30000.00", "30000.00");
        as("ops").body("{\"text\":\"客户表示最近失业，还款有困难\"}").post(declinedLine + "/service-notes").then().statusCode(200);
        JsonPath approved = increase(approvedLine);
        JsonPath referred = increase(referredLine);
        JsonPath declined = increase(declinedLine);
        assertThat(List.of(approved.getString("outcome"), referred.getString("outcome"), declined.getString("outcome")))
                .containsExactly("APPROVED", "REFERRED", "DECLINED");
        String drawnLine = opened("B-OPS-DRAWN", "STANDARD", "10000.00");
        as("ops").body("{\"amount\":9500.00}").post(drawnLine + "/drawdowns").then().statusCode(200);
        String severeLine = opened("B-OPS-65DPD", "NEW_TO_CREDIT", "30000.00");
        as("ops").body("{\"amount\":12000.00}").post(severeLine + "/drawdowns").then().statusCode(200);
        delinquent(severeLine, 65);
        String lateLine = opened("B-OPS-35DPD", "STANDARD", "40000.00");
        as("ops").body("{\"amount\":10000.00}").post(lateLine + "/drawdowns").then().statusCode(200);
        String last = delinquent(lateLine, 35);
        caughtUp(last);

        List<Line> book = new ArrayList<>();
        for (String path : List.of(approvedLine, referredLine, declinedLine, drawnLine, severeLine, lateLine)) {
            book.add(line(path, path.equals(severeLine) || path.equals(lateLine)));
        }
        Line severe = book.get(4);
        Line jobLoss = book.get(2);
        assertThat(severe.severities()).contains("SEVERE");
        assertThat(jobLoss.flags()).contains("NOTE_JOB_LOSS");
        assertThat(book.get(3).flags()).contains("HIGH_UTILIZATION");

        // ---- warnings: counts per severity, every active flag, filters, the link to the line ----
        WebDriver officer = browsers.signIn("officer1");
        officer.findElement(By.id("nav-warnings")).click();
        waitFor(officer, By.id("warnings-table"));
        for (String severity : List.of("SEVERE", "WARNING", "WATCH")) {
            long expected = book.stream().flatMap(l -> l.severities().stream()).filter(severity::equals).count();
            assertThat(officer.findElement(By.cssSelector("#count-" + severity + " .count-n")).getText())
                    .as(severity).isEqualTo(Long.toString(expected));
        }
        int flags = book.stream().mapToInt(l -> l.flags().size()).sum();
        assertThat(officer.findElements(By.cssSelector("#warnings-table tbody tr"))).hasSize(flags);
        assertThat(officer.findElement(By.cssSelector("#warnings-table tbody tr")).getDomAttribute("class"))
                .isEqualTo("sev-SEVERE");   // most serious first
        screenshot(officer, "warnings");

        new Select(officer.findElement(By.id("filter-severity"))).selectByValue("SEVERE");
        officer.findElement(By.id("apply-filters")).click();
        new WebDriverWait(officer, PATIENCE).until(d -> d.getCurrentUrl().contains("severity=SEVERE"));
        List<WebElement> severeRows = officer.findElements(By.cssSelector("#warnings-table tbody tr"));
        assertThat(severeRows).hasSize((int) severe.severities().stream().filter("SEVERE"::equals).count());
        assertThat(severeRows).allSatisfy(row -> assertThat(row.getDomAttribute("data-line")).isEqualTo(severe.id()));
        // the counts stay over every severity while one is chosen
        assertThat(officer.findElement(By.cssSelector("#count-WARNING .count-n")).getText())
                .isEqualTo(Long.toString(book.stream().flatMap(l -> l.severities().stream()).filter("WARNING"::equals).count()));

        officer.get(base + "console/warnings");
        waitFor(officer, By.id("warnings-table"));
        new Select(officer.findElement(By.id("filter-flag"))).selectByValue("NOTE_JOB_LOSS");
        new Select(officer.findElement(By.id("filter-grade"))).selectByValue(jobLoss.grade());
        officer.findElement(By.id("apply-filters")).click();
        new WebDriverWait(officer, PATIENCE).until(d -> d.getCurrentUrl().contains("flag=NOTE_JOB_LOSS"));
        List<WebElement> jobLossRows = officer.findElements(By.cssSelector("#warnings-table tbody tr"));
        assertThat(jobLossRows).hasSize(1);
        assertThat(jobLossRows.getFirst().getDomAttribute("data-line")).isEqualTo(jobLoss.id());
        assertThat(officer.findElement(By.id("warnings-matching")).getText()).isEqualTo("Showing 1 of 1 active warnings.");

        officer.get(base + "console/warnings?segment=NEW_TO_CREDIT");
        waitFor(officer, By.id("warnings-table"));
        assertThat(officer.findElements(By.cssSelector("#warnings-table tbody tr"))).hasSize(severe.flags().size())
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-line")).isEqualTo(severe.id()));
        assertThat(new Select(officer.findElement(By.id("filter-segment"))).getFirstSelectedOption().getText())
                .isEqualTo("NEW_TO_CREDIT");
        officer.findElement(By.cssSelector("#warnings-table tbody tr a.open-line")).click();
        waitFor(officer, By.id("timeline"));
        assertThat(officer.getCurrentUrl()).endsWith("/console/line?id=" + severe.id());
        assertThat(officer.findElement(By.id("warnings")).getText()).contains("DPD_60").contains("SEVERE");

        // ---- portfolio: charts rendered, tables with the book's numbers ----
        WebDriver auditor = browsers.signIn("auditor");
        auditor.findElement(By.id("nav-portfolio")).click();
        waitFor(auditor, By.id("by-grade"));
        for (String chart : List.of("grade-chart", "segment-chart", "decision-chart", "overdue-chart", "group-chart")) {
            ConsoleBrowser.patiently(auditor).until(d -> d.findElement(By.id(chart)).getDomAttribute("data-rendered") != null);
            assertThat(auditor.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).isNotEmpty();
        }
        assertThat(auditor.findElement(By.id("total-lines")).getText()).isEqualTo(Integer.toString(book.size()));
        assertThat(auditor.findElement(By.id("total-limit")).getText()).isEqualTo(en(sum(book, Line::limit)));
        assertThat(auditor.findElement(By.id("total-drawn")).getText()).isEqualTo(en(sum(book, Line::drawn)));
        assertExposures(auditor, "by-grade", book.stream().collect(Collectors.groupingBy(
                l -> l.grade() == null ? "-" : l.grade(), TreeMap::new, Collectors.toList())));
        assertExposures(auditor, "by-segment", book.stream().collect(Collectors.groupingBy(
                Line::segment, TreeMap::new, Collectors.toList())));
        assertThat(Integer.parseInt(auditor.findElement(By.id("grade-chart")).getDomAttribute("data-rendered")))
                .isEqualTo(auditor.findElements(By.cssSelector("#by-grade tbody tr")).size());

        assertThat(auditor.findElement(By.id("rate-requests")).getText()).isEqualTo("3");
        assertThat(auditor.findElement(By.id("rate-approval")).getText()).isEqualTo("33.33%");
        assertThat(auditor.findElement(By.id("rate-decline")).getText()).isEqualTo("33.33%");
        assertThat(auditor.findElement(By.id("rate-referral")).getText()).isEqualTo("33.33%");
        assertThat(auditor.findElement(By.id("rate-pending")).getText()).isEqualTo("1");
        BigDecimal increase = new BigDecimal(approved.getString("newLimit")).subtract(new BigDecimal(approved.getString("oldLimit")));
        assertThat(auditor.findElement(By.id("rate-average")).getText()).isEqualTo(en(increase));

        List<Line> overdue = book.stream().filter(Line::overdue30).toList();
        BigDecimal drawn = sum(book, Line::drawn);
        BigDecimal overdueDrawn = sum(overdue, Line::drawn);
        assertThat(auditor.findElement(By.id("overdue-active")).getText()).isEqualTo(Integer.toString(book.size()));
        assertThat(auditor.findElement(By.id("overdue-lines")).getText()).isEqualTo("2");
        assertThat(auditor.findElement(By.id("overdue-by-lines")).getText())
                .isEqualTo(percent(BigDecimal.valueOf(200).divide(BigDecimal.valueOf(book.size()), 2, RoundingMode.HALF_EVEN)));
        BigDecimal byBalance = overdueDrawn.multiply(BigDecimal.valueOf(100)).divide(drawn, 2, RoundingMode.HALF_EVEN);
        assertThat(auditor.findElement(By.id("overdue-drawn")).getText()).isEqualTo(en(overdueDrawn));
        assertThat(auditor.findElement(By.id("overdue-by-balance")).getText()).isEqualTo(percent(byBalance));
        assertThat(auditor.findElement(By.id("overdue-benchmark")).getText()).isEqualTo("3.35%");
        assertThat(auditor.findElement(By.id("overdue-versus")).getText())
                .isEqualTo(byBalance.subtract(new BigDecimal("3.35")).toPlainString());

        // champion and challenger: every line of this book is in the champion arm (policy v1 names no challenger);
        // a line counts in the arm of its latest decision, so only the three lines with a request are in it
        WebElement champion = auditor.findElement(By.cssSelector("#policy-groups tr[data-group='CHAMPION']"));
        assertThat(champion.findElements(By.tagName("td"))).extracting(WebElement::getText)
                .containsExactly("3", "33.33%", "33.33%", "33.33%", "1", en(increase), "3", "0", "0%", "0%");
        assertThat(auditor.findElements(By.cssSelector("#policy-groups tbody tr"))).hasSize(1);
        screenshot(auditor, "portfolio");
        // the whole page in one picture (docs/img/console-portfolio.png in the README is one of these)
        WebDriver tall = browsers.signIn(browsers.open(1366, 2700), "auditor");
        tall.get(base + "console/portfolio");
        waitFor(tall, By.id("by-grade"));
        ConsoleBrowser.patiently(tall).until(d -> d.findElement(By.id("group-chart")).getDomAttribute("data-rendered") != null);
        screenshot(tall, "portfolio-full");
    }

    @Test
    @Order(2)
    void anAdminReadsADeadLetterAndReplaysItRefusedWithTheProblemThenRecorded() throws Exception {
        String path = opened("B-OPS-DLQ", "STANDARD", "10000.00");
        String line = path.substring(path.lastIndexOf('/') + 1);
        as("ops").body("{\"amount\":9000.00}").post(path + "/drawdowns").then().statusCode(200);
        // 1,000.00 is available: the drawdown from the feed is refused and becomes a dead letter
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("uplift.servicing-facts", line, """
                    {"messageId":"ops-dlq-%s","type":"DRAWDOWN","creditLineId":"%s","source":"core-servicing","fact":{"amount":5000.00}}"""
                    .formatted(line, line))).get();
        }
        long id = ((Number) await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> as("admin")
                .get("/api/admin/dead-letters?limit=1000").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.creditLineId == '" + line + "' }.id"), l -> l.size() == 1).getFirst()).longValue();

        WebDriver admin = browsers.signIn("admin");
        assertThat(admin.findElements(By.id("nav-warnings"))).isEmpty();   // not an admin's page
        admin.findElement(By.id("nav-dead-letters")).click();
        waitFor(admin, By.id("dead-letters"));
        WebElement row = admin.findElement(By.cssSelector("tr[data-letter='" + id + "']"));
        assertThat(row.getText()).contains("REFUSED").contains("422").contains(line).contains("uplift.servicing-facts / ");
        screenshot(admin, "dead-letters");
        row.findElement(By.cssSelector("a.open-letter")).click();
        waitFor(admin, By.id("letter-facts"));
        assertThat(admin.findElement(By.id("letter-reason")).getText()).isEqualTo("REFUSED");
        assertThat(admin.findElement(By.id("letter-problem-status")).getText()).isEqualTo("422");
        assertThat(admin.findElement(By.id("letter-payload")).getText()).contains("\"amount\":5000.00");

        admin.findElement(By.id("replay")).click();
        waitFor(admin, By.id("replay-refused"));
        assertThat(admin.findElement(By.id("replay-status")).getText()).isEqualTo("422");
        assertThat(admin.findElement(By.id("replay-detail")).getText()).isNotBlank();
        assertThat(admin.findElement(By.id("letter-replay")).getText()).isEqualTo("× 1");
        screenshot(admin, "dead-letter-refused");
        assertThat(as("ops").get(path).then().extract().jsonPath().getDouble("drawn")).isEqualTo(9000.00);

        as("ops").body("{\"amount\":9000.00,\"dueDate\":\"%s\",\"paidOn\":\"%s\"}".formatted(TODAY.minusDays(1), TODAY.minusDays(1)))
                .post(path + "/repayments").then().statusCode(200);
        admin.findElement(By.id("replay")).click();
        waitFor(admin, By.id("replay-recorded"));
        assertThat(admin.findElement(By.id("replay-recorded")).getText()).contains("200");
        assertThat(admin.findElement(By.id("letter-replay")).getText()).startsWith("200 · ");
        assertThat(admin.findElements(By.id("replay-form"))).isEmpty();   // recorded: nothing more to replay
        screenshot(admin, "dead-letter-recorded");
        assertThat(as("ops").get(path).then().extract().jsonPath().getDouble("drawn")).isEqualTo(5000.00);

        // an officer may not open the operators' page
        WebDriver officer = browsers.signIn("officer1");
        assertThat(officer.findElements(By.id("nav-dead-letters"))).isEmpty();
        officer.get(base + "console/dead-letters");
        waitFor(officer, By.id("message"));
        assertThat(officer.findElement(By.id("message")).getText()).isEqualTo("Your role may not open this page.");
    }

    @Test
    @Order(3)
    void thePagesHoldAtPhoneWidthWithLabelledControlsAndVisibleFocusAndShowChineseLabels() throws Exception {
        String path = Borrowers.goodBorrower("B-OPS-PHONE", "80000.00", "40000.00");
        JsonPath referral = increase(path);
        assertThat(referral.getString("outcome")).isEqualTo("REFERRED");
        caughtUp(referral.getString("creditLine.position"));
        String line = path.substring(path.lastIndexOf('/') + 1);

        WebDriver phone = browsers.open(390, 844);
        // headless Chromium keeps its window at least 500 px wide: the phone's viewport is emulated instead
        ((org.openqa.selenium.chromium.HasCdp) phone).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        browsers.signIn(phone, "officer1");
        assertThat((Long) ((JavascriptExecutor) phone).executeScript("return window.innerWidth")).isEqualTo(390L);
        Map<String, String> pages = Map.of(
                "queue", "console/queue",
                "case", "console/case?line=" + line + "&request=" + referral.getString("requestId"),
                "line", "console/line?id=" + line,
                "warnings", "console/warnings",
                "portfolio", "console/portfolio",
                "offers", "console/offers",
                "policies", "console/policies");
        for (var page : new TreeMap<>(pages).entrySet()) {
            phone.get(base + page.getValue());
            waitFor(phone, By.id("main"));
            long scrollWidth = (Long) ((JavascriptExecutor) phone).executeScript("return document.documentElement.scrollWidth");
            long innerWidth = (Long) ((JavascriptExecutor) phone).executeScript("return window.innerWidth");
            assertThat(scrollWidth).as("%s: the page scrolls sideways", page.getKey()).isLessThanOrEqualTo(innerWidth);
            // every form control has a label: a <label for>, a wrapping label, or an aria-label
            Long unlabelled = (Long) ((JavascriptExecutor) phone).executeScript("""
                    return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                        .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).length""");
            assertThat(unlabelled).as("%s: form controls without a label", page.getKey()).isZero();
            screenshot(phone, "phone-" + page.getKey());
        }

        // keyboard: the first Tab reaches the skip link, which shows itself when focused
        phone.get(base + "console/warnings");
        waitFor(phone, By.id("warning-filters"));
        phone.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement focused = phone.switchTo().activeElement();
        assertThat(focused.getDomAttribute("class")).isEqualTo("skip");
        assertThat(focused.getRect().getX()).isGreaterThanOrEqualTo(0);
        // a focused control carries the visible outline
        WebElement select = phone.findElement(By.id("filter-severity"));
        ((JavascriptExecutor) phone).executeScript("arguments[0].focus()", select);
        assertThat(select.getCssValue("outline-style")).isEqualTo("solid");
        assertThat(select.getCssValue("outline-width")).isEqualTo("3px");

        phone.findElement(By.id("lang-zh")).click();
        waitFor(phone, By.id("warning-filters"));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("生效中的预警");
        assertThat(phone.findElement(By.id("nav-portfolio")).getText()).isEqualTo("资产组合");
        assertThat(phone.findElement(By.cssSelector("label[for=filter-flag]")).getText()).isEqualTo("规则");
        screenshot(phone, "phone-warnings-zh");
        phone.findElement(By.id("nav-portfolio")).click();
        waitFor(phone, By.id("by-grade"));
        assertThat(phone.findElement(By.id("by-grade-title")).getText()).isEqualTo("按评级的额度数与敞口");
        assertThat(phone.findElement(By.id("overdue-benchmark")).getText()).isEqualTo("3.35%");
        ConsoleBrowser.patiently(phone).until(d -> d.findElement(By.id("group-chart")).getDomAttribute("data-rendered") != null);
        screenshot(phone, "phone-portfolio-zh");
    }

    // ---- the book ----

    private static JsonPath increase(String line) {
        return as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201).extract().jsonPath();
    }

    /** A line migrated by operations in a segment, with no history yet. */
    private static String opened(String borrowerId, String segment, String limit) {
        return as("ops").body("""
                        {"borrowerId":"%s","productCode":"XM-CASH","initialLimit":%s,"currency":"CNY","openedOn":"%s","segment":"%s"}"""
                        .formatted(borrowerId, limit, TODAY.minusMonths(6), segment))
                .post("/api/credit-lines").then().statusCode(201).extract().header("Location");
    }

    /** Servicing reports the line {@code days} past due today; returns the position of the command. */
    private static String delinquent(String line, int days) {
        return as("ops").body("{\"daysPastDue\":%d,\"asOf\":\"%s\"}".formatted(days, TODAY))
                .post(line + "/delinquency-reports").then().statusCode(200).extract().jsonPath().getString("position");
    }

    /** Waits until every read model the pages read has applied the book up to that position. */
    private static void caughtUp(String position) {
        for (String query : List.of("/api/warnings", "/api/review-queue", "/api/credit-lines")) {
            as("officer1").get(query + "?minPosition=" + position).then().statusCode(200)
                    .header("X-Projection-Caught-Up", "true");
        }
    }

    private static Line line(String path, boolean overdue30) {
        JsonPath line = as("auditor").get(path).then().statusCode(200).extract().jsonPath();
        return new Line(line.getString("id"), line.getString("segment"), line.getString("grade"),
                new BigDecimal(line.getString("limit")), new BigDecimal(line.getString("drawn")),
                line.getList("activeWarnings.flag", String.class), line.getList("activeWarnings.severity", String.class),
                overdue30);
    }

    private static void assertExposures(WebDriver browser, String table, Map<String, List<Line>> groups) {
        List<List<String>> expected = groups.entrySet().stream().map(g -> List.of(g.getKey(),
                Integer.toString(g.getValue().size()), en(sum(g.getValue(), Line::limit)), en(sum(g.getValue(), Line::drawn))))
                .toList();
        List<List<String>> shown = browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList())
                .toList();
        // in the database's collation order, which need not be Java's
        assertThat(shown).as(table).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static BigDecimal sum(List<Line> lines, java.util.function.Function<Line, BigDecimal> amount) {
        return lines.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String en(BigDecimal amount) {
        return "CN¥" + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }

    private static String percent(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString() + "%";
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return ConsoleBrowser.waitFor(browser, what);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        ConsoleBrowser.screenshot(browser, name);
    }
}
