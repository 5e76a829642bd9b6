package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.Catalogue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Data the screen tests put in through the API before they look at it, each piece awaited until it can be read. */
final class Seeds {

    /** An order of one customer, confirmed and invoiced. */
    record InvoicedOrder(String customerId, String orderId, String invoiceId) {
    }

    private Seeds() {
    }

    /** A French customer paying in EUR with a credit limit of 5000.00, readable once answered; its id. */
    static String customer(AxleClient admin, String name, String email) {
        Answer customer = admin.post("/api/v1/customers", Map.of("name", name, "email", email, "country", "FR",
                "currency", "EUR", "creditLimit", new BigDecimal("5000.00")));
        assertThat(customer.status()).as(customer.raw().body()).isEqualTo(201);
        String id = customer.body().get("id").asText();
        await(() -> admin.get("/api/v1/customers/" + id).status() == 200);
        return id;
    }

    /** A customer, a product, its stock and an order for 2 × 25.00 EUR (60.00 with 20 % VAT), confirmed and invoiced. */
    static InvoicedOrder invoicedOrder(AxleClient admin) {
        String customerId = customer(admin, "Garage des Écoles", "compta@garage-ecoles.fr");
        String sku = "DISC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Catalogue.add(admin, sku, "25.00", "EUR");
        assertThat(admin.post("/api/v1/stock/" + sku + "/receipts", Map.of("quantity", 10)).status()).isEqualTo(202);
        await(() -> admin.get("/api/v1/stock/" + sku).status() == 200);
        Answer placed = admin.post("/api/v1/orders", Map.of("customerId", customerId, "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", 2, "unitPrice", new BigDecimal("25.00"))),
                "shippingAddress", Map.of("recipient", "Garage des Écoles", "street", "3 place des Écoles",
                        "city", "Nantes", "postalCode", "44000", "country", "FR")));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String orderId = placed.body().get("orderId").asText();
        String[] invoiceId = new String[1];
        await(() -> {
            Answer page = admin.get("/api/v1/invoices?orderId=" + orderId);
            if (page.status() != 200 || page.body().get("content").isEmpty()
                    || !"ISSUED".equals(page.body().at("/content/0/status").asText())) {
                return false;
            }
            invoiceId[0] = page.body().at("/content/0/invoiceId").asText();
            return true;
        });
        return new InvoicedOrder(customerId, orderId, invoiceId[0]);
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
