/** The web edge shared by all modules: problem mapping, idempotency, request metadata. */
package io.axle.platform.web;
