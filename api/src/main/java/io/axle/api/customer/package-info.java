/** Messages of the Customer aggregate: registration and payment on account. */
package io.axle.api.customer;
