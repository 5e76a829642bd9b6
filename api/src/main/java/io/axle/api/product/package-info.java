/** Messages of the Product aggregate (the catalogue) and its read model. */
package io.axle.api.product;
