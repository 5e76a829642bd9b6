package io.axle.platform.openapi;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents who may call an operation, read from its handler's {@code @PreAuthorize} (on the method, else on the
 * controller): the roles as {@value #ROLES} and as a first description line; an expression that says more than
 * {@code hasRole}/{@code hasAnyRole} is added whole as {@value #EXPRESSION}. A handler without {@code @PreAuthorize}
 * is open to any signed-in caller, unless security makes its path public ({@link OperationNotes}).
 */
public final class OperationRoles implements OperationCustomizer {

    public static final String ROLES = "x-roles";
    public static final String EXPRESSION = "x-pre-authorize";

    private static final Pattern ROLE_CHECK = Pattern.compile("has(?:Any)?Role\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern ROLE_CHECKS_ONLY = Pattern.compile(
            "\\s*has(?:Any)?Role\\([^)]*\\)(\\s*(or|\\|\\|)\\s*has(?:Any)?Role\\([^)]*\\))*\\s*");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        PreAuthorize rule = preAuthorize(handler.getMethod());
        if (rule == null) {
            rule = preAuthorize(handler.getBeanType());
        }
        if (rule == null) {
            operation.addExtension(ROLES, List.of());
            return describe(operation, "Roles: any signed-in caller.");
        }
        List<String> roles = roles(rule.value());
        operation.addExtension(ROLES, roles);
        if (!ROLE_CHECKS_ONLY.matcher(rule.value()).matches()) {
            operation.addExtension(EXPRESSION, rule.value());
        }
        return describe(operation, roles.isEmpty() ? "Access: " + rule.value() + "."
                : "Roles: " + String.join(", ", roles) + ".");
    }

    /** The roles named by {@code hasRole} and {@code hasAnyRole} calls, lower case and without {@code ROLE_}. */
    static List<String> roles(String expression) {
        List<String> roles = new ArrayList<>();
        Matcher check = ROLE_CHECK.matcher(expression);
        while (check.find()) {
            Matcher quoted = QUOTED.matcher(check.group(1));
            while (quoted.find()) {
                String role = quoted.group(1).strip().toLowerCase(Locale.ROOT);
                role = role.startsWith("role_") ? role.substring(5) : role;
                if (!role.isEmpty() && !roles.contains(role)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    static Operation describe(Operation operation, String line) {
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? line : line + "\n\n" + description);
        return operation;
    }

    private static PreAuthorize preAuthorize(AnnotatedElement element) {
        return AnnotatedElementUtils.findMergedAnnotation(element, PreAuthorize.class);
    }
}
