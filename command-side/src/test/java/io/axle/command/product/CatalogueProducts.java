package io.axle.command.product;

import io.axle.api.product.CreateProductCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.math.BigDecimal;

/** Puts the products tests order into the catalogue of a running command side. */
public final class CatalogueProducts {

    private CatalogueProducts() {
    }

    /** Creates the STANDARD-rated product {@code sku} at {@code unitPrice}, unless the catalogue has it already. */
    public static void ensure(CommandGateway gateway, String sku, BigDecimal unitPrice, String currency) {
        try {
            gateway.sendAndWait(new CreateProductCommand(sku, "Product " + sku, null, unitPrice, currency, "STANDARD",
                    null, null, "test"));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("already exists")) {
                throw e;
            }
        }
    }
}
