package io.axle.command.document.alert;

import io.axle.api.document.DocumentField;

import java.util.List;
import java.util.Set;

/**
 * A document as alert rules see it: its title, its current type ({@code unknown} before it is classified), its current
 * fields, and the rules already raised on it.
 */
public record AlertedDocument(String documentId, String title, String type, List<DocumentField> fields,
                              Set<String> alertsRaised) {

    public AlertedDocument {
        fields = fields == null ? List.of() : List.copyOf(fields);
        alertsRaised = alertsRaised == null ? Set.of() : Set.copyOf(alertsRaised);
    }
}
