/** What a vehicle's identifiers mean: VIN decoding and licence plate formats, from bundled, openly licensed tables. */
package io.axle.vehicles;
