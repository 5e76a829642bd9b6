package io.axle.api.document;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Raises alert rule {@code rule} on document {@code documentId}, with its {@code severity} ({@code info},
 * {@code warning} or {@code critical}) and the {@code message} it says. Sent by the alert processor for every rule the
 * document matches; a rule already raised on that document records nothing, so a reprocess or a replay never raises
 * it twice.
 */
public record RaiseDocumentAlertCommand(@TargetAggregateIdentifier String documentId, String rule, String severity,
                                        String message) {
}
