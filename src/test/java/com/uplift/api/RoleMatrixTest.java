package com.uplift.api;

import com.uplift.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every role against every endpoint: allowed (anything but 401/403) or 403; anonymous always 401. */
@QuarkusTest
@Tag("integration")
class RoleMatrixTest {

    private static final List<String> USERS = List.of("channel", "ops", "officer1", "senior1", "auditor", "admin");
    private static String line;

    record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    private static List<Endpoint> endpoints() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Set<String> readers = Set.of("channel", "ops", "officer1", "senior1", "auditor");
        Set<String> history = Set.of("officer1", "senior1", "auditor");
        Set<String> decisions = Set.of("channel", "officer1", "senior1", "auditor");
        Set<String> ops = Set.of("ops");
        return List.of(
                new Endpoint("POST", "/api/credit-lines", "{\"borrowerId\":\"B-M2\",\"productCode\":\"XM-CASH\",\"initialLimit\":100}", Set.of("channel", "ops")),
                new Endpoint("GET", line, null, readers),
                new Endpoint("GET", line + "/events", null, history),
                new Endpoint("GET", line + "/decisions", null, decisions),
                new Endpoint("POST", line + "/drawdowns", "{\"amount\":10}", ops),
                new Endpoint("POST", line + "/repayments", "{\"amount\":10,\"dueDate\":\"" + today + "\",\"paidOn\":\"" + today + "\"}", ops),
                new Endpoint("POST", line + "/missed-payments", "{\"dueDate\":\"" + today + "\",\"amountDue\":10}", ops),
                new Endpoint("POST", line + "/delinquency-reports", "{\"daysPastDue\":0,\"asOf\":\"" + today + "\"}", ops),
                new Endpoint("POST", line + "/income-verifications", "{\"monthlyIncome\":9000,\"source\":\"TAX_RECORD\",\"period\":\"2026-01\"}", ops),
                new Endpoint("POST", line + "/asset-changes", "{\"kind\":\"DEPOSIT\",\"direction\":\"ACQUIRED\",\"estimatedValue\":1000}", ops),
                new Endpoint("POST", line + "/bureau-reports", "{\"bureau\":\"PBOC\",\"reportId\":\"R-M\",\"score\":700,\"negativeRecords\":[],\"pulledAt\":\"2026-01-01T00:00:00Z\"}", ops),
                new Endpoint("POST", line + "/service-notes", "{\"text\":\"customer asked about fees\"}", ops),
                new Endpoint("POST", line + "/increase-requests", "{}", Set.of("channel")),
                new Endpoint("POST", line + "/increase-requests/IR-none/reviews", "{\"level\":1,\"outcome\":\"APPROVE\",\"comment\":\"ok\"}", Set.of("officer1")),
                new Endpoint("POST", line + "/increase-requests/IR-none/reviews", "{\"level\":2,\"outcome\":\"APPROVE\",\"comment\":\"ok\"}", Set.of("senior1")),
                new Endpoint("GET", "/api/policies", null, Set.of("officer1", "senior1", "auditor", "admin")),
                new Endpoint("GET", "/api/policies/1", null, Set.of("officer1", "senior1", "auditor", "admin")),
                new Endpoint("POST", "/api/policies", "{\"basedOn\":1,\"reason\":\"matrix\"}", Set.of("admin")),
                new Endpoint("GET", "/api/admin/projections", null, Set.of("admin")),
                new Endpoint("POST", "/api/admin/reassessments", null, Set.of("admin")),
                new Endpoint("GET", "/api/warnings", null, Set.of("officer1", "senior1", "auditor")),
                new Endpoint("GET", "/api/review-queue", null, Set.of("officer1", "senior1")),
                new Endpoint("GET", "/api/portfolio/summary", null, Set.of("officer1", "senior1", "auditor", "admin")),
                new Endpoint("GET", "/api/credit-lines?borrowerId=B-MATRIX", null, readers),
                new Endpoint("GET", line + "/decisions/IR-none", null, decisions),
                new Endpoint("GET", "/api/policies/1/diff?against=1", null, Set.of("officer1", "senior1", "auditor", "admin")),
                new Endpoint("POST", "/api/policies/9999/approval", "{\"comment\":\"matrix\"}", Set.of("admin")),
                new Endpoint("POST", "/api/policies/9999/rejection", "{\"comment\":\"matrix\"}", Set.of("admin")),
                new Endpoint("POST", "/api/policies/9999/simulations", "{}", Set.of("admin", "officer1", "senior1", "auditor")),
                new Endpoint("POST", "/api/admin/projections/no-such-projection/rebuild", null, Set.of("admin")),
                new Endpoint("POST", "/api/admin/projections/no-such-projection/restart",
                        "{\"skipFailedEvent\":false,\"reason\":\"matrix\"}", Set.of("admin")),
                new Endpoint("GET", "/api/audit/credit-lines/" + line.substring(line.lastIndexOf('/') + 1) + "/timeline", null, Set.of("auditor")),
                new Endpoint("POST", "/api/audit/verifications", "{\"lines\":[\"" + line.substring(line.lastIndexOf('/') + 1) + "\"]}", Set.of("auditor")),
                new Endpoint("GET", "/api/audit/verifications/no-such-job", null, Set.of("auditor")),
                new Endpoint("POST", "/api/audit/anchors", null, Set.of("auditor", "admin")),
                new Endpoint("GET", "/api/audit/export?lines=" + line.substring(line.lastIndexOf('/') + 1), null, Set.of("auditor")),
                new Endpoint("GET", "/api/audit/champion-challenger", null, Set.of("auditor", "admin", "officer1", "senior1")));
    }

    @Test
    void everyRoleGetsExactlyTheEndpointsItsJobNeeds() {
        line = "/api/credit-lines/" + Api.openLine("B-MATRIX", "20000");
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            int anonymous = call(Api.anonymous(), endpoint).statusCode();
            if (anonymous != 401) {
                wrong.add("anonymous " + endpoint.method() + " " + endpoint.path() + " -> " + anonymous);
            }
            for (String user : USERS) {
                int status = call(Api.as(user), endpoint).statusCode();
                boolean shouldPass = endpoint.allowed().contains(user);
                boolean passed = status != 401 && status != 403;
                if (shouldPass != passed) {
                    wrong.add(user + " " + endpoint.method() + " " + endpoint.path() + " -> " + status
                            + (shouldPass ? " (should be allowed)" : " (should be 403)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Response call(io.restassured.specification.RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.body(endpoint.body());
        }
        return endpoint.method().equals("GET") ? request.get(endpoint.path()) : request.post(endpoint.path());
    }
}
