/** Messages of the Webhook aggregate: partner endpoints told of business events. */
package io.axle.api.webhook;
