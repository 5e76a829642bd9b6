package io.axle.command.invoice;

import io.axle.api.order.OrderLine;
import io.axle.billing.BillingProperties;
import io.axle.command.RuleViolationException;
import io.axle.command.order.OrderPricing;
import io.axle.command.product.ProductCatalogue;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Quotes an order before it is placed: its lines priced from the catalogue as placing would price them
 * ({@link OrderPricing}), then taxed as the invoice issuer taxes them (the default company's country, the customer's
 * country and VAT number, each product's category), so the figures shown before placing are those the invoice will
 * state as long as the catalogue and the VAT table do not change in between. Whether the caller may override a price
 * is left to placing; a quote prices the lines as given.
 */
@Component
public class InvoiceQuotes {

    private final BillingFacts facts;
    private final ProductCatalogue catalogue;
    private final InvoiceCalculator calculator;
    private final BillingProperties billing;
    private final InvoiceIssuingProperties properties;

    public InvoiceQuotes(BillingFacts facts, ProductCatalogue catalogue, InvoiceCalculator calculator,
                         BillingProperties billing, InvoiceIssuingProperties properties) {
        this.facts = facts;
        this.catalogue = catalogue;
        this.calculator = calculator;
        this.billing = billing;
        this.properties = properties;
    }

    /**
     * The quote for {@code lines} sold to {@code customerId} in {@code currency}; an unknown customer, product or
     * VAT rate is refused with the {@link RuleViolationException} naming it.
     */
    public InvoiceQuote quote(String customerId, String currency, List<OrderLine> lines) {
        CustomerFacts customer = facts.customer(customerId).orElseThrow(() -> RuleViolationException.unprocessable(
                "customerId", "must-exist", "customer " + customerId + " does not exist"));
        List<OrderLine> priced = OrderPricing.price(currency, lines, true, catalogue);
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(
                priced.stream().map(line -> InvoiceLine.of(line, catalogue, properties)).toList(), null,
                billing.defaultCompany().seller().country(), customer.country(), customer.vatNumber(), currency));
        List<InvoiceQuote.Line> quoted = new ArrayList<>(priced.size());
        for (int i = 0; i < priced.size(); i++) {
            PricedLine line = amounts.lines().get(i);
            quoted.add(new InvoiceQuote.Line(priced.get(i).sku(), line.description(), priced.get(i).quantity(),
                    line.unitPrice(), line.rateCategory(), line.vatRate(), line.net()));
        }
        return new InvoiceQuote(currency, quoted, amounts.taxes(), amounts.totalExclTax(), amounts.totalTax(),
                amounts.totalInclTax(), amounts.reverseCharge(), amounts.legalMentions());
    }
}
