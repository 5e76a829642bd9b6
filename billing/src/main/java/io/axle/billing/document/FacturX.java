package io.axle.billing.document;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Factur-X (ZUGFeRD 2) XML of a billing document: a UN/CEFACT Cross Industry Invoice in the EN 16931 profile,
 * carrying the same numbers as the PDF it is embedded in, so that the buyer's software reads the invoice without
 * reading the page. Invoices are type 380, credit notes 381 (naming the invoice they correct). VAT categories: AE
 * under reverse charge, S for a positive rate, G (export) for a zero rate to a buyer outside the EU, Z otherwise. A
 * global discount becomes one document-level allowance per VAT rate (lines net at that rate less its taxable base),
 * and a line discount a line allowance. Written by hand in schema order, with no clock and no map of unstable order,
 * so that the same document gives the same bytes.
 */
public final class FacturX {

    /** The file name the Factur-X specification gives the attachment. */
    public static final String FILE_NAME = "factur-x.xml";
    /** The XMP namespace of the Factur-X extension schema. */
    public static final String XMP_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";
    public static final String CONFORMANCE_LEVEL = "EN 16931";
    static final String GUIDELINE = "urn:cen.eu:en16931:2017";

    private static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
            "GR", "EL", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final StringBuilder xml = new StringBuilder(8 * 1024);
    private final BillingDocument d;
    private final ZoneId zone;

    private FacturX(BillingDocument document, ZoneId zone) {
        this.d = document;
        this.zone = zone;
    }

    /** The CII XML of {@code document}, its issue day read in {@code zone}. */
    public static byte[] xml(BillingDocument document, ZoneId zone) {
        return new FacturX(document, zone).write().getBytes(StandardCharsets.UTF_8);
    }

