/** The order read model: one document per order with its status history, its query handlers, REST and live (SSE) endpoints. */
package io.axle.query.order;
