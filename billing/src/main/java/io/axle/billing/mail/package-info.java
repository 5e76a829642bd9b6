/**
 * E-mailing issued invoices and credit notes to the buyer with the signed PDF attached: over SMTP when
 * {@code spring.mail.host} is set, otherwise as {@code .eml} files in an outbox folder; each delivery is recorded on the
 * invoice.
 */
package io.axle.billing.mail;
