/**
 * The invoice read model: one document per invoice with its issued figures, payments, credit notes and e-mails, its
 * query handlers, REST and live (SSE) endpoints.
 */
package io.axle.query.invoice;
