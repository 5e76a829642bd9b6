/** The stock read model: on hand, reserved and available per SKU, its query handlers, REST and live (SSE) endpoints. */
package io.axle.query.stock;
