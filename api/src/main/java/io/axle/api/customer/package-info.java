/** Messages of the Customer aggregate: registration, edits of the record, and payment on account. */
package io.axle.api.customer;
