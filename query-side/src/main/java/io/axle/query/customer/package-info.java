/**
 * The customer read model: customer details (with VAT number and invoice language) and credit reserved and available,
 * its query handlers and REST endpoints.
 */
package io.axle.query.customer;
