/** Messages of invoices: the per-company, per-year InvoiceNumbering sequence that hands out gap-free invoice numbers. */
package io.axle.api.invoice;
