package com.uplift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves is a contract a client generator can trust. This test checks what a linter
 * cannot know (every operation's roles match its @RolesAllowed) and writes the document to target/openapi.json,
 * where .ci/run lints it with Redocly and Spectral.
 */
@QuarkusTest
@Tag("integration")
class OpenApiContractTest {

    /** Every resource class; an operation in the document from a class missing here fails the count below. */
    private static final List<Class<?>> RESOURCES = List.of(CreditLineResource.class, IncreaseResource.class,
            ServicingResource.class, ReadModelResource.class, AuditResource.class, PolicyResource.class,
            ProjectionAdminResource.class, ReassessmentResource.class, WarningClearanceResource.class, DecreaseResource.class,
            ScorecardResource.class,
            com.uplift.servicingfeed.DeadLetterResource.class, OfferResource.class, OfferListResource.class, OfferScanResource.class);

    private static JsonNode document;
    private static Map<String, JsonNode> operations;

    @BeforeEach
    void fetchOnce() throws Exception {
        if (document != null) {
            return;
        }
        String served = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), served);
        document = new ObjectMapper().readTree(served);
        operations = new HashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
    }

    @Test
    void everyOperationHasAnOperationIdThatReadsWellInAGeneratedClient() {
        List<String> ids = operations.values().stream().map(op -> op.path("operationId").asText("")).toList();
        assertThat(ids).hasSize(59).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][A-Za-z]+"), "lowerCamelCase");
        assertThat(operations.get("POST /api/credit-lines").path("operationId").asText()).isEqualTo("openCreditLine");
        assertThat(operations.get("POST /api/credit-lines/{id}/repayments").path("operationId").asText()).isEqualTo("recordRepayment");
        assertThat(operations.get("POST /api/credit-lines/{id}/increase-requests").path("operationId").asText())
                .isEqualTo("requestLimitIncrease");
        assertThat(operations.get("POST /api/credit-lines/{id}/increase-requests/{requestId}/reviews").path("operationId").asText())
                .isEqualTo("reviewIncreaseRequest");
    }

    @Test
    void everyOperationDocumentsItsSuccessWithASchemaAndItsErrorsAsProblems() {
        operations.forEach((name, op) -> {
            Map<String, JsonNode> responses = new HashMap<>();
            op.path("responses").properties().forEach(r -> responses.put(r.getKey(), r.getValue()));
            List<String> successes = responses.keySet().stream().filter(code -> code.startsWith("2")).toList();
            assertThat(successes).as(name + " has a success response").isNotEmpty();
            successes.stream().filter(code -> !code.equals("204")).forEach(code ->
                    assertThat(responses.get(code).path("content").properties())
                            .as(name + " " + code + " has a body schema")
                            .isNotEmpty()
                            .allSatisfy(media -> assertThat(media.getValue().has("schema")).isTrue()));
            assertThat(responses).as(name + " documents 400, 401 and 403").containsKeys("400", "401", "403");
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(response.path("content").path(Problem.MEDIA_TYPE).path("schema").path("$ref").asText())
                            .as(name + " " + code).isEqualTo("#/components/schemas/Problem");
                }
            });
        });
    }

    @Test
    void everyOperationNamesExactlyTheRolesItsMethodAllows() {
        Map<String, JsonNode> byId = new HashMap<>();
        operations.values().forEach(op -> byId.put(op.path("operationId").asText(), op));
        int methods = 0;
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!isEndpoint(method)) {
                    continue;
                }
                methods++;
                String id = method.getAnnotation(Operation.class).operationId();
                RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                assertThat(allowed).as(id + " needs a role").isNotNull();
                assertThat(byId).as(id + " is in the document").containsKey(id);
                String description = byId.get(id).path("description").asText();
                assertThat(rolesIn(description)).as(id + ": " + description).isEqualTo(new TreeSet<>(List.of(allowed.value())));
            }
        }
        assertThat(operations).as("every documented operation is checked").hasSize(methods);
    }

    @Test
    void securityIsOneSchemePerWayToAuthenticateWithoutRoleScopes() {
        assertThat(names(document.path("components").path("securitySchemes"))).containsExactlyInAnyOrder("bearer", "basic");
        assertThat(document.path("security").toString()).isEqualTo("[{\"bearer\":[]},{\"basic\":[]}]");
        operations.forEach((name, op) -> op.path("security").forEach(requirement -> requirement.properties().forEach(scheme ->
                assertThat(scheme.getValue()).as(name + " lists no scopes").isEmpty())));
    }

    @Test
    void aMonthIsAStringOfYearAndMonth() {
        JsonNode period = document.at("/components/schemas/IncomeVerification/properties/period");
        assertThat(period.path("$ref").asText()).isEqualTo("#/components/schemas/YearMonth");
        JsonNode month = document.at("/components/schemas/YearMonth");
        assertThat(month.toString()).doesNotContain("$ref");
        assertThat(month.path("type").asText()).isEqualTo("string");
        assertThat("2026-10").matches(month.path("pattern").asText());
        assertThat("2026-1").doesNotMatch(month.path("pattern").asText());
    }

    @Test
    void schemaNamesSayWhatTheyAreWithoutCollisionNumbers() {
        assertThat(names(document.path("components").path("schemas")))
                .noneMatch(name -> name.matches(".*\\d$"))
                .contains("PolicyStatus", "VerificationStatus", "ProjectionStatus", "PolicySimulationReport",
                        "ChampionChallengerReport", "AuditTimelinePage", "Problem");
        // PolicyStatus is written out in configuration (the domain carries no annotations): it must stay the enum's values
        List<String> documented = new ArrayList<>();
        document.at("/components/schemas/PolicyStatus/enum").forEach(value -> documented.add(value.asText()));
        assertThat(documented).containsExactly(java.util.Arrays.stream(com.uplift.domain.governance.PolicyBook.Status.values())
                .map(Enum::name).toArray(String[]::new));
    }

    @Test
    void everyComponentSchemaIsUsed() {
        Set<String> referenced = new HashSet<>();
        Matcher refs = Pattern.compile("\"#/components/schemas/([^\"]+)\"").matcher(document.toString());
        while (refs.find()) {
            referenced.add(refs.group(1));
        }
        assertThat(referenced).containsAll(names(document.path("components").path("schemas")));
    }

    private static boolean isEndpoint(Method method) {
        return method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
                || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class);
    }

    private static Set<String> rolesIn(String description) {
        Matcher roles = Pattern.compile("Roles: ([a-z, -]+)\\.$").matcher(description);
        return roles.find() ? new TreeSet<>(List.of(roles.group(1).split(", "))) : Set.of();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
