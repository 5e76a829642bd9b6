/** The firmware catalogue read model: one document per released firmware image, and its read API. */
package io.axle.query.firmware;
