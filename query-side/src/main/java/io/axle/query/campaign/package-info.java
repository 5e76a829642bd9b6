/** The flash campaign read model: one document per campaign with live counts per group, its API and live updates. */
package io.axle.query.campaign;
