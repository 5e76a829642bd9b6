/**
 * Euro reference exchange rates: the ECB table bundled with the application, or a replacement read at start-up from
 * {@code axle.billing.exchange-rates.location}; rates between two other currencies are crossed through the euro.
 */
package io.axle.billing.rates;
