package io.axle.launcher.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which controller endpoints an OpenAPI description leaves out, or describes without the roles that may call them or
 * without a problem response.
 */
final class SpecCoverage {

    /** A request mapping as the description names it: upper-case method, path with bare variables. */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {

        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<RequestMethod> ANY_METHOD = List.of(RequestMethod.GET, RequestMethod.POST,
            RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    private SpecCoverage() {
    }

    /** Every endpoint of Axle's controllers; the servlet container's error page is none. */
    static Set<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        Set<Endpoint> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (isAxleController(handler)) {
                endpoints.addAll(endpoints(info));
            }
        });
        return endpoints;
    }

    private static boolean isAxleController(HandlerMethod handler) {
        Class<?> type = ClassUtils.getUserClass(handler.getBeanType());
        return type.getName().startsWith("io.axle.") && !ErrorController.class.isAssignableFrom(type);
    }

    private static List<Endpoint> endpoints(RequestMappingInfo info) {
        Collection<RequestMethod> methods = info.getMethodsCondition().getMethods().isEmpty() ? ANY_METHOD
                : info.getMethodsCondition().getMethods();
        List<Endpoint> endpoints = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            for (RequestMethod method : methods) {
                endpoints.add(new Endpoint(method.name(), pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}")));
            }
        }
        return endpoints;
    }

    /** One line per gap: an endpoint not described, or described without roles or problem responses. */
    static List<String> gaps(Collection<Endpoint> endpoints, JsonNode spec) {
        List<String> gaps = new ArrayList<>();
        for (Endpoint endpoint : new TreeSet<>(endpoints)) {
            JsonNode operation = spec.path("paths").path(endpoint.path())
                    .path(endpoint.method().toLowerCase(Locale.ROOT));
            if (!operation.isObject()) {
                gaps.add(endpoint + ": not described");
                continue;
            }
            if (!operation.path("x-roles").isArray()) {
                gaps.add(endpoint + ": no x-roles");
            }
            if (!operation.path("description").asText().matches("(?s)(Roles|Access): .*")) {
                gaps.add(endpoint + ": no roles in its description");
            }
            if (problemStatuses(operation).isEmpty()) {
                gaps.add(endpoint + ": no application/problem+json response");
            }
        }
        return gaps;
    }

    /** The statuses an operation answers with a problem. */
    static Set<String> problemStatuses(JsonNode operation) {
        Set<String> statuses = new TreeSet<>();
        operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getValue().path("content").has("application/problem+json")) {
                statuses.add(response.getKey());
            }
        });
        return statuses;
    }
}
