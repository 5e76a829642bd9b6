package io.axle.billing.document;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Documents that take every branch a template can have (foreign currency, discounts, reverse charge, custom fields,
 * credit note): a template is rendered with them when loaded, so that its mistakes show then and not on a customer's
 * invoice.
 */
final class SampleDocuments {

    private SampleDocuments() {
    }

    static List<BillingDocument> all() {
        return List.of(invoice(), creditNote(), consumerInvoice());
    }

    static BillingDocument invoice() {
        Party seller = new Party("Axle Demo SAS", "12 rue de la Paix", "75002", "Paris", "FR", "FR40303265045",
                "billing@axle.example", "SIREN 303 265 045 — RCS Paris", "FR76 3000 6000 0112 3456 7890 189");
        Party buyer = new Party("Garage Zürich AG", "Bahnhofstrasse 1", "8001", "Zürich", "DE", "DE123456789",
                "accounts@garage.example", null, null);
        List<InvoiceLineItem> lines = List.of(
                new InvoiceLineItem(1, "SKU-1", "Brake pads", new BigDecimal("2"), new BigDecimal("100.00"),
                        new BigDecimal("10"), "standard", BigDecimal.ZERO, new BigDecimal("180.00")),
                new InvoiceLineItem(2, "SKU-2", "Workshop hour", new BigDecimal("1.5"), new BigDecimal("80.0125"),
                        BigDecimal.ZERO, "standard", BigDecimal.ZERO, new BigDecimal("120.02")));
        return new BillingDocument(DocumentKind.INVOICE, "INV-2026-000001", "axle", null, "en", seller, buyer,
                "order-1", "USD", "EUR", new BigDecimal("0.9234"), LocalDate.parse("2026-11-20"),
                Instant.parse("2026-11-20T10:00:00Z"), LocalDate.parse("2026-12-20"), lines,
                new BigDecimal("300.02"), new BigDecimal("5"), new BigDecimal("15.00"), new BigDecimal("285.02"),
                BigDecimal.ZERO, new BigDecimal("285.02"),
                List.of(new TaxAmount(BigDecimal.ZERO, new BigDecimal("285.02"), BigDecimal.ZERO)),
                BigDecimal.ZERO, true, List.of("Reverse charge — Article 196 of Council Directive 2006/112/EC"),
                Map.of("Purchase order", "PO-7", "Cost centre", "42"), null, null, null);
    }

    static BillingDocument creditNote() {
        BillingDocument i = invoice();
        return new BillingDocument(DocumentKind.CREDIT_NOTE, "CN-2026-000001", i.company(), null, i.language(),
                i.seller(), i.buyer(), i.orderId(), i.currency(), i.accountingCurrency(), i.exchangeRate(),
                i.exchangeRateDate(), i.issuedAt(), null, i.lines(), i.linesNet(), i.globalDiscountPercent(),
                i.globalDiscount(), i.totalExclTax(), i.totalTax(), i.totalInclTax(), i.taxes(),
                i.totalTaxInAccountingCurrency(), i.reverseCharge(), i.legalMentions(), i.customFields(),
                "INV-2026-000001", "Returned goods", null);
    }

    static BillingDocument consumerInvoice() {
        BillingDocument i = invoice();
        Party consumer = new Party("Élodie Dupré", "3 place Bellecour", "69002", "Lyon", "FR", null,
                "elodie@example.com", null, null);
        List<InvoiceLineItem> lines = List.of(new InvoiceLineItem(1, "SKU-1", "Brake pads", BigDecimal.ONE,
                new BigDecimal("100.00"), BigDecimal.ZERO, "standard", new BigDecimal("20"), new BigDecimal("100.00")));
        return new BillingDocument(DocumentKind.INVOICE, "INV-2026-000002", i.company(), null, "fr", i.seller(),
                consumer, "order-2", "EUR", "EUR", BigDecimal.ONE, LocalDate.parse("2026-11-20"), i.issuedAt(),
                LocalDate.parse("2026-12-20"), lines, new BigDecimal("100.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"),
                List.of(new TaxAmount(new BigDecimal("20"), new BigDecimal("100.00"), new BigDecimal("20.00"))),
                new BigDecimal("20.00"), false, List.of(), Map.of(), null, null, null);
    }
}
