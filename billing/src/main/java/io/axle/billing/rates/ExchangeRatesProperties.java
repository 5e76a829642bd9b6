package io.axle.billing.rates;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code axle.billing.exchange-rates.*}: where the euro reference rates come from. Without a location the table bundled
 * with the application ({@value #BUNDLED}) is used; a location (any Spring resource: {@code file:/srv/rates.csv},
 * {@code https://...}, a {@code .zip} holding the CSV) replaces it, read once at start-up.
 */
@ConfigurationProperties("axle.billing.exchange-rates")
public class ExchangeRatesProperties {

    /** The bundled table. */
    public static final String BUNDLED = "classpath:rates/ecb-reference-rates.csv";

    /** A replacement table in the ECB's CSV layout; empty = the bundled one. */
    private String location;
    /** Who published the rates, as invoices name it. */
    private String source = "ECB";

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }
}
