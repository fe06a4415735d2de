package com.uplift.api.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With quarkus-oidc in the build but not configured (the default, and every profile but ConsoleOidcSignInTest's), the
 * console signs in exactly as before: its own form, its own cookie, no OIDC session and no redirect to a provider.
 * ConsoleBrowserTest works the console through that form in a browser; this pins the sign-in's HTTP answers.
 */
@QuarkusTest
@Tag("integration")
class ConsoleSignInWithoutOidcTest {

    @Test
    void theConsoleSendsToItsOwnFormAndTheFormsCookieIsTheSession() {
        Response anonymous = given().redirects().follow(false).get("/console/queue");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.header("Location")).endsWith("/console/login");
        assertThat(anonymous.getCookies().keySet()).noneMatch(name -> name.startsWith("q_"));

        given().get("/console/login").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("action=\"/console/j_security_check\""));

        Response signIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "officer1").formParam("j_password", "officer1")
                .post("/console/j_security_check");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.header("Location")).endsWith("/console");
        assertThat(signIn.getCookies()).containsKey("uplift-console");
        assertThat(signIn.getCookies().keySet()).noneMatch(name -> name.startsWith("q_session"));

        String queue = given().redirects().follow(false).cookie("uplift-console", signIn.getCookie("uplift-console"))
                .get("/console/queue").then().statusCode(200).extract().asString();
        assertThat(queue).contains("id=\"who\"").contains("officer1");
    }

    @Test
    void aFormValueThatIsNotANumberIsTheConsolesOwn400PageNotApiProblemJson() {
        String session = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "admin").formParam("j_password", "admin")
                .post("/console/j_security_check").getCookie("uplift-console");
        Response policies = given().redirects().follow(false).cookie("uplift-console", session).get("/console/policies");
        assertThat(policies.statusCode()).isEqualTo(200);
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(policies.asString());
        assertThat(field.find()).as("the CSRF field of the policies page").isTrue();

        for (String version : new String[]{"abc", "99999999999"}) {
            Response refused = given().redirects().follow(false).cookie("uplift-console", session)
                    .cookie("uplift-console-csrf", policies.getCookie("uplift-console-csrf"))
                    .header("Accept-Language", "en").contentType("application/x-www-form-urlencoded")
                    .formParam(field.group(1), field.group(2)).formParam("version", version).formParam("comment", "x")
                    .post("/console/policy/promotion");
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(refused.asString()).contains("id=\"message\"").contains("A value in the form is not valid");
        }
    }
}
