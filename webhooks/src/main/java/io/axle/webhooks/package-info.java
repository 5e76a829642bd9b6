/**
 * Partner webhooks: business events become delivery records, which are posted signed to the partner's endpoint,
 * retried with backoff, then kept dead for an administrator to retry.
 */
package io.axle.webhooks;
