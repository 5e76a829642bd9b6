/**
 * Messages of invoices: the Invoice aggregate (request, issue, payments, overdue, credit notes, e-mails), the document
 * an invoice or credit note is rendered from, and the per-company, per-year InvoiceNumbering sequences that hand out
 * gap-free numbers.
 */
package io.axle.api.invoice;
