package io.axle.api.vehicle;

import io.axle.api.privacy.DataSubject;
import io.axle.api.privacy.PersonalData;
import java.util.List;

/**
 * A vehicle was registered. {@code vin} is normalised (upper case, no spaces); {@code manufacturer}, {@code country}
 * (the English name the bundled WMI table gives for positions 1-2, e.g. "United States", or a region name) and {@code modelYear} are what the VIN
 * tells, null where it tells nothing; {@code warnings} name what was accepted but looks wrong (for example
 * {@code check-digit} for a mismatch outside North America). The plate belongs to the owner: encrypted under the
 * owner's key and null once the owner is erased (a vehicle without owner keeps it in clear).
 */
public record VehicleRegisteredEvent(String vehicleId, String vin, @PersonalData String plate, String plateCountry,
                                     String make, String model, Integer year, String manufacturer, String country,
                                     Integer modelYear, @DataSubject(optional = true) String ownerCustomerId, List<String> warnings,
                                     String registeredBy) {
}
