/** Order fulfilment: reserves stock and credit for a placed order, confirms it, and releases everything when it cannot go on. */
package io.axle.saga.fulfilment;
