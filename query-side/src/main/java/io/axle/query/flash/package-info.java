/** The flash job read model: one document per ECU flash with its status, progress and step timeline, and its read API. */
package io.axle.query.flash;
