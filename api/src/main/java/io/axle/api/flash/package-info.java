/** Messages of the FlashJob aggregate (one ECU flash), its process and its read model. */
package io.axle.api.flash;
