package io.axle.command.invoice;

import io.axle.api.common.Refusal;
import io.axle.api.invoice.CreditedLine;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.PaymentMethod;
import io.axle.api.invoice.RecordPaymentCommand;
import io.axle.api.invoice.RequestCreditNoteCommand;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.billing.BillingProperties;
import io.axle.billing.CustomerType;
import io.axle.billing.InvoiceTemplates;
import io.axle.billing.UnknownTemplateException;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.bounds.AmountDigits;
import io.axle.command.bounds.MaxQuantity;
import io.axle.command.bounds.PercentDigits;
import io.axle.command.bounds.WholeNumber;
import io.axle.platform.json.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks for invoices, records payments and asks for credit notes. Each answers 202 once the request is stored: the
 * issuing process numbers, renders and issues the document shortly after ({@link InvoiceIssuer}), and the invoice's
 * page ({@code /api/v1/invoices/{id}}) shows it. What can be told at once is told at once: an unknown order (404), an
 * order not yet confirmed (409 {@code order-not-confirmed}), an order already invoiced (409, from the aggregate) and an
 * unknown template (422 {@code known-template}). Repeating a request is harmless: an order has one invoice, and a
 * payment or credit note given the same id is recorded once.
 */
@RestController
@RequestMapping("/api/v1")
class InvoiceCommandController {

    static final String BILLING_ROLES = "hasAnyRole('ADMIN','OPERATOR')";
    /** Client-chosen ids of payments and credit notes: they name stored documents, so plain characters only. */
    static final String CLIENT_ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";

    private final CommandGateway commandGateway;
    private final BillingFacts facts;
    private final InvoiceTemplates templates;
    private final BillingProperties billing;

    InvoiceCommandController(CommandGateway commandGateway, BillingFacts facts, InvoiceTemplates templates,
                             BillingProperties billing) {
        this.commandGateway = commandGateway;
        this.facts = facts;
        this.templates = templates;
        this.billing = billing;
    }

    @PostMapping("/billing/generate-invoice")
    @PreAuthorize(BILLING_ROLES)
    public ResponseEntity<InvoiceAccepted> generate(@Valid @RequestBody GenerateInvoiceRequest request,
                                                    Principal principal) {
        OrderFacts order = facts.order(request.orderId()).orElseThrow(() -> refused(404, "orderId", "must-exist",
                "orderId '" + request.orderId() + "' does not exist"));
        if (!order.invoiceable()) {
            throw refused(409, "orderId", "order-not-confirmed", "order " + order.orderId() + " is "
                    + order.status() + "; only orders " + OrderFacts.INVOICEABLE + " can be invoiced");
        }
        checkTemplate(request.templateId(), order);
        String invoiceId = Invoices.idForOrder(order.orderId());
        commandGateway.sendAndWait(new RequestInvoiceCommand(invoiceId, order.orderId(), order.customerId(),
                request.templateId(), request.customFields() == null ? Map.of() : request.customFields(),
                request.globalDiscountPercent(), nameOf(principal)));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/invoices/" + invoiceId))
                .body(new InvoiceAccepted(invoiceId));
    }

    @PostMapping("/invoices/{invoiceId}/payments")
    @PreAuthorize(BILLING_ROLES)
    public ResponseEntity<PaymentAccepted> pay(@PathVariable String invoiceId,
                                               @Valid @RequestBody PaymentRequest request, Principal principal) {
        String paymentId = request.paymentId() == null ? UUID.randomUUID().toString() : request.paymentId();
        commandGateway.sendAndWait(new RecordPaymentCommand(invoiceId, paymentId, request.amount(), request.paidOn(),
                request.method(), request.reference(), nameOf(principal)));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/invoices/" + invoiceId))
                .body(new PaymentAccepted(invoiceId, paymentId));
    }

    @PostMapping("/invoices/{invoiceId}/credit-notes")
    @PreAuthorize(BILLING_ROLES)
    public ResponseEntity<CreditNoteAccepted> credit(@PathVariable String invoiceId,
                                                     @Valid @RequestBody CreditNoteRequest request,
                                                     Principal principal) {
        String creditNoteId = request.creditNoteId() == null ? UUID.randomUUID().toString() : request.creditNoteId();
        List<CreditedLine> lines = request.lines() == null ? List.of() : request.lines().stream()
                .map(line -> new CreditedLine(line.position(), line.quantity()))
                .toList();
        commandGateway.sendAndWait(new RequestCreditNoteCommand(invoiceId, creditNoteId, request.reason().strip(),
                lines, nameOf(principal)));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/invoices/" + invoiceId))
                .body(new CreditNoteAccepted(invoiceId, creditNoteId));
    }

    /** An unknown template is refused now rather than found out by the issuing process. */
    private void checkTemplate(String templateId, OrderFacts order) {
        if (templateId == null) {
            return;
        }
        CustomerFacts customer = facts.customer(order.customerId()).orElse(null);
        try {
            templates.choose(templateId, billing.getDefaultCompany(),
                    customer == null ? "en" : customer.invoiceLanguage(),
                    CustomerType.of(customer == null ? null : customer.vatNumber()));
        } catch (UnknownTemplateException e) {
            throw refused(422, "templateId", "known-template", "no invoice template has id '" + templateId
                    + "'; installed: " + templates.all().stream().map(t -> t.id()).sorted().toList());
        }
    }

    private static RuntimeException refused(int status, String field, String rule, String detail) {
        return CommandRefusalInterceptor.refused(new Refusal(status, field, rule, detail), null);
    }

    private static String nameOf(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    /** Body of a request for an order's invoice; {@code templateId} null lets the issuing process choose. */
    record GenerateInvoiceRequest(
            @NotBlank @Size(max = 100) String orderId,
            @Size(min = 1, max = 100) String templateId,
            @Size(max = 20) @FreeText Map<@NotBlank @Size(max = 50) String, @NotNull @Size(max = 500) String> customFields,
            @DecimalMin("0") @DecimalMax("100") @PercentDigits BigDecimal globalDiscountPercent) {
    }

    /**
     * Body of a payment: the amount in the invoice's currency, an id making a resend harmless, the day the money
     * arrived (default today; the aggregate refuses a future day or one before issue), how it was paid and the
     * payer's reference, both optional.
     */
    record PaymentRequest(
            @NotNull @Positive @AmountDigits BigDecimal amount,
            @Pattern(regexp = CLIENT_ID, message = "must be 1 to 100 letters, digits, '.', '_', ':' or '-'")
            String paymentId,
            LocalDate paidOn,
            PaymentMethod method,
            @Size(max = PaymentRules.MAX_REFERENCE) String reference) {
    }

    /** Body of a credit note: why, which quantities of which lines (none meaning everything not yet credited). */
    record CreditNoteRequest(
            @NotBlank @Size(max = 500) @FreeText String reason,
            @Size(max = 500) List<@NotNull @Valid CreditedLineRequest> lines,
            @Pattern(regexp = CLIENT_ID, message = "must be 1 to 100 letters, digits, '.', '_', ':' or '-'")
            String creditNoteId) {
    }

    record CreditedLineRequest(@NotNull @Positive Integer position,
                               @NotNull @Positive @WholeNumber @MaxQuantity BigDecimal quantity) {
    }

    record InvoiceAccepted(String invoiceId) {
    }

    record PaymentAccepted(String invoiceId, String paymentId) {
    }

    record CreditNoteAccepted(String invoiceId, String creditNoteId) {
    }
}
