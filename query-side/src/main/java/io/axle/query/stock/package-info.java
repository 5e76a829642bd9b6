/** The stock read model: on hand, reserved and available quantity per SKU, its query handlers and REST endpoints. */
package io.axle.query.stock;
