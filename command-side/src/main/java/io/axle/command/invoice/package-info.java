/**
 * Invoices: the Invoice aggregate (requested once per order, issued once and never changed, paid, overdue, corrected
 * by credit notes), the gap-free InvoiceNumbering sequences, the amounts (VAT per country and category, discounts,
 * reverse charge and exports, in BigDecimal), the issuing process that numbers, renders and issues requested
 * documents, and the endpoints that request invoices, payments and credit notes.
 */
package io.axle.command.invoice;
