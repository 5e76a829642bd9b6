package io.axle.billing.document;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Billing documents as the issuer fixes them, with accents, several rates, currencies and custom fields. */
public final class Documents {

    public static final Instant ISSUED_AT = Instant.parse("2026-11-20T09:30:00Z");
    public static final Party SELLER = new Party("Société Générale Électricité SAS", "12 rue de la Paix", "75002",
            "Paris", "FR", "FR40303265045", "facturation@sge.example", "SIREN 303 265 045 — RCS Paris",
            "FR76 3000 6000 0112 3456 7890 189");

    private Documents() {
    }

    /** A French business buyer in France: 20 % and 5.5 %, two custom fields. */
    public static BillingDocument frenchBusiness() {
        Party buyer = new Party("Garage Dupré & Fils", "3 place Bellecour", "69002", "Lyon", "FR", "FR12345678901",
                "compta@dupre.example", null, null);
        List<InvoiceLineItem> lines = List.of(
                line(1, "BRK-001", "Plaquettes de frein — série Été", "2", "617.28", "0", "20", "1234.56"),
                line(2, "OIL-5W30", "Huile moteur 5W30 (bidon 5 L)", "3", "49.90", "10", "5.5", "134.73"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Centre de coût", "Atelier Zürich");
        fields.put("Bon de commande", "BC-2026-117");
        return document(DocumentKind.INVOICE, "INV-2026-000042", "standard-fr-business", "fr", buyer, "EUR", "EUR",
                BigDecimal.ONE, lines, "1369.29", "0", "0", "1369.29", "254.32", "1623.61",
                List.of(tax("20", "1234.56", "246.91"), tax("5.5", "134.73", "7.41")), "254.32", false,
                List.of(), fields, null, null);
    }

    /** A German business buyer: intra-EU reverse charge, no VAT, the legal mention. */
    public static BillingDocument reverseCharge() {
        Party buyer = new Party("Müller Fahrzeugtechnik GmbH", "Zürichstraße 12", "80331", "München", "DE",
                "DE129273398", "buchhaltung@mueller.example", null, null);
        List<InvoiceLineItem> lines = List.of(
                line(1, "BRK-001", "Plaquettes de frein — série Été", "2", "617.28", "0", "0", "1234.56"));
        return document(DocumentKind.INVOICE, "INV-2026-000043", null, "fr", buyer, "EUR", "EUR", BigDecimal.ONE,
                lines, "1234.56", "0", "0", "1234.56", "0.00", "1234.56", List.of(tax("0", "1234.56", "0.00")),
                "0.00", true, List.of("Autoliquidation — article 196 de la directive 2006/112/CE"), Map.of(), null,
                null);
    }

    /** An English business invoice in USD, the books being kept in EUR, with a global discount. */
    public static BillingDocument englishInDollars() {
        Party buyer = new Party("Garage Zürich AG", "Bahnhofstrasse 1", "8001", "Zürich", "CH", "CHE-123.456.789",
                "accounts@garage-zuerich.example", null, null);
        List<InvoiceLineItem> lines = List.of(
                line(1, "ECU-7", "Engine control unit, refurbished", "1", "1234.56", "0", "20", "1234.56"),
                line(2, "LAB", "Workshop hour", "1.5", "80.0125", "0", "20", "120.02"));
        return document(DocumentKind.INVOICE, "INV-2026-000044", "standard-en-business", "en", buyer, "USD", "EUR",
                new BigDecimal("0.9234"), lines, "1354.58", "5", "67.73", "1286.85", "257.37", "1544.22",
                List.of(tax("20", "1286.85", "257.37")), "237.66", false, List.of(), Map.of(), null, null);
    }

    /** A Swiss business buyer, outside the EU: an export at 0 %, invoiced in euros. */
    public static BillingDocument exportOutsideEu() {
        Party buyer = new Party("Garage Zürich AG", "Bahnhofstrasse 1", "8001", "Zürich", "CH", "CHE-123.456.789",
                "accounts@garage-zuerich.example", null, null);
        List<InvoiceLineItem> lines = List.of(
                line(1, "ECU-7", "Engine control unit, refurbished", "1", "1234.56", "0", "0", "1234.56"));
        return document(DocumentKind.INVOICE, "INV-2026-000047", "standard-en-business", "en", buyer, "EUR", "EUR",
                BigDecimal.ONE, lines, "1234.56", "0", "0", "1234.56", "0.00", "1234.56",
                List.of(tax("0", "1234.56", "0.00")), "0.00", false, List.of(), Map.of(), null, null);
    }

    /** A French consumer. */
    public static BillingDocument frenchConsumer() {
        Party buyer = new Party("Élodie Dupré", "8 avenue Jean Jaurès", "69007", "Lyon", "FR", null,
                "elodie@example.com", null, null);
        List<InvoiceLineItem> lines = List.of(
                line(1, "WIP-2", "Balais d’essuie-glace (paire)", "1", "24.90", "0", "20", "24.90"));
        return document(DocumentKind.INVOICE, "INV-2026-000045", null, "fr", buyer, "EUR", "EUR", BigDecimal.ONE,
                lines, "24.90", "0", "0", "24.90", "4.98", "29.88", List.of(tax("20", "24.90", "4.98")), "4.98",
                false, List.of(), Map.of(), null, null);
    }

    /** An English consumer. */
    public static BillingDocument englishConsumer() {
        Party buyer = new Party("Zoë Brontë", "1 Baker Street", "NW1 6XE", "London", "GB", null, "zoe@example.com",
                null, null);
        List<InvoiceLineItem> lines = List.of(
                line(1, "WIP-2", "Wiper blades (pair)", "1", "24.90", "0", "20", "24.90"));
        return document(DocumentKind.INVOICE, "INV-2026-000046", null, "en", buyer, "EUR", "EUR", BigDecimal.ONE,
                lines, "24.90", "0", "0", "24.90", "4.98", "29.88", List.of(tax("20", "24.90", "4.98")), "4.98",
                false, List.of(), Map.of(), null, null);
    }

    /** A French credit note correcting {@code INV-2026-000042}. */
    public static BillingDocument frenchCreditNote() {
        BillingDocument invoice = frenchBusiness();
        List<InvoiceLineItem> lines = List.of(invoice.lines().get(1));
        return document(DocumentKind.CREDIT_NOTE, "CN-2026-000007", "standard-fr-business", "fr", invoice.buyer(),
                "EUR", "EUR", BigDecimal.ONE, lines, "134.73", "0", "0", "134.73", "7.41", "142.14",
                List.of(tax("5.5", "134.73", "7.41")), "7.41", false, List.of(), Map.of(), "INV-2026-000042",
                "Retour de marchandise endommagée");
    }

    /** {@code document} with another template id. */
    public static BillingDocument withTemplate(BillingDocument d, String templateId) {
        return new BillingDocument(d.kind(), d.number(), d.company(), templateId, d.language(), d.seller(),
                d.buyer(), d.orderId(), d.currency(), d.accountingCurrency(), d.exchangeRate(), d.exchangeRateDate(),
                d.issuedAt(), d.dueDate(), d.lines(), d.linesNet(), d.globalDiscountPercent(), d.globalDiscount(),
                d.totalExclTax(), d.totalTax(), d.totalInclTax(), d.taxes(), d.totalTaxInAccountingCurrency(),
                d.reverseCharge(), d.legalMentions(), d.customFields(), d.correctedNumber(), d.reason(), d.orderNumber());
    }

    /** {@code document} naming its order by number {@code orderNumber}. */
    public static BillingDocument forOrder(BillingDocument d, String orderNumber) {
        return new BillingDocument(d.kind(), d.number(), d.company(), d.templateId(), d.language(), d.seller(),
                d.buyer(), d.orderId(), d.currency(), d.accountingCurrency(), d.exchangeRate(), d.exchangeRateDate(),
                d.issuedAt(), d.dueDate(), d.lines(), d.linesNet(), d.globalDiscountPercent(), d.globalDiscount(),
                d.totalExclTax(), d.totalTax(), d.totalInclTax(), d.taxes(), d.totalTaxInAccountingCurrency(),
                d.reverseCharge(), d.legalMentions(), d.customFields(), d.correctedNumber(), d.reason(), orderNumber);
    }

    /** {@code document} issued at another instant. */
    public static BillingDocument issuedAt(BillingDocument d, Instant issuedAt) {
        return new BillingDocument(d.kind(), d.number(), d.company(), d.templateId(), d.language(), d.seller(),
                d.buyer(), d.orderId(), d.currency(), d.accountingCurrency(), d.exchangeRate(), d.exchangeRateDate(),
                issuedAt, d.dueDate(), d.lines(), d.linesNet(), d.globalDiscountPercent(), d.globalDiscount(),
                d.totalExclTax(), d.totalTax(), d.totalInclTax(), d.taxes(), d.totalTaxInAccountingCurrency(),
                d.reverseCharge(), d.legalMentions(), d.customFields(), d.correctedNumber(), d.reason(), d.orderNumber());
    }

    private static BillingDocument document(DocumentKind kind, String number, String templateId, String language,
                                            Party buyer, String currency, String accountingCurrency,
                                            BigDecimal rate, List<InvoiceLineItem> lines, String linesNet,
                                            String discountPercent, String discount, String excl, String tax,
                                            String incl, List<TaxAmount> taxes, String taxInAccounting,
                                            boolean reverseCharge, List<String> mentions, Map<String, String> fields,
                                            String corrected, String reason) {
        return new BillingDocument(kind, number, "axle", templateId, language, SELLER, buyer, "order-" + number,
                currency, accountingCurrency, rate, LocalDate.parse("2026-11-19"), ISSUED_AT,
                kind == DocumentKind.INVOICE ? LocalDate.parse("2026-12-20") : null, lines, new BigDecimal(linesNet),
                new BigDecimal(discountPercent), new BigDecimal(discount), new BigDecimal(excl), new BigDecimal(tax),
                new BigDecimal(incl), taxes, new BigDecimal(taxInAccounting), reverseCharge, mentions, fields,
                corrected, reason, null);
    }

    private static InvoiceLineItem line(int position, String sku, String description, String quantity,
                                        String unitPrice, String discount, String vat, String net) {
        return new InvoiceLineItem(position, sku, description, new BigDecimal(quantity), new BigDecimal(unitPrice),
                new BigDecimal(discount), "standard", new BigDecimal(vat), new BigDecimal(net));
    }

    private static TaxAmount tax(String rate, String base, String amount) {
        return new TaxAmount(new BigDecimal(rate), new BigDecimal(base), new BigDecimal(amount));
    }
}
