package com.uplift.api.console;

import com.uplift.testing.Borrowers;
import com.uplift.testing.KeycloakTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.uplift.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's production sign-in against a real OIDC provider: Keycloak's distribution, started by
 * {@link KeycloakTestResource} with a realm of its own (no Docker, no mock). /console sends the browser to Keycloak's
 * sign-in page; back from it the officer works the queue under the name the provider gave, and that name is the
 * actor of the recorded review and what the four-eyes checks compare; a user with none of Uplift's roles gets the
 * console's 403 page; forms still need their CSRF token; sign-out ends the session at Keycloak too; and with OIDC on,
 * the demo form cannot sign anyone in to the console while the API keeps its Basic and bearer-JWT callers.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(ConsoleOidcSignInTest.OidcSignIn.class)
class ConsoleOidcSignInTest {

    /** The console signs in with OIDC: the test resource starts Keycloak and names it as the issuer. */
    public static class OidcSignIn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakTestResource.class));
        }
    }

    private static final String KEYCLOAK_SIGN_IN = "/realms/" + KeycloakTestResource.REALM + "/protocol/openid-connect/auth";

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
    void officersSignInAtTheProviderReviewUnderTheirProviderNameAndSignOutThere() throws Exception {
        Referral referral = referral("B-OIDC-2L");

        WebDriver officer1 = browsers.open();
        officer1.get(base + "console");
        signInAtKeycloak(officer1, "officer1");
        // back on the console, signed in under the provider's name, on the reviewer's landing page
        ConsoleBrowser.waitFor(officer1, By.id("queue"));
        assertThat(officer1.getCurrentUrl()).startsWith(base.toString()).endsWith("/console/queue");
        assertThat(officer1.findElement(By.id("who")).getText()).isEqualTo("Signed in as officer1");
        assertThat(officer1.findElements(By.cssSelector("tr[data-request='" + referral.requestId() + "']"))).hasSize(1);
        ConsoleBrowser.screenshot(officer1, "oidc-queue");

        // a review through the console is recorded with the provider's user as the actor
        officer1.get(caseUrl(referral));
        ConsoleBrowser.waitFor(officer1, By.id("review-form"));
        officer1.findElement(By.id("comment")).sendKeys("income verified by phone");
        officer1.findElement(By.id("submit-review")).click();
        ConsoleBrowser.waitFor(officer1, By.id("reviewed"));
        assertThat(officer1.findElement(By.id("reviewed")).getText()).contains("PENDING");
        List<Map<String, Object>> reviews = reviewEvents(referral);
        assertThat(reviews).hasSize(1);
        assertThat(reviews.getFirst()).extractingByKey("metadata").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("actor", "officer1").containsEntry("channel", "BACK_OFFICE");
        assertThat(reviews.getFirst()).extractingByKey("payload").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("reviewer", "officer1").containsEntry("level", 1);

        // the four-eyes checks compare provider names: senior1 (another Keycloak user) may take level 2
        WebDriver senior1 = browsers.open();
        senior1.get(caseUrl(referral));
        signInAtKeycloak(senior1, "senior1");
        ConsoleBrowser.waitFor(senior1, By.id("review-form"));   // back on the very case it asked for
        senior1.findElement(By.id("comment")).sendKeys("exposure acceptable");
        senior1.findElement(By.id("submit-review")).click();
        ConsoleBrowser.waitFor(senior1, By.id("reviewed"));
        assertThat(senior1.findElement(By.id("request-status")).getText()).isEqualTo("APPROVED");
        as("auditor").get(referral.linePath() + "/decisions/" + referral.requestId()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("APPROVED"))
                .body("reviews.reviewer", org.hamcrest.Matchers.contains("officer1", "senior1"));
        assertThat(reviewEvents(referral)).extracting(event -> (Object) ((Map<?, ?>) event.get("metadata")).get("actor"))
                .containsExactly("officer1", "senior1");

        // sign-out ends the session here and at Keycloak: the provider asks for the password again
        officer1.findElement(By.id("sign-out")).click();
        awaitKeycloakSignIn(officer1);
        officer1.get(base + "console/queue");
        awaitKeycloakSignIn(officer1);
        assertThat(officer1.findElements(By.id("who"))).isEmpty();
        ConsoleBrowser.screenshot(officer1, "oidc-signed-out");
    }

    @Test
    void aUserWithoutAnUpliftRoleGetsTheConsoles403PageAndFormsStillNeedTheirCsrfToken() throws Exception {
        WebDriver visitor = browsers.open();
        visitor.get(base + "console");
        signInAtKeycloak(visitor, "visitor");
        ConsoleBrowser.waitFor(visitor, By.id("message"));
        assertThat(visitor.findElement(By.id("message")).getText()).isEqualTo("Your role may not open this page.");
        assertThat(visitor.findElement(By.id("who")).getText()).isEqualTo("Signed in as visitor");
        ConsoleBrowser.screenshot(visitor, "oidc-no-role");
        // the same page over HTTP, with the browser's session: a 403, not a 500
        session(visitor).get("/console").then().statusCode(403);

        // an officer's session without the form's CSRF token records nothing
        Referral referral = referral("B-OIDC-CSRF");
        WebDriver officer = browsers.open();
        officer.get(caseUrl(referral));
        signInAtKeycloak(officer, "officer1");
        ConsoleBrowser.waitFor(officer, By.id("review-form"));
        session(officer).contentType("application/x-www-form-urlencoded")
                .formParam("line", referral.lineId()).formParam("request", referral.requestId()).formParam("level", "1")
                .formParam("outcome", "DECLINE").formParam("comment", "forged")
                .post("/console/review").then().statusCode(400);
        as("auditor").get(referral.linePath() + "/decisions/" + referral.requestId()).then()
                .body("status", org.hamcrest.Matchers.equalTo("PENDING"))
                .body("reviews", org.hamcrest.Matchers.empty());
    }

    @Test
    void withOidcOnTheDemoFormSignsNobodyInAndTheApiKeepsItsOwnCallers() {
        // the form's pages and its post location are the provider's sign-in now
        assertRedirectedToKeycloak(given().redirects().follow(false).get("/console/login"));
        // the demo form's post location signs nobody in: no form session, and whatever came back opens no page
        Response formPost = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "officer1").formParam("j_password", "officer1")
                .post("/console/j_security_check");
        assertThat(formPost.getCookies()).as("cookies of a %d answer", formPost.statusCode())
                .doesNotContainKey("uplift-console");
        assertThat(String.valueOf(formPost.header("Location"))).doesNotEndWith("/console");
        assertRedirectedToKeycloak(given().redirects().follow(false).cookies(formPost.getCookies()).get("/console/queue"));
        // a demo user's Basic credentials are no console session either
        assertRedirectedToKeycloak(given().redirects().follow(false).auth().preemptive().basic("officer1", "officer1")
                .get("/console/queue"));
        // the API: Basic and bearer JWTs as before, and no redirect to a sign-in page for a caller without credentials
        as("officer1").get("/api/review-queue").then().statusCode(200);
        given().auth().oauth2(com.uplift.testing.JwtTestKeys.token("app-gateway", com.uplift.testing.JwtTestKeys.ISSUER, "channel"))
                .get("/api/credit-lines?borrowerId=B-OIDC-NONE").then().statusCode(200);
        given().redirects().follow(false).get("/api/review-queue").then().statusCode(401)
                .contentType("application/problem+json");
    }

    // ---- Keycloak's pages and the browser's session ----

    private static void signInAtKeycloak(WebDriver browser, String user) {
        awaitKeycloakSignIn(browser);
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(KeycloakTestResource.passwordOf(user));
        browser.findElement(By.id("kc-login")).click();
        ConsoleBrowser.waitFor(browser, By.id("who"));
    }

    private static void awaitKeycloakSignIn(WebDriver browser) {
        new WebDriverWait(browser, ConsoleBrowser.PATIENCE).until(d -> d.getCurrentUrl().contains(KEYCLOAK_SIGN_IN));
        ConsoleBrowser.waitFor(browser, By.id("kc-login"));
    }

    private static void assertRedirectedToKeycloak(Response answer) {
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).contains(KEYCLOAK_SIGN_IN)
                .contains("client_id=" + KeycloakTestResource.CLIENT_ID);
    }

    /** A request carrying the browser's console cookies (the OIDC session, chunked or not, and the CSRF cookie). */
    private static io.restassured.specification.RequestSpecification session(WebDriver browser) {
        Map<String, String> cookies = browser.manage().getCookies().stream()
                .collect(Collectors.toMap(Cookie::getName, Cookie::getValue));
        assertThat(cookies.keySet()).anyMatch(name -> name.startsWith("q_session"));
        return given().redirects().follow(false).cookies(cookies);
    }

    record Referral(String linePath, String lineId, String requestId) {
    }

    /** A good borrower at 80,000 asks for more: referred to two levels, and in the review queue. */
    private static Referral referral(String borrowerId) {
        String line = Borrowers.goodBorrower(borrowerId, "80000.00", "40000.00");
        JsonPath answer = as("channel").body("{}").post(line + "/increase-requests").then().statusCode(201)
                .extract().jsonPath();
        assertThat(answer.getString("outcome")).isEqualTo("REFERRED");
        assertThat(answer.getInt("reviewLevelsRequired")).isEqualTo(2);
        as("officer1").get("/api/review-queue?level=1&minPosition=" + answer.getString("creditLine.position"))
                .then().statusCode(200).header("X-Projection-Caught-Up", "true");
        return new Referral(line, line.substring(line.lastIndexOf('/') + 1), answer.getString("requestId"));
    }

    /** The line's IncreaseReviewed events as stored, metadata and payload, in order. */
    private static List<Map<String, Object>> reviewEvents(Referral referral) {
        List<Map<String, Object>> events = as("auditor").get(referral.linePath() + "/events?limit=1000").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return events.stream().filter(event -> "IncreaseReviewed".equals(event.get("type"))).toList();
    }

    private String caseUrl(Referral referral) {
        return base + "console/case?line=" + referral.lineId() + "&request=" + referral.requestId();
    }
}
