/** The Webhook aggregate (a partner endpoint told of business events) and the endpoints that register and change it. */
package io.axle.command.webhook;
