/** Billing steps of the sagas: asking for the invoice of every confirmed order. */
package io.axle.saga.billing;
