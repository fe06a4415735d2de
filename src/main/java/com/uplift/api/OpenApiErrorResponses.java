package com.uplift.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Completes the error side of every operation in the served OpenAPI document, so that the annotations on a resource
 * method need only state what is particular to it. Every operation can answer 400 (an unknown or invalid query
 * parameter, see {@link QueryParameterCheck}), 401 and 403 (every operation needs a role), and every error answer is
 * {@code application/problem+json} with the {@code Problem} schema. Registered by {@code mp.openapi.filter}.
 */
public class OpenApiErrorResponses implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final Map<String, String> EVERY_OPERATION = new LinkedHashMap<>();

    static {
        EVERY_OPERATION.put("400", "Invalid request: a parameter or body field (named in errors), or an unknown query parameter");
        EVERY_OPERATION.put("401", "No credentials, or credentials that are not valid");
        EVERY_OPERATION.put("403", "The caller's role may not do this");
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().getPathItems().values().forEach(path ->
                path.getOperations().values().forEach(OpenApiErrorResponses::complete));
    }

    private static void complete(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach((status, description) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
            }
        });
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                asProblem(response);
            }
        });
    }

    private static void asProblem(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
    }
}
