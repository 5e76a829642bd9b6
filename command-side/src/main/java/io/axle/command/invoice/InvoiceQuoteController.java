package io.axle.command.invoice;

import io.axle.api.order.OrderLine;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.RuleViolationException;
import io.axle.command.bounds.AmountDigits;
import io.axle.command.bounds.MaxQuantity;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/**
 * Answers what an order would cost before it is placed ({@link InvoiceQuotes}): the screen placing an order shows
 * the lines' nets, the VAT per rate and the total including tax from it. Nothing is stored. The request has the shape
 * of an order's customer, currency and lines, and is refused as placing it would be (422 naming {@code lines[i].sku}
 * for an unknown or discontinued product).
 */
@RestController
class InvoiceQuoteController {

    private final InvoiceQuotes quotes;

    InvoiceQuoteController(InvoiceQuotes quotes) {
        this.quotes = quotes;
    }

    @PostMapping("/api/v1/billing/quote")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','PARTNER')")
    public InvoiceQuote quote(@Valid @RequestBody QuoteRequest request) {
        if (!PartnerScope.mayAccess(request.customerId())) {
            throw new NotFoundException("customer", request.customerId());
        }
        List<OrderLine> lines = request.lines().stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice()))
                .toList();
        try {
            return quotes.quote(request.customerId(), request.currency(), lines);
        } catch (RuleViolationException e) {
            throw CommandRefusalInterceptor.refused(e.refusal(), e);
        }
    }

    /** An order's customer, currency and lines, as {@code POST /api/v1/orders} takes them. */
    record QuoteRequest(
            @NotBlank @Size(max = 100) String customerId,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
            @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid LineRequest> lines) {
    }

    record LineRequest(
            @NotBlank @Size(max = 100) String sku,
            @NotNull @Positive @MaxQuantity Integer quantity,
            @PositiveOrZero @AmountDigits BigDecimal unitPrice) {
    }
}
