package io.axle.command.invoice;

import io.axle.command.RuleViolationException;
import io.axle.command.Rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes an invoice's amounts from its lines, discounts and parties.
 *
 * <p><b>Tax.</b> Each line is taxed at the seller country's rate for its category (or at the rate the line carries,
 * for a credit note repeating its invoice's rates). Two supplies are zero-rated, every line at 0 %:
 * <ul>
 *   <li>intra-EU B2B supplies (seller and buyer in different EU member states, buyer with a VAT number) are
 *       reverse-charged and carry {@link LegalMention#REVERSE_CHARGE};</li>
 *   <li>supplies from an EU seller to a buyer outside the EU, business or consumer, are exempt exports and carry
 *       {@link LegalMention#EXPORT_EXEMPTION}. The buyer's country stands for the destination of the goods.</li>
 * </ul>
 * Consumers and businesses in the seller's country, and consumers elsewhere in the EU, are charged the seller
 * country's VAT (OSS distance-sale thresholds are not handled here).
 *
 * <p><b>Discounts.</b> A line's net is its gross less its line discount. The global discount applies to line nets in
 * proportion; since only the per-rate base is taxed, it is taken per VAT rate from the sum of that rate's line nets,
 * as EN 16931 document-level allowances per VAT category are.
 *
 * <p><b>Rounding.</b> Every computation is exact in {@link BigDecimal}; rounding is {@link RoundingMode#HALF_UP} to the
 * currency's minor unit ({@link Currency#getDefaultFractionDigits()}: EUR 2, JPY 0), done once for each of these
 * figures: each line net, each rate's share of the global discount, and each rate's tax, computed on that rate's
 * summed base rather than line by line. Everything else (line discount = gross − net, bases, totals) is a difference
 * or sum of rounded figures, so the invoice always adds up.
 *
 * <p><b>Bounds.</b> Unit prices are amounts and percentages are percentages as {@link io.axle.command.bounds.Bounds}
 * defines them. Quantities are at most {@value io.axle.command.bounds.Bounds#MAX_QUANTITY}, and, as this calculator
 * also prices measured quantities (hours of labour), may have up to 4 decimals like an amount. Bounded inputs can
 * still add up to more than the largest amount (a million units at the largest price, or a total near it plus tax),
 * so the lines' gross sum and the total including tax must fit the amount bounds too: an invoice beyond them is
 * refused (422, field {@code lines}, rule {@code max-total}) rather than issued with figures no event should hold.
 */
public final class InvoiceCalculator {

    /** The 27 EU member states, by ISO 3166 alpha-2 code (Greece is GR here, EL only in VAT numbers). */
    static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
            "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private final VatRates vatRates;

    public InvoiceCalculator(VatRates vatRates) {
        this.vatRates = vatRates;
    }

    /** Computes the amounts; a draft breaking a rule is refused with a 422 {@link RuleViolationException}. */
    public InvoiceAmounts calculate(InvoiceDraft draft) {
        Rules.required(draft, "invoice");
        if (draft.lines() == null || draft.lines().isEmpty()) {
            throw RuleViolationException.unprocessable("lines", "not-empty", "an invoice needs at least one line");
        }
        Rules.currency(draft.currency(), "currency");
        int minorUnit = Currency.getInstance(draft.currency()).getDefaultFractionDigits();
        if (minorUnit < 0) {
            throw RuleViolationException.unprocessable("currency", "minor-unit",
                    draft.currency() + " has no minor unit and cannot be invoiced");
        }
        Rules.country(draft.sellerCountry(), "sellerCountry");
        Rules.country(draft.buyerCountry(), "buyerCountry");
        Rules.percent(draft.globalDiscountPercent(), "globalDiscountPercent");
        boolean reverseCharge = isReverseCharge(draft);
        boolean export = isExport(draft);

        List<PricedLine> priced = new ArrayList<>();
        Map<BigDecimal, BigDecimal> netByRate = new TreeMap<>(Comparator.reverseOrder());
        for (InvoiceLine line : draft.lines()) {
            PricedLine pricedLine = price(line, draft.sellerCountry(), reverseCharge || export, minorUnit);
            priced.add(pricedLine);
            netByRate.merge(pricedLine.vatRate(), pricedLine.net(), BigDecimal::add);
        }
        Rules.total(priced.stream().map(PricedLine::gross).reduce(BigDecimal.ZERO, BigDecimal::add), "lines",
                "the lines' gross amount");

        List<TaxTotal> taxes = new ArrayList<>();
        BigDecimal globalDiscount = zero(minorUnit);
        for (Map.Entry<BigDecimal, BigDecimal> entry : netByRate.entrySet()) {
            BigDecimal rate = entry.getKey();
            BigDecimal share = round(ofPercent(entry.getValue(), draft.globalDiscountPercent()), minorUnit);
            BigDecimal base = entry.getValue().subtract(share);
            taxes.add(new TaxTotal(rate, base,
                    round(ofPercent(base, rate), minorUnit)));
            globalDiscount = globalDiscount.add(share);
        }

        BigDecimal linesNet = priced.stream().map(PricedLine::net).reduce(zero(minorUnit), BigDecimal::add);
        BigDecimal totalExclTax = taxes.stream().map(TaxTotal::base).reduce(zero(minorUnit), BigDecimal::add);
        BigDecimal totalTax = taxes.stream().map(TaxTotal::amount).reduce(zero(minorUnit), BigDecimal::add);
        BigDecimal totalInclTax = totalExclTax.add(totalTax);
        Rules.total(totalInclTax, "lines", "the total including tax");
        return new InvoiceAmounts(draft.currency(), priced, linesNet, globalDiscount, taxes, totalExclTax, totalTax,
                totalInclTax, reverseCharge, mentions(reverseCharge, export));
    }

    private static List<LegalMention> mentions(boolean reverseCharge, boolean export) {
        if (reverseCharge) {
            return List.of(LegalMention.REVERSE_CHARGE);
        }
        return export ? List.of(LegalMention.EXPORT_EXEMPTION) : List.of();
    }

    /** An EU seller supplying a buyer outside the EU: an export, exempt from VAT. */
    private static boolean isExport(InvoiceDraft draft) {
        return EU_MEMBER_STATES.contains(draft.sellerCountry()) && !EU_MEMBER_STATES.contains(draft.buyerCountry());
    }

    private boolean isReverseCharge(InvoiceDraft draft) {
        return draft.buyerVatNumber() != null && !draft.buyerVatNumber().isBlank()
                && !draft.sellerCountry().equals(draft.buyerCountry())
                && EU_MEMBER_STATES.contains(draft.sellerCountry())
                && EU_MEMBER_STATES.contains(draft.buyerCountry());
    }

    private PricedLine price(InvoiceLine line, String sellerCountry, boolean zeroRated, int minorUnit) {
        Rules.required(line, "lines");
        Rules.positive(line.quantity(), "quantity");
        Rules.maxQuantity(line.quantity(), "quantity");
        Rules.amountDigits(line.quantity(), "quantity");
        Rules.amount(line.unitPrice(), "unitPrice");
        Rules.percent(line.discountPercent(), "discountPercent");
        BigDecimal rate;
        if (line.vatRate() != null) {
            Rules.percent(line.vatRate(), "vatRate");
            rate = line.vatRate();
        } else {
            rate = vatRates.rate(sellerCountry, line.rateCategory()).percent();
        }
        BigDecimal gross = line.quantity().multiply(line.unitPrice());
        BigDecimal net = round(gross.subtract(ofPercent(gross, line.discountPercent())), minorUnit);
        return new PricedLine(line.description(), line.quantity(), line.unitPrice(), line.discountPercent(),
                line.rateCategory(), zeroRated ? BigDecimal.ZERO : rate, atLeast(gross, minorUnit),
                atLeast(gross.subtract(net), minorUnit), net);
    }

    private static BigDecimal ofPercent(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).movePointLeft(2);
    }

    private static BigDecimal round(BigDecimal amount, int minorUnit) {
        return amount.setScale(minorUnit, RoundingMode.HALF_UP);
    }

    /** The exact amount, shown with at least the currency's minor unit (never rounded). */
    private static BigDecimal atLeast(BigDecimal amount, int minorUnit) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < minorUnit ? stripped.setScale(minorUnit) : stripped;
    }

    private static BigDecimal zero(int minorUnit) {
        return BigDecimal.ZERO.setScale(minorUnit);
    }
}
