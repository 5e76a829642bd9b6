/** The customer read model: customer details with credit reserved and available, its query handlers and REST endpoints. */
package io.axle.query.customer;
