package com.uplift.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the endpoint does not declare, as a 400 naming it. Ignoring it would answer a different
 * question than the one asked: {@code GET /api/warnings?line=...} would list every line's warnings as if filtered.
 * <p>
 * It also refuses, as a 400 naming the parameter, a value the parameter's type cannot hold ({@code level=abc},
 * {@code page=99999999999}) and a single-valued parameter given twice ({@code level=1&level=2}, where the first would
 * quietly win). Left to JAX-RS, a failed query parameter conversion is a 404, which would tell the caller the
 * resource does not exist; checking here keeps real 404s (unknown path, unknown id) what they are.
 */
public class QueryParameterCheck {

    private final Map<Method, Map<String, Class<?>>> declared = new ConcurrentHashMap<>();

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
        Map<String, Class<?>> types = declared.computeIfAbsent(method, QueryParameterCheck::queryParameters);
        Set<String> accepted = types.keySet();
        List<Problem.FieldError> unknown = sent.stream().filter(name -> !accepted.contains(name)).sorted()
                .map(name -> new Problem.FieldError(name, "unknown query parameter")).toList();
        if (unknown.isEmpty()) {
            return refuseUnfit(request.getUriInfo().getQueryParameters(), types);
        }
        String names = String.join(", ", unknown.stream().map(Problem.FieldError::field).toList());
        String detail = "unknown query parameter " + names + "; this endpoint accepts "
                + (accepted.isEmpty() ? "none" : String.join(", ", accepted));
        return Problem.of(ProblemType.VALIDATION, detail).withErrors(unknown).toResponse();
    }

    /** The first sent value its declared type cannot take, or a single-valued parameter sent twice; null if none. */
    private static Response refuseUnfit(MultivaluedMap<String, String> sent, Map<String, Class<?>> types) {
        for (Map.Entry<String, Class<?>> declaredParameter : types.entrySet()) {
            String name = declaredParameter.getKey();
            List<String> values = sent.get(name);
            if (values == null) {
                continue;
            }
            Class<?> type = declaredParameter.getValue();
            if (values.size() > 1 && !Collection.class.isAssignableFrom(type)) {
                return Problem.invalid(name, "given more than once",
                        "query parameter " + name + " takes one value and is given " + values.size() + " times").toResponse();
            }
            String unfit = values.stream().filter(value -> !fits(value, type)).findFirst().orElse(null);
            if (unfit != null) {
                String range = type == int.class || type == Integer.class ? "a whole number from " + Integer.MIN_VALUE
                        + " to " + Integer.MAX_VALUE : "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
                return Problem.invalid(name, "must be " + range,
                        "query parameter " + name + " must be " + range + ", not '" + unfit + "'").toResponse();
            }
        }
        return null;
    }

    /** Whether JAX-RS can convert the value to the type; only whole numbers can fail among the types we declare. */
    private static boolean fits(String value, Class<?> type) {
        if (value.isEmpty()) {
            return true; // an empty value is left to JAX-RS, as before
        }
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            }
            return true;
        } catch (NumberFormatException notAWholeNumber) {
            return false;
        }
    }

    private static Map<String, Class<?>> queryParameters(Method method) {
        Map<String, Class<?>> types = new TreeMap<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                types.put(query.value(), parameter.getType());
            }
        }
        return types;
    }
}
