/** Messages of the Order aggregate and its read models. */
package io.axle.api.order;
