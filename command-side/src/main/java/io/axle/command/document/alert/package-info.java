/**
 * Alerts on documents: rules from {@code axle.documents.alerts.rules} on a document's type and fields, evaluated when
 * its pipeline run ends or an operator validates its fields ({@link DocumentAlertProcessor}), raised once per document
 * and rule on the Document aggregate, and mailed to the rule's recipients ({@link DocumentAlertMailer}).
 */
package io.axle.command.document.alert;
