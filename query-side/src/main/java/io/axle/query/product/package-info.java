/** The catalogue read model: products with their price history, searchable by SKU or name, and its REST endpoints. */
package io.axle.query.product;
