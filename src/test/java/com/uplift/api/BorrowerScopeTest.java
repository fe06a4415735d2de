package com.uplift.api;

import com.uplift.testing.EventCount;
import com.uplift.testing.JwtTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tokens that carry a borrower ({@code borrower_id}) see and act on that borrower's lines only; the channel's
 * service account (no claim) keeps its reach over every borrower.
 */
@QuarkusTest
@Tag("integration")
class BorrowerScopeTest {

    @Inject
    Pool pool;

    private String mine;
    private String theirs;

    @BeforeEach
    void twoBorrowersEachWithALine() {
        mine = open(serviceAccount(), "B-SCOPE-MINE");
        theirs = open(serviceAccount(), "B-SCOPE-THEIRS");
    }

    @Test
    void aBorrowerTokenReadsAndActsOnItsOwnLine() {
        confined().get(mine).then().statusCode(200).body("borrowerId", equalTo("B-SCOPE-MINE"));
        confined().body("{}").post(mine + "/increase-requests").then().statusCode(201);
        confined().get(mine + "/decisions").then().statusCode(200);
        String opened = open(confined(), "B-SCOPE-MINE");
        confined().get(opened).then().statusCode(200);
    }

    @Test
    void anotherBorrowersLineIsAnsweredAsIfItDidNotExistAndNothingIsAppended() {
        long before = EventCount.of(pool);
        confined().get(theirs).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:uplift:problem:not-found"));
        confined().get(theirs + "?version=1").then().statusCode(404);
        confined().get(theirs + "/decisions").then().statusCode(404);
        confined().get(theirs + "/decisions/IR-x").then().statusCode(404);
        confined().body("{}").post(theirs + "/increase-requests").then().statusCode(404);
        confined().get("/api/credit-lines/no-such-line").then().statusCode(404);
        assertThat(EventCount.of(pool)).isEqualTo(before);
    }

    @Test
    void aBorrowerTokenCannotOpenALineForAnotherBorrower() {
        long before = EventCount.of(pool);
        confined().body("""
                        {"borrowerId":"B-SCOPE-THEIRS","productCode":"XM-CASH","initialLimit":1000}""")
                .post("/api/credit-lines").then().statusCode(403).contentType("application/problem+json");
        assertThat(EventCount.of(pool)).isEqualTo(before);
    }

    @Test
    void theListShowsOnlyTheBorrowersOwnLines() {
        var lines = confined().get("/api/credit-lines?size=500&minPosition=" + position(theirs))
                .then().statusCode(200).extract().jsonPath();
        assertThat(lines.getList("items.borrowerId", String.class)).isNotEmpty().containsOnly("B-SCOPE-MINE");
        confined().get("/api/credit-lines?borrowerId=B-SCOPE-THEIRS").then().statusCode(403);
    }

    @Test
    void theServiceAccountKeepsItsReachOverEveryBorrower() {
        serviceAccount().get(mine).then().statusCode(200);
        serviceAccount().get(theirs).then().statusCode(200);
        serviceAccount().get(theirs + "/decisions").then().statusCode(200);
        var listed = serviceAccount().get("/api/credit-lines?borrowerId=B-SCOPE-THEIRS&minPosition=" + position(theirs))
                .then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("items.borrowerId", String.class)).isNotEmpty().containsOnly("B-SCOPE-THEIRS");
    }

    @Test
    void aConfinedStaffTokenReachesNoCrossBorrowerEndpoint() {
        RequestSpecification officer = given().auth().oauth2(JwtTestKeys.borrowerToken("officer-9", "B-SCOPE-MINE", "risk-officer"))
                .contentType("application/json");
        officer.get("/api/warnings").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(JwtTestKeys.borrowerToken("officer-9", "B-SCOPE-MINE", "risk-officer"))
                .get(theirs + "/events").then().statusCode(404);
        given().auth().oauth2(JwtTestKeys.borrowerToken("officer-9", "B-SCOPE-MINE", "risk-officer"))
                .get(mine + "/events").then().statusCode(200);
    }

    private static RequestSpecification confined() {
        return given().auth().oauth2(JwtTestKeys.borrowerToken("app-user-1", "B-SCOPE-MINE", "channel"))
                .contentType("application/json");
    }

    private static RequestSpecification serviceAccount() {
        return given().auth().oauth2(JwtTestKeys.token("app-gateway", JwtTestKeys.ISSUER, "channel"))
                .contentType("application/json");
    }

    private static String open(RequestSpecification as, String borrowerId) {
        String location = as.body("{\"borrowerId\":\"" + borrowerId + "\",\"productCode\":\"XM-CASH\",\"initialLimit\":5000}")
                .post("/api/credit-lines").then().statusCode(201).extract().header("Location");
        return location.substring(location.indexOf("/api/"));
    }

    private static String position(String line) {
        return serviceAccount().get(line).then().statusCode(200).extract().jsonPath().getString("position");
    }
}
