package io.axle.query.invoice;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.CreditNoteIssuedEvent;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.InvoiceStatus;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Invoice events as the Invoice aggregate sends them, for one French invoice in US dollars: two lines at 20 % and
 * 5.5 %, 1,211.00 USD incl. tax, at 0.92 EUR per USD, due 30 days after issue.
 */
final class InvoiceEvents {

    static final Instant REQUESTED_AT = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant ISSUED_AT = Instant.parse("2026-03-02T09:00:05Z");
    static final LocalDate DUE = LocalDate.parse("2026-04-01");
    static final Party SELLER = new Party("Axle SAS", "10 rue de la Paix", "75002", "Paris", "FR", "FR40123456824",
            "billing@axle.test", "123456824", "FR7630006000011234567890189");
    static final Party BUYER = new Party("Atelier Martin", "5 quai des Chartrons", "33000", "Bordeaux", "FR",
            null, "compta@martin.test", null, null);
    static final List<InvoiceLineItem> LINES = List.of(
            new InvoiceLineItem(1, "SKU-1", "Capteur de température", new BigDecimal("2"), new BigDecimal("500.00"),
                    BigDecimal.ZERO, "standard", new BigDecimal("20"), new BigDecimal("1000.00")),
            new InvoiceLineItem(2, "BOOK-1", "Manuel d'installation", new BigDecimal("1"), new BigDecimal("10.00"),
                    BigDecimal.ZERO, "reduced", new BigDecimal("5.5"), new BigDecimal("10.00")));
    static final List<TaxAmount> TAXES = List.of(
            new TaxAmount(new BigDecimal("20"), new BigDecimal("1000.00"), new BigDecimal("200.00")),
            new TaxAmount(new BigDecimal("5.5"), new BigDecimal("10.00"), new BigDecimal("0.55")));
    static final BigDecimal TOTAL = new BigDecimal("1210.55");
    static final String SHA = "3f0a".repeat(16);
    static final String ORDER_NUMBER = "SO-2026-000007";

    private InvoiceEvents() {
    }

    static InvoiceRequestedEvent requested(String invoiceId, String orderId, String customerId, Instant at) {
        return new InvoiceRequestedEvent(invoiceId, orderId, customerId, null, Map.of(), null, "operator", at);
    }

    static InvoiceIssuedEvent issued(String invoiceId, String orderId, String customerId, String number) {
        return issued(invoiceId, orderId, customerId, number, ORDER_NUMBER);
    }

    /** The invoice of an order numbered {@code orderNumber}, null for an order placed before orders were numbered. */
    static InvoiceIssuedEvent issued(String invoiceId, String orderId, String customerId, String number,
                                     String orderNumber) {
        return new InvoiceIssuedEvent(invoiceId, orderId, customerId, invoice(number, orderId, orderNumber), SHA);
    }

    /** The invoice as {@link #issued} but in {@code currency} and due on {@code dueDate}. */
    static InvoiceIssuedEvent issuedIn(String invoiceId, String customerId, String number, String currency,
            LocalDate dueDate) {
        return new InvoiceIssuedEvent(invoiceId, invoiceId, customerId, invoice(number, invoiceId, currency, dueDate),
                SHA);
    }

    static BillingDocument invoice(String number, String orderId) {
        return invoice(number, orderId, ORDER_NUMBER);
    }

    static BillingDocument invoice(String number, String orderId, String orderNumber) {
        return invoice(number, orderId, "USD", DUE, orderNumber);
    }

    private static BillingDocument invoice(String number, String orderId, String currency, LocalDate dueDate) {
        return invoice(number, orderId, currency, dueDate, ORDER_NUMBER);
    }

    private static BillingDocument invoice(String number, String orderId, String currency, LocalDate dueDate,
                                           String orderNumber) {
        return new BillingDocument(DocumentKind.INVOICE, number, "axle", "classic-fr", "fr", SELLER, BUYER, orderId,
                currency, "EUR", new BigDecimal("0.92"), LocalDate.parse("2026-03-01"), ISSUED_AT, dueDate, LINES,
                new BigDecimal("1010.00"), null, BigDecimal.ZERO, new BigDecimal("1010.00"), new BigDecimal("200.55"),
                TOTAL, TAXES, new BigDecimal("184.51"), false, List.of("Pénalités de retard : 3 fois le taux légal."),
                Map.of(), null, null, orderNumber);
    }

    static CreditNoteRequestedEvent creditRequested(String invoiceId, String creditNoteId, Instant at) {
        return new CreditNoteRequestedEvent(invoiceId, creditNoteId, "Damaged sensor",
                List.of(new CreditedLine(1, BigDecimal.ONE)), "operator", at);
    }

    /** The credit note for one sensor: 500.00 + 100.00 tax. */
    static CreditNoteIssuedEvent creditIssued(String invoiceId, String creditNoteId, String number,
            BigDecimal balance, InvoiceStatus status) {
        BillingDocument document = new BillingDocument(DocumentKind.CREDIT_NOTE, number, "axle", "classic-fr", "fr",
                SELLER, BUYER, "o-1", "USD", "EUR", new BigDecimal("0.92"), LocalDate.parse("2026-03-01"),
                ISSUED_AT.plusSeconds(3600), null, List.of(LINES.get(0)), new BigDecimal("500.00"), null,
                BigDecimal.ZERO, new BigDecimal("500.00"), new BigDecimal("100.00"), new BigDecimal("600.00"),
                List.of(TAXES.get(0)), new BigDecimal("92.00"), false, List.of(), Map.of(), "INV-2026-000042",
                "Damaged sensor", null);
        return new CreditNoteIssuedEvent(invoiceId, creditNoteId, document, "cafe".repeat(16),
                new BigDecimal("600.00"), balance, status);
    }
}
