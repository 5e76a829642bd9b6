package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient.Answer;
import java.math.BigDecimal;
import java.util.Map;

/** Puts products into a running Axle's catalogue, as an operator does before orders may name them. */
public final class Catalogue {

    private Catalogue() {
    }

    /** Adds {@code sku} at 1.00 EUR, STANDARD-rated, unless the catalogue has it already. */
    public static void add(AxleClient operator, String sku) {
        add(operator, sku, "1.00", "EUR");
    }

    /** Adds {@code sku}, named after it, at {@code unitPrice} in {@code currency}, unless the catalogue has it already. */
    public static void add(AxleClient operator, String sku, String unitPrice, String currency) {
        Answer created = operator.post("/api/v1/products", Map.of("sku", sku, "name", "Part " + sku,
                "unitPrice", new BigDecimal(unitPrice), "currency", currency, "vatCategory", "STANDARD"));
        assertThat(created.status()).as(created.raw().body()).isIn(201, 409);
    }
}
