/** The StockItem aggregate, one per SKU, keeping on-hand and reserved quantities, and the endpoints that move stock. */
package io.axle.command.stock;
