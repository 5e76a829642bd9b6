package io.axle.api.stock;

/** Subscribes to changes of stock levels; a null SKU watches every SKU. */
public record WatchStockLevelsQuery(String sku) {
}
