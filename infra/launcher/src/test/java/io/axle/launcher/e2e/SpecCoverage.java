package io.axle.launcher.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which controller endpoints an OpenAPI description leaves out, or describes without the roles that may call them,
 * without a problem response, or with another success status than the one they answer.
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

    private static final ObjectMapper JSON = new ObjectMapper();
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

    /**
     * The success status each endpoint answers, as its handler declares it: its {@code @ResponseStatus}, else the
     * {@code response.status} of its OpenAPI note, else 200; none (null) for a handler that chooses its status at run
     * time (a {@code ResponseEntity}) without a note saying which. Where several handlers serve one endpoint by content
     * negotiation (a list's JSON and CSV), a declared status wins over an undeclared one.
     */
    static Map<Endpoint, Integer> successStatuses(RequestMappingHandlerMapping mapping, JsonNode notes) {
        Map<Endpoint, Integer> statuses = new TreeMap<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (!isAxleController(handler)) {
                return;
            }
            ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                    ResponseStatus.class);
            boolean chosenAtRunTime = ResponseEntity.class.isAssignableFrom(handler.getMethod().getReturnType());
            for (Endpoint endpoint : endpoints(info)) {
                JsonNode noted = notes.path(endpoint.toString()).path("response").path("status");
                Integer status = declared != null ? Integer.valueOf(declared.code().value())
                        : noted.isInt() ? Integer.valueOf(noted.asInt()) : chosenAtRunTime ? null : Integer.valueOf(200);
                // a list answers JSON from one handler and CSV from another: the one that names its status speaks for both
                if (status != null || !statuses.containsKey(endpoint)) {
                    statuses.put(endpoint, status);
                }
            }
        });
        return statuses;
    }

    /**
     * One line per endpoint whose description does not lead with the success status it answers (a 201 or 202
     * documented as 200, say), or whose status is not declared anywhere.
     */
    static List<String> successGaps(Map<Endpoint, Integer> statuses, JsonNode spec) {
        List<String> gaps = new ArrayList<>();
        statuses.forEach((endpoint, status) -> {
            if (status == null) {
                gaps.add(endpoint + ": chooses its status at run time; name it in the module's openapi-notes.json");
                return;
            }
            JsonNode responses = spec.path("paths").path(endpoint.path())
                    .path(endpoint.method().toLowerCase(Locale.ROOT)).path("responses");
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    documented.add(code);
                }
            });
            if (!documented.isEmpty() && !documented.get(0).equals(status.toString())) {
                gaps.add(endpoint + ": answers " + status + ", documented as " + String.join(", ", documented));
            }
        });
        return gaps;
    }

    /** The OpenAPI notes of every module on the class path, as one object. */
    static JsonNode notes() {
        ObjectNode notes = JSON.createObjectNode();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/axle/openapi-notes.json")) {
                try (InputStream in = resource.getInputStream()) {
                    notes.setAll((ObjectNode) JSON.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return notes;
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
