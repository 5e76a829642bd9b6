/** The Customer aggregate, which guards a customer's credit limit, and the endpoint that registers customers. */
package io.axle.command.customer;