    private String write() {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<rsm:CrossIndustryInvoice")
                .append(" xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"")
                .append(" xmlns:qdt=\"urn:un:unece:uncefact:data:standard:QualifiedDataType:100\"")
                .append(" xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\"")
                .append(" xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n");
        open("rsm:ExchangedDocumentContext");
        open("ram:GuidelineSpecifiedDocumentContextParameter");
        element("ram:ID", GUIDELINE);
        close("ram:GuidelineSpecifiedDocumentContextParameter");
        close("rsm:ExchangedDocumentContext");

        open("rsm:ExchangedDocument");
        element("ram:ID", d.number());
        element("ram:TypeCode", creditNote() ? "381" : "380");
        open("ram:IssueDateTime");
        xml.append("<udt:DateTimeString format=\"102\">").append(d.issuedAt().atZone(zone).toLocalDate().format(DAY))
                .append("</udt:DateTimeString>\n");
        close("ram:IssueDateTime");
        if (creditNote() && d.reason() != null && !d.reason().isBlank()) {
            note(d.reason());
        }
        for (String mention : d.legalMentions()) {
            note(mention);
        }
        close("rsm:ExchangedDocument");

        open("rsm:SupplyChainTradeTransaction");
        for (InvoiceLineItem line : d.lines()) {
            line(line);
        }
        agreement();
        open("ram:ApplicableHeaderTradeDelivery");
        close("ram:ApplicableHeaderTradeDelivery");
        settlement();
        close("rsm:SupplyChainTradeTransaction");
        xml.append("</rsm:CrossIndustryInvoice>\n");
        return xml.toString();
    }

    private void line(InvoiceLineItem line) {
        open("ram:IncludedSupplyChainTradeLineItem");
        open("ram:AssociatedDocumentLineDocument");
        element("ram:LineID", Integer.toString(line.position()));
        close("ram:AssociatedDocumentLineDocument");
        open("ram:SpecifiedTradeProduct");
        if (line.sku() != null && !line.sku().isBlank()) {
            element("ram:SellerAssignedID", line.sku());
        }
        element("ram:Name", line.description() == null || line.description().isBlank() ? line.sku()
                : line.description());
        close("ram:SpecifiedTradeProduct");
        open("ram:SpecifiedLineTradeAgreement");
        open("ram:NetPriceProductTradePrice");
        element("ram:ChargeAmount", price(line.unitPrice()));
        close("ram:NetPriceProductTradePrice");
        close("ram:SpecifiedLineTradeAgreement");
        open("ram:SpecifiedLineTradeDelivery");
        xml.append("<ram:BilledQuantity unitCode=\"C62\">").append(line.quantity().stripTrailingZeros().toPlainString())
                .append("</ram:BilledQuantity>\n");
        close("ram:SpecifiedLineTradeDelivery");
        open("ram:SpecifiedLineTradeSettlement");
        open("ram:ApplicableTradeTax");
        element("ram:TypeCode", "VAT");
        element("ram:CategoryCode", category(line.vatRate()));
        element("ram:RateApplicablePercent", rate(line.vatRate()));
        close("ram:ApplicableTradeTax");
        BigDecimal gross = line.quantity().multiply(line.unitPrice()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal discount = gross.subtract(line.net());
        if (discount.signum() > 0) {
            open("ram:SpecifiedTradeAllowanceCharge");
            indicator(false);
            if (line.discountPercent() != null && line.discountPercent().signum() != 0) {
                element("ram:CalculationPercent", rate(line.discountPercent()));
                element("ram:BasisAmount", amount(gross));
            }
            element("ram:ActualAmount", amount(discount));
            element("ram:ReasonCode", "95");
            element("ram:Reason", "Discount");
            close("ram:SpecifiedTradeAllowanceCharge");
        }
        open("ram:SpecifiedTradeSettlementLineMonetarySummation");
        element("ram:LineTotalAmount", amount(line.net()));
        close("ram:SpecifiedTradeSettlementLineMonetarySummation");
        close("ram:SpecifiedLineTradeSettlement");
        close("ram:IncludedSupplyChainTradeLineItem");
    }

    private void agreement() {
        open("ram:ApplicableHeaderTradeAgreement");
        party("ram:SellerTradeParty", d.seller());
        party("ram:BuyerTradeParty", d.buyer());
        if (d.orderReference() != null && !d.orderReference().isBlank()) {
            open("ram:BuyerOrderReferencedDocument");
            element("ram:IssuerAssignedID", d.orderReference());
            close("ram:BuyerOrderReferencedDocument");
        }
        close("ram:ApplicableHeaderTradeAgreement");
    }

    private void party(String tag, Party party) {
        open(tag);
        element("ram:Name", party.name());
        open("ram:PostalTradeAddress");
        optional("ram:PostcodeCode", party.postalCode());
        optional("ram:LineOne", party.street());
        optional("ram:CityName", party.city());
        element("ram:CountryID", party.country());
        close("ram:PostalTradeAddress");
        if (party.email() != null && !party.email().isBlank()) {
            open("ram:URIUniversalCommunication");
            xml.append("<ram:URIID schemeID=\"EM\">").append(escape(party.email())).append("</ram:URIID>\n");
            close("ram:URIUniversalCommunication");
        }
        if (party.vatNumber() != null && !party.vatNumber().isBlank()) {
            open("ram:SpecifiedTaxRegistration");
            xml.append("<ram:ID schemeID=\"VA\">").append(escape(party.vatNumber().replace(" ", "")))
                    .append("</ram:ID>\n");
            close("ram:SpecifiedTaxRegistration");
        }
        close(tag);
    }

    private void settlement() {
        open("ram:ApplicableHeaderTradeSettlement");
        boolean foreign = d.accountingCurrency() != null && !d.accountingCurrency().equals(d.currency());
        if (foreign) {
            element("ram:TaxCurrencyCode", d.accountingCurrency());
        }
        element("ram:InvoiceCurrencyCode", d.currency());
        if (!creditNote() && d.seller().iban() != null && !d.seller().iban().isBlank()) {
            open("ram:SpecifiedTradeSettlementPaymentMeans");
            element("ram:TypeCode", "58");
            open("ram:PayeePartyCreditorFinancialAccount");
            element("ram:IBANID", d.seller().iban().replace(" ", ""));
            close("ram:PayeePartyCreditorFinancialAccount");
            close("ram:SpecifiedTradeSettlementPaymentMeans");
        }
        for (TaxAmount tax : d.taxes()) {
            open("ram:ApplicableTradeTax");
            element("ram:CalculatedAmount", amount(tax.amount()));
            element("ram:TypeCode", "VAT");
            String category = category(tax.rate());
            String reason = exemptionReason(category);
            if (reason != null) {
                element("ram:ExemptionReason", reason);
            }
            element("ram:BasisAmount", amount(tax.base()));
            element("ram:CategoryCode", category);
            element("ram:RateApplicablePercent", rate(tax.rate()));
            close("ram:ApplicableTradeTax");
        }
        BigDecimal allowances = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> discount : globalDiscountPerRate().entrySet()) {
            BigDecimal amount = discount.getValue();
            allowances = allowances.add(amount);
            open("ram:SpecifiedTradeAllowanceCharge");
            indicator(false);
            element("ram:ActualAmount", amount(amount));
            element("ram:ReasonCode", "95");
            element("ram:Reason", "Global discount");
            open("ram:CategoryTradeTax");
            element("ram:TypeCode", "VAT");
            element("ram:CategoryCode", category(discount.getKey()));
            element("ram:RateApplicablePercent", rate(discount.getKey()));
            close("ram:CategoryTradeTax");
            close("ram:SpecifiedTradeAllowanceCharge");
        }
        open("ram:SpecifiedTradePaymentTerms");
        if (creditNote()) {
            element("ram:Description", "Credit note correcting invoice " + d.correctedNumber()
                    + ": refunded or deducted from the next invoices");
        } else {
            element("ram:Description", "Bank transfer, quoting " + d.number());
        }
        if (d.dueDate() != null) {
            open("ram:DueDateDateTime");
            xml.append("<udt:DateTimeString format=\"102\">").append(d.dueDate().format(DAY))
                    .append("</udt:DateTimeString>\n");
            close("ram:DueDateDateTime");
        }
        close("ram:SpecifiedTradePaymentTerms");
        open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        element("ram:LineTotalAmount", amount(d.linesNet()));
        if (allowances.signum() != 0) {
            element("ram:AllowanceTotalAmount", amount(allowances));
        }
        element("ram:TaxBasisTotalAmount", amount(d.totalExclTax()));
        xml.append("<ram:TaxTotalAmount currencyID=\"").append(escape(d.currency())).append("\">")
                .append(amount(d.totalTax())).append("</ram:TaxTotalAmount>\n");
        if (foreign && d.totalTaxInAccountingCurrency() != null) {
            xml.append("<ram:TaxTotalAmount currencyID=\"").append(escape(d.accountingCurrency())).append("\">")
                    .append(amount(d.totalTaxInAccountingCurrency())).append("</ram:TaxTotalAmount>\n");
        }
        element("ram:GrandTotalAmount", amount(d.totalInclTax()));
        element("ram:DuePayableAmount", amount(d.totalInclTax()));
        close("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        if (creditNote() && d.correctedNumber() != null) {
            open("ram:InvoiceReferencedDocument");
            element("ram:IssuerAssignedID", d.correctedNumber());
            close("ram:InvoiceReferencedDocument");
        }
        close("ram:ApplicableHeaderTradeSettlement");
    }

    /** Per VAT rate, the part of the global discount it bears: lines net at that rate less the rate's taxable base. */
    private Map<BigDecimal, BigDecimal> globalDiscountPerRate() {
        Map<BigDecimal, BigDecimal> perRate = new LinkedHashMap<>();
        if (d.globalDiscount() == null || d.globalDiscount().signum() == 0) {
            return perRate;
        }
        for (TaxAmount tax : d.taxes()) {
            BigDecimal linesNet = d.lines().stream().filter(l -> l.vatRate().compareTo(tax.rate()) == 0)
                    .map(InvoiceLineItem::net).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal share = linesNet.subtract(tax.base());
            if (share.signum() != 0) {
                perRate.put(tax.rate(), share);
            }
        }
        return perRate;
    }

    private String category(BigDecimal rate) {
        if (d.reverseCharge()) {
            return "AE";
        }
        if (rate != null && rate.signum() > 0) {
            return "S";
        }
        String buyerCountry = d.buyer() == null ? null : d.buyer().country();
        return buyerCountry != null && !EU.contains(buyerCountry) ? "G" : "Z";
    }

    private String exemptionReason(String category) {
        return switch (category) {
            case "AE" -> "Reverse charge";
            case "G" -> "Export outside the EU";
            default -> null;
        };
    }

    private boolean creditNote() {
        return d.kind() == DocumentKind.CREDIT_NOTE;
    }

    private void note(String text) {
        open("ram:IncludedNote");
        element("ram:Content", text);
        close("ram:IncludedNote");
    }

    private void indicator(boolean charge) {
        open("ram:ChargeIndicator");
        element("udt:Indicator", Boolean.toString(charge));
        close("ram:ChargeIndicator");
    }

    private void open(String tag) {
        xml.append('<').append(tag).append(">\n");
    }

    private void close(String tag) {
        xml.append("</").append(tag).append(">\n");
    }

    private void element(String tag, String value) {
        xml.append('<').append(tag).append('>').append(escape(value)).append("</").append(tag).append(">\n");
    }

    private void optional(String tag, String value) {
        if (value != null && !value.isBlank()) {
            element(tag, value);
        }
    }

    private static String amount(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String price(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return (plain.scale() < 2 ? value.setScale(2, RoundingMode.HALF_UP) : plain).toPlainString();
    }

    private static String rate(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
