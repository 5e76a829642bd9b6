/** Messages of the StockItem aggregate: receipts, adjustments, counts and reservations per SKU. */
package io.axle.api.stock;
