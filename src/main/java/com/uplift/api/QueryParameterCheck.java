package com.uplift.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the endpoint does not declare, as a 400 naming it. Ignoring it would answer a different
 * question than the one asked: {@code GET /api/warnings?line=...} would list every line's warnings as if filtered.
 */
public class QueryParameterCheck {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Response refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Set<String> sent = request.getUriInfo().getQueryParameters().keySet();
        if (sent.isEmpty()) {
            return null;
        }
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Set<String> accepted = declared.computeIfAbsent(method, QueryParameterCheck::queryParameters);
        List<Problem.FieldError> unknown = sent.stream().filter(name -> !accepted.contains(name)).sorted()
                .map(name -> new Problem.FieldError(name, "unknown query parameter")).toList();
        if (unknown.isEmpty()) {
            return null;
        }
        String names = String.join(", ", unknown.stream().map(Problem.FieldError::field).toList());
        String detail = "unknown query parameter " + names + "; this endpoint accepts "
                + (accepted.isEmpty() ? "none" : String.join(", ", accepted));
        return Problem.of(ProblemType.VALIDATION, detail).withErrors(unknown).toResponse();
    }

    private static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
        }
        return names;
    }
}
