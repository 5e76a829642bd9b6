/**
 * The Customer aggregate, which guards a customer's credit limit and keeps the details their invoices need (VAT number,
 * language), and the endpoint that registers customers.
 */
package io.axle.command.customer;
