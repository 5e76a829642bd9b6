/** The flash campaign process: starts the flashes of each started group, retries waiting vehicles, records outcomes. */
package io.axle.saga.campaign;
