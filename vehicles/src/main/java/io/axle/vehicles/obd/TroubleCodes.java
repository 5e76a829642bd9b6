package io.axle.vehicles.obd;

import io.axle.vehicles.BundledTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Short descriptions of the generic OBD-II trouble codes (SAE J2012: P0, P2, P3, B0, C0, U0 and U3, 9,533 codes) from
 * the bundled {@code trouble-codes.tsv.gz}, taken from foerbsnavi/OBDex (CC0-1.0). The table has English and German;
 * it has no French, so every other language is answered in English. Manufacturer-specific codes (P1…, B1…) are not in
 * it.
 */
public final class TroubleCodes {

    private static final Map<String, List<String>> TITLES =
            BundledTable.read("/io/axle/vehicles/obd/trouble-codes.tsv.gz");

    private TroubleCodes() {
    }

    /** The description of {@code code} (any case) in German for a German locale, else in English; empty if unknown. */
    public static Optional<String> describe(String code, Locale locale) {
        if (code == null) {
            return Optional.empty();
        }
        List<String> titles = TITLES.get(code.strip().toUpperCase(Locale.ROOT));
        if (titles == null) {
            return Optional.empty();
        }
        boolean german = locale != null && "de".equals(locale.getLanguage()) && !titles.get(1).isBlank();
        return Optional.of(german ? titles.get(1) : titles.get(0));
    }
}
