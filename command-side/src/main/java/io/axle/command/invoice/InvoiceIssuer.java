package io.axle.command.invoice;

import io.axle.api.common.Refusal;
import io.axle.api.customer.BillingAddress;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.CreditNoteRequestedEvent;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.IssueCreditNoteCommand;
import io.axle.api.invoice.IssueInvoiceCommand;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.RejectInvoiceRequestCommand;
import io.axle.api.invoice.TaxAmount;
import io.axle.api.order.ShippingAddress;
import io.axle.billing.BillingProperties;
import io.axle.billing.Company;
import io.axle.billing.CustomerType;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.DocumentStore;
import io.axle.billing.ExchangeRate;
import io.axle.billing.ExchangeRates;
import io.axle.billing.InvoiceTemplates;
import io.axle.billing.RenderedDocument;
import io.axle.billing.TemplateDescriptor;
import io.axle.billing.UnknownExchangeRateException;
import io.axle.billing.UnknownTemplateException;
import io.axle.command.RuleViolationException;
import io.axle.command.product.ProductCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The issuing process: turns a requested invoice or credit note into a numbered, rendered, stored and issued document.
 *
 * <p>For an invoice it reads the order and the customer from their event streams ({@link BillingFacts}), checks them,
 * fixes everything the document says (template, amounts, exchange rate, due date, legal mentions), and only then takes
 * the next number of the company's year, renders the PDF, stores it and issues the invoice. A request that cannot be
 * issued is rejected before any number is taken; once a number is taken the invoice is issued, retried as long as it
 * takes, and never rejected, so that no number is ever left unused.
 *
 * <p>Retries are safe and give the same document: the issue date is the request's time (to the second), the number
 * allocation answers the same number to the same invoice, and rendering is deterministic, so a retry renders the same
 * bytes with the same SHA-256. A failure is therefore never skipped: the {@value #PROCESSING_GROUP} processor
 * propagates it and retries the event ({@link InvoiceIssuingConfiguration}). Events already settled (issued or
 * rejected), or superseded by a later request of the same invoice, are passed over, so a redelivered event does
 * nothing.
 *
 * <p>A line is described by its product's name and taxed in its product's VAT rate category, as the catalogue has them
 * when the invoice is issued. A SKU the catalogue lacks (an order placed before the catalogue existed) is described by
 * the SKU itself and taxed in the category of its SKU prefix ({@link InvoiceIssuingProperties#rateCategoryOf}). A
 * credit note repeats its invoice's descriptions and categories.
 */
@Component
@ProcessingGroup(InvoiceIssuer.PROCESSING_GROUP)
@DisallowReplay
public class InvoiceIssuer {

    /** The tracking processor issuing invoices and credit notes, one event at a time per invoice. */
    public static final String PROCESSING_GROUP = "invoice-issuing";

    private static final Logger log = LoggerFactory.getLogger(InvoiceIssuer.class);

    /** What to do about each reason to reject a request, for the log. */
    private static final Map<String, String> FIXES = Map.of(
            "must-exist", "check the identifiers of the order and its customer",
            "order-not-confirmed", "invoice the order once it is confirmed",
            "known-template", "choose one of the installed templates, or add the missing one to the templates folder",
            "exchange-rate-known", "add the rate to the exchange-rate table (axle.billing) or configure a rate source",
            "vat-rate-known", "add the country's VAT rates to the VAT table (axle.billing.vat-rates)",
            "iso-3166", "correct the country of the customer or of the company (axle.billing.companies)");

    private final BillingFacts facts;
    private final ProductCatalogue catalogue;
    private final CommandGateway commandGateway;
    private final BillingProperties billing;
    private final InvoiceTemplates templates;
    private final ExchangeRates exchangeRates;
    private final DocumentRenderer renderer;
    private final DocumentStore store;
    private final InvoiceCalculator calculator;
    private final InvoiceIssuingProperties properties;

    public InvoiceIssuer(BillingFacts facts, ProductCatalogue catalogue, CommandGateway commandGateway,
                         BillingProperties billing,
                         InvoiceTemplates templates, ExchangeRates exchangeRates, DocumentRenderer renderer,
                         DocumentStore store, InvoiceCalculator calculator, InvoiceIssuingProperties properties) {
        this.facts = facts;
        this.catalogue = catalogue;
        this.commandGateway = commandGateway;
        this.billing = billing;
        this.templates = templates;
        this.exchangeRates = exchangeRates;
        this.renderer = renderer;
        this.store = store;
        this.calculator = calculator;
        this.properties = properties;
    }

    @EventHandler
    void on(InvoiceRequestedEvent event) {
        InvoiceFacts invoice = facts.invoice(event.invoiceId()).orElse(null);
        if (invoice != null && (invoice.settled() || !event.requestedAt().equals(invoice.requestedAt()))) {
            return;
        }
        Company company = billing.defaultCompany();
        Instant issuedAt = event.requestedAt().truncatedTo(ChronoUnit.SECONDS);
        int year = LocalDate.ofInstant(issuedAt, company.zone()).getYear();
        Function<String, BillingDocument> document;
        try {
            document = prepareInvoice(event, company, issuedAt, year);
        } catch (Rejection rejection) {
            reject(event, company, year, rejection);
            return;
        }
        String number = InvoiceNumbers.allocate(commandGateway, DocumentKind.INVOICE, company.id(), year,
                event.invoiceId());
        BillingDocument issued = document.apply(number);
        String sha256 = renderAndStore(event.invoiceId(), issued);
        send(issued, new IssueInvoiceCommand(event.invoiceId(), issued, sha256));
        log.info("Issued invoice {} for order {}: {} {} incl. tax", number, event.orderId(),
                issued.totalInclTax().toPlainString(), issued.currency());
    }

    @EventHandler
    void on(CreditNoteRequestedEvent event) {
        InvoiceFacts invoice = facts.invoice(event.invoiceId()).orElseThrow(() -> new IllegalStateException(
                "Credit note " + event.creditNoteId() + " asks to correct invoice " + event.invoiceId()
                        + ", which does not exist"));
        if (invoice.issuedCreditNotes().contains(event.creditNoteId())) {
            return;
        }
        if (!invoice.issued()) {
            throw new IllegalStateException("Credit note " + event.creditNoteId() + " corrects invoice "
                    + event.invoiceId() + ", which is not issued");
        }
        BillingDocument original = invoice.document();
        Company company = billing.company(original.company());
        if (company == null) {
            throw new IllegalStateException("Credit note " + event.creditNoteId() + " corrects invoice "
                    + original.number() + " of company " + original.company() + ", which axle.billing.companies no "
                    + "longer has; configure the company again and the credit note is issued on the next retry");
        }
        Instant issuedAt = event.requestedAt().truncatedTo(ChronoUnit.SECONDS);
        int year = LocalDate.ofInstant(issuedAt, company.zone()).getYear();
        Function<String, BillingDocument> document = prepareCreditNote(event, original, company, issuedAt);
        String number = InvoiceNumbers.allocate(commandGateway, DocumentKind.CREDIT_NOTE, company.id(), year,
                event.creditNoteId());
        BillingDocument issued = document.apply(number);
        String sha256 = renderAndStore(DocumentStore.creditNoteId(event.invoiceId(), event.creditNoteId()), issued);
        send(issued, new IssueCreditNoteCommand(event.invoiceId(), event.creditNoteId(), issued, sha256));
        log.info("Issued credit note {} correcting invoice {} of order {}: {} {} incl. tax", number,
                original.number(), original.orderId(), issued.totalInclTax().toPlainString(), issued.currency());
    }

    /**
     * Checks the request and fixes everything its invoice will say but the number; refuses with {@link Rejection}
     * what can never be issued.
     */
    private Function<String, BillingDocument> prepareInvoice(InvoiceRequestedEvent event, Company company,
                                                             Instant issuedAt, int year) {
        OrderFacts order = facts.order(event.orderId()).orElseThrow(() -> new Rejection("orderId", "must-exist",
                "order " + event.orderId() + " does not exist"));
        if (!order.invoiceable()
                && facts.numberTakenBy(DocumentKind.INVOICE, company.id(), year, event.invoiceId()).isEmpty()) {
            throw new Rejection("orderId", "order-not-confirmed", "order " + order.orderId() + " is "
                    + order.status() + "; only orders " + OrderFacts.INVOICEABLE + " are invoiced");
        }
        CustomerFacts customer = facts.customer(order.customerId()).orElseThrow(() -> new Rejection("customerId",
                "must-exist", "customer " + order.customerId() + " of order " + order.orderId() + " does not exist"));
        TemplateDescriptor template;
        try {
            template = templates.choose(event.templateId(), company.id(), customer.invoiceLanguage(),
                    CustomerType.of(customer.vatNumber()));
        } catch (UnknownTemplateException e) {
            throw new Rejection("templateId", "known-template", e.getMessage());
        }
        LocalDate issuedOn = LocalDate.ofInstant(issuedAt, company.zone());
        ExchangeRate rate;
        try {
            rate = exchangeRates.rate(order.currency(), company.accountingCurrency(), issuedOn);
        } catch (UnknownExchangeRateException e) {
            throw new Rejection("currency", "exchange-rate-known", e.getMessage());
        }
        InvoiceDraft draft = new InvoiceDraft(lines(order), event.globalDiscountPercent(),
                company.seller().country(), customer.country(), blankToNull(customer.vatNumber()), order.currency());
        InvoiceAmounts amounts;
        try {
            amounts = calculator.calculate(draft);
        } catch (RuleViolationException e) {
            Refusal refusal = e.refusal();
            throw new Rejection(refusal.field(), refusal.rule(), refusal.detail());
        }
        List<InvoiceLineItem> items = new ArrayList<>();
        for (int i = 0; i < amounts.lines().size(); i++) {
            items.add(item(i + 1, order.lines().get(i).sku(), amounts.lines().get(i)));
        }
        Party buyer = buyer(customer, order.shippingAddress());
        BigDecimal taxInAccountingCurrency = inAccountingCurrency(amounts.totalTax(), rate.rate(),
                company.accountingCurrency());
        LocalDate dueDate = issuedOn.plusDays(company.paymentTermsDays());
        List<String> mentions = mentions(amounts, template.language());
        return number -> new BillingDocument(DocumentKind.INVOICE, number, company.id(), template.id(),
                template.language(), company.seller(), buyer, order.orderId(), order.currency(),
                company.accountingCurrency(), rate.rate(), rate.date(), issuedAt, dueDate, items, amounts.linesNet(),
                draft.globalDiscountPercent(), amounts.globalDiscount(), amounts.totalExclTax(), amounts.totalTax(),
                amounts.totalInclTax(), taxes(amounts), taxInAccountingCurrency, amounts.reverseCharge(), mentions,
                event.customFields(), null, null, order.number());
    }

    /**
     * The credit note's document but for its number: the credited quantities priced as the invoice priced them (same
     * unit prices, discounts, VAT rates and global discount, same parties hence the same VAT treatment), converted at
     * the invoice's exchange rate so that its tax cancels the invoice's exactly.
     */
    private Function<String, BillingDocument> prepareCreditNote(CreditNoteRequestedEvent event,
                                                                BillingDocument original, Company company,
                                                                Instant issuedAt) {
        List<InvoiceLine> lines = new ArrayList<>();
        List<InvoiceLineItem> credited = new ArrayList<>();
        for (CreditedLine line : event.lines()) {
            if (line.position() < 1 || line.position() > original.lines().size()) {
                throw new IllegalStateException("Credit note " + event.creditNoteId() + " credits line "
                        + line.position() + " of invoice " + original.number() + ", which has "
                        + original.lines().size() + " lines");
            }
            InvoiceLineItem item = original.lines().get(line.position() - 1);
            credited.add(item);
            lines.add(new InvoiceLine(item.description(), line.quantity(), item.unitPrice(), item.discountPercent(),
                    RateCategory.valueOf(item.rateCategory()), item.vatRate()));
        }
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(lines, original.globalDiscountPercent(),
                original.seller().country(), original.buyer().country(), original.buyer().vatNumber(),
                original.currency()));
        List<InvoiceLineItem> items = new ArrayList<>();
        for (int i = 0; i < amounts.lines().size(); i++) {
            InvoiceLineItem item = credited.get(i);
            items.add(item(item.position(), item.sku(), amounts.lines().get(i)));
        }
        BigDecimal taxInAccountingCurrency = inAccountingCurrency(amounts.totalTax(), original.exchangeRate(),
                original.accountingCurrency());
        List<String> mentions = mentions(amounts, original.language());
        return number -> new BillingDocument(DocumentKind.CREDIT_NOTE, number, company.id(), original.templateId(),
                original.language(), company.seller(), original.buyer(), original.orderId(), original.currency(),
                original.accountingCurrency(), original.exchangeRate(), original.exchangeRateDate(), issuedAt, null,
                items, amounts.linesNet(), original.globalDiscountPercent(), amounts.globalDiscount(),
                amounts.totalExclTax(), amounts.totalTax(), amounts.totalInclTax(), taxes(amounts),
                taxInAccountingCurrency, amounts.reverseCharge(), mentions, original.customFields(),
                original.number(), event.reason(), original.orderNumber());
    }

    /** Ends a request that can never be issued, unless it already holds a number, which must not be left unused. */
    private void reject(InvoiceRequestedEvent event, Company company, int year, Rejection rejection) {
        String fix = FIXES.getOrDefault(rejection.rule, "correct " + rejection.field);
        Optional<String> taken = facts.numberTakenBy(DocumentKind.INVOICE, company.id(), year, event.invoiceId());
        if (taken.isPresent()) {
            throw new IllegalStateException("Invoice " + event.invoiceId() + " of order " + event.orderId()
                    + " holds number " + taken.get() + " but cannot be issued: " + rejection.getMessage()
                    + ". It is not rejected, which would leave the number unused; " + fix
                    + ", and issuing is retried until it succeeds");
        }
        commandGateway.sendAndWait(new RejectInvoiceRequestCommand(event.invoiceId(), rejection.field,
                rejection.rule, rejection.getMessage()));
        log.warn("Rejected invoice {} of order {}: {} (field {}, rule {}); no number was taken. To invoice it, {} "
                        + "and request the invoice again", event.invoiceId(), event.orderId(), rejection.getMessage(),
                rejection.field, rejection.rule, fix);
    }

    private String renderAndStore(String documentId, BillingDocument document) {
        try {
            RenderedDocument rendered = renderer.render(document);
            store.put(documentId, document.number(), rendered);
            return rendered.sha256();
        } catch (RuntimeException e) {
            throw stillToIssue(document, e);
        }
    }

    private void send(BillingDocument document, Object issue) {
        try {
            commandGateway.sendAndWait(issue);
        } catch (RuntimeException e) {
            throw stillToIssue(document, e);
        }
    }

    private static RuntimeException stillToIssue(BillingDocument document, RuntimeException failure) {
        log.error("{} {} of order {} holds its number but is not issued yet: {}. Processor {} retries it until it is "
                        + "issued; fix the cause (renderer, document store, event store) and it completes on its own",
                document.kind() == DocumentKind.CREDIT_NOTE ? "Credit note" : "Invoice", document.number(),
                document.orderId(), failure.toString(), PROCESSING_GROUP);
        return failure;
    }

    private List<InvoiceLine> lines(OrderFacts order) {
        return order.lines().stream().map(line -> InvoiceLine.of(line, catalogue, properties)).toList();
    }

    private static InvoiceLineItem item(int position, String sku, PricedLine priced) {
        return new InvoiceLineItem(position, sku, priced.description(), priced.quantity(), priced.unitPrice(),
                priced.discountPercent(), priced.rateCategory().name(), priced.vatRate(), priced.net());
    }

    /**
     * The buyer as the invoice names them: the customer, at their billing address when their record has one,
     * otherwise at the address the order went to.
     */
    private static Party buyer(CustomerFacts customer, ShippingAddress address) {
        BillingAddress billing = customer.billingAddress();
        if (billing != null) {
            return new Party(customer.name(), billing.street(), billing.postalCode(), billing.city(),
                    customer.country(), blankToNull(customer.vatNumber()), customer.email(), null, null);
        }
        return new Party(customer.name(), address.street(), address.postalCode(), address.city(), customer.country(),
                blankToNull(customer.vatNumber()), customer.email(), null, null);
    }

    private static List<TaxAmount> taxes(InvoiceAmounts amounts) {
        return amounts.taxes().stream().map(tax -> new TaxAmount(tax.rate(), tax.base(), tax.amount())).toList();
    }

    private static List<String> mentions(InvoiceAmounts amounts, String language) {
        Locale locale = Locale.forLanguageTag(language);
        return amounts.legalMentions().stream().map(mention -> mention.text(locale)).toList();
    }

    /** {@code amount} × {@code rate}, rounded half up to the accounting currency's minor unit. */
    static BigDecimal inAccountingCurrency(BigDecimal amount, BigDecimal rate, String accountingCurrency) {
        int minorUnit = Math.max(0, Currency.getInstance(accountingCurrency).getDefaultFractionDigits());
        return amount.multiply(rate).setScale(minorUnit, RoundingMode.HALF_UP);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A request that can never be issued as it stands, naming the field and rule at fault. */
    private static final class Rejection extends RuntimeException {

        private final String field;
        private final String rule;

        Rejection(String field, String rule, String reason) {
            super(reason, null, false, false);
            this.field = field;
            this.rule = rule;
        }
    }
}
