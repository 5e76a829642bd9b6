package io.axle.vehicles;

import java.util.List;

/**
 * What a valid VIN says. {@code vin} is the normalised spelling (upper case, no spaces or hyphens); {@code wmi} the
 * world manufacturer identifier (positions 1–3, followed by positions 12–14 for a small manufacturer, position 3 being
 * 9); {@code manufacturer}, {@code country} and {@code modelYear} are null when the tables or position 10 do not
 * tell. {@code warnings} lists what is odd but allowed: {@code check-digit} (mismatch where it is not mandatory),
 * {@code unknown-manufacturer}, {@code unknown-model-year}.
 */
public record DecodedVin(String vin, String wmi, String manufacturer, String country, Integer modelYear,
                         boolean checkDigitRequired, boolean checkDigitValid, List<String> warnings) {

    public DecodedVin {
        warnings = List.copyOf(warnings);
    }
}
