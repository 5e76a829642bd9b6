package io.axle.platform.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.axle.platform.security.SecurityAutoConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Finishes every operation of the generated description: tagged by the resource its path names (so that the command
 * and query endpoints of orders sit together), public ones without security, the problems that apply, then the notes
 * of its module ({@link OperationNotes}).
 */
final class ApiDescription implements OpenApiCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ApiDescription.class);

    private final OperationNotes notes;

    ApiDescription(OperationNotes notes) {
        this.notes = notes;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        // here rather than on the OpenAPI bean, whose schemas springdoc drops while nothing refers to them yet
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(ProblemResponses.SCHEMA, ProblemResponses.schema());
        Set<String> described = new HashSet<>();
        List<String> misplaced = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String key = method.name() + " " + path;
            described.add(key);
            operation.setTags(List.of(resource(path)));
            boolean open = SecurityAutoConfiguration.isPublic(method.name(), path);
            if (open) {
                operation.setSecurity(List.of());
                operation.addExtension(OperationRoles.ROLES, List.of());
                operation.setDescription("Roles: none, public.");
            }
            ProblemResponses.addTo(operation, method, path, open);
            if (!notes.applyTo(key, operation, path, openApi.getComponents())) {
                misplaced.add(key);
            }
        }));
        List<String> unknown = notes.keys().stream().filter(key -> !described.contains(key)).sorted().toList();
        if (!unknown.isEmpty() || !misplaced.isEmpty()) {
            log.warn("OpenAPI notes for operations this process does not have: {}; notes that do not fit their "
                    + "operation: {}", unknown, misplaced);
        }
    }

    /** The resource a path names: {@code orders} for {@code /api/v1/orders/{id}}, {@code runs} for {@code /api/runs}. */
    static String resource(String path) {
        List<String> segments = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        if (!segments.isEmpty() && segments.get(0).equals("api")) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.get(0).matches("v\\d+")) {
            segments.remove(0);
        }
        if (segments.size() > 1 && segments.get(0).equals("admin")) {
            segments.remove(0);
        }
        return segments.isEmpty() || segments.get(0).isEmpty() ? "api" : segments.get(0);
    }
}
