/**
 * Billing documents, as a library auto-configured into the application that issues invoices: companies
 * ({@link io.axle.billing.BillingProperties}), exchange rates, invoice templates, signed PDF rendering, the store of
 * issued PDFs (served at {@code /api/v1/invoices/{id}/pdf}) and e-mail to customers.
 */
package io.axle.billing;
