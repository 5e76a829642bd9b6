/**
 * The catalogue read model, in two versions while the second is rolled out (blue/green, ADR 0020): products with their
 * price history (and, from the second version, the price before the last change), searchable by SKU or name, and its
 * REST endpoints.
 */
package io.axle.query.product;
