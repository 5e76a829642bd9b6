package io.axle.billing.document;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import io.axle.billing.CustomerType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a template sees: the {@link BillingDocument} with every amount, rate and date already formatted for the
 * template's language (fr: {@code 1 234,56 €}, {@code 20/11/2026}; en: {@code €1,234.56}, {@code 2026-11-20}), so
 * templates hold labels and layout only. Keys:
 * <ul>
 * <li>{@code kind} (INVOICE, CREDIT_NOTE), {@code invoice}, {@code creditNote} (flags), {@code number},
 * {@code correctedNumber}, {@code reason}, {@code orderReference} (the order's number, or its id for an order placed
 * before orders were numbered), {@code company}, {@code language};</li>
 * <li>{@code issueDate}, {@code dueDate};</li>
 * <li>{@code seller}, {@code buyer}: {@code name street postalCode city country countryName vatNumber email
 * registration iban}; {@code business} (the buyer has a VAT number), {@code reverseCharge};</li>
 * <li>{@code lines}: {@code position sku description quantity unitPrice discount vatRate net};
 * {@code hasLineDiscounts};</li>
 * <li>{@code linesNet}, {@code hasGlobalDiscount}, {@code globalDiscountPercent}, {@code globalDiscount},
 * {@code taxes} ({@code rate base amount}), {@code totalExclTax}, {@code totalTax}, {@code totalInclTax};</li>
 * <li>{@code currency}, {@code accountingCurrency}, {@code foreignCurrency} (they differ), {@code exchangeRate},
 * {@code exchangeRateDate}, {@code totalTaxInAccountingCurrency};</li>
 * <li>{@code legalMentions} (strings), {@code customFields} ({@code name value}, sorted by name),
 * {@code hasCustomFields}.</li>
 * </ul>
 * Everything is derived from the document alone (custom fields sorted), so the same document gives the same model.
 */
public final class TemplateModel {

    private final Locale locale;
    private final ZoneId zone;

    private TemplateModel(String language, ZoneId zone) {
        this.locale = Locale.forLanguageTag(language == null || language.isBlank() ? "en" : language);
        this.zone = zone;
    }

    /** The model of {@code document} in {@code language}, its issue instant read as a date in {@code zone}. */
    public static Map<String, Object> of(BillingDocument document, String language, ZoneId zone) {
        return new TemplateModel(language, zone).model(document);
    }

    private Map<String, Object> model(BillingDocument d) {
        String currency = d.currency();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", d.kind() == null ? DocumentKind.INVOICE.name() : d.kind().name());
        m.put("invoice", d.kind() != DocumentKind.CREDIT_NOTE);
        m.put("creditNote", d.kind() == DocumentKind.CREDIT_NOTE);
        m.put("number", d.number());
        m.put("correctedNumber", d.correctedNumber());
        m.put("reason", d.reason());
        m.put("orderReference", d.orderReference());
        m.put("company", d.company());
        m.put("language", locale.getLanguage());
        m.put("issueDate", date(d.issuedAt()));
        m.put("dueDate", date(d.dueDate()));
        m.put("seller", party(d.seller()));
        m.put("buyer", party(d.buyer()));
        m.put("business", d.buyer() != null && CustomerType.of(d.buyer().vatNumber()) == CustomerType.BUSINESS);
        m.put("reverseCharge", d.reverseCharge());

        List<Map<String, Object>> lines = new ArrayList<>();
        boolean lineDiscounts = false;
        for (InvoiceLineItem line : d.lines()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("position", line.position());
            l.put("sku", line.sku());
            l.put("description", line.description());
            l.put("quantity", number(line.quantity()));
            l.put("unitPrice", money(line.unitPrice(), currency, true));
            boolean discounted = line.discountPercent() != null && line.discountPercent().signum() != 0;
            lineDiscounts |= discounted;
            l.put("discount", discounted ? percent(line.discountPercent()) : "");
            l.put("vatRate", percent(line.vatRate()));
            l.put("rateCategory", line.rateCategory());
            l.put("net", money(line.net(), currency, false));
            lines.add(l);
        }
        m.put("lines", lines);
        m.put("hasLineDiscounts", lineDiscounts);
        m.put("linesNet", money(d.linesNet(), currency, false));
        boolean globalDiscount = d.globalDiscount() != null && d.globalDiscount().signum() != 0;
        m.put("hasGlobalDiscount", globalDiscount);
        m.put("globalDiscountPercent", percent(d.globalDiscountPercent()));
        m.put("globalDiscount", globalDiscount ? money(d.globalDiscount().negate(), currency, false) : "");

        List<Map<String, Object>> taxes = new ArrayList<>();
        for (TaxAmount tax : d.taxes()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("rate", percent(tax.rate()));
            t.put("base", money(tax.base(), currency, false));
            t.put("amount", money(tax.amount(), currency, false));
            taxes.add(t);
        }
        m.put("taxes", taxes);
        m.put("totalExclTax", money(d.totalExclTax(), currency, false));
        m.put("totalTax", money(d.totalTax(), currency, false));
        m.put("totalInclTax", money(d.totalInclTax(), currency, false));

        m.put("currency", currency);
        m.put("accountingCurrency", d.accountingCurrency());
        boolean foreign = d.accountingCurrency() != null && currency != null
                && !d.accountingCurrency().equals(currency);
        m.put("foreignCurrency", foreign);
        m.put("exchangeRate", d.exchangeRate() == null ? "" : plain(d.exchangeRate()));
        m.put("exchangeRateDate", date(d.exchangeRateDate()));
        m.put("totalTaxInAccountingCurrency",
                money(d.totalTaxInAccountingCurrency(), d.accountingCurrency(), false));

        m.put("legalMentions", d.legalMentions());
        List<Map<String, Object>> fields = new ArrayList<>();
        new TreeMap<>(d.customFields()).forEach((name, value) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("value", value);
            fields.add(f);
        });
        m.put("customFields", fields);
        m.put("hasCustomFields", !fields.isEmpty());
        return m;
    }

    private Map<String, Object> party(Party p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p == null) {
            return m;
        }
        m.put("name", p.name());
        m.put("street", p.street());
        m.put("postalCode", p.postalCode());
        m.put("city", p.city());
        m.put("country", p.country());
        m.put("countryName", p.country() == null || p.country().isBlank() ? ""
                : new Locale("", p.country()).getDisplayCountry(locale));
        m.put("vatNumber", p.vatNumber() == null || p.vatNumber().isBlank() ? null : p.vatNumber());
        m.put("email", p.email());
        m.put("registration", p.registration());
        m.put("iban", p.iban());
        return m;
    }

    /** {@code amount} in {@code currency}; unit prices keep their extra decimals (0.0125 stays 0.0125). */
    String money(BigDecimal amount, String currency, boolean keepScale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        int digits = 2;
        if (currency != null && !currency.isBlank()) {
            Currency unit = Currency.getInstance(currency);
            format.setCurrency(unit);
            digits = Math.max(unit.getDefaultFractionDigits(), 0);
        }
        int fraction = keepScale ? Math.max(digits, amount.stripTrailingZeros().scale()) : digits;
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(fraction);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }

    /** A rate given in percent: 20 becomes {@code 20 %} in French, {@code 20%} in English. */
    String percent(BigDecimal value) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(Math.max(0, value.stripTrailingZeros().scale()));
        return format.format(value.movePointLeft(2));
    }

    String number(BigDecimal value) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(Math.max(0, value.stripTrailingZeros().scale()));
        return format.format(value);
    }

    /** A rate as published, all its decimals kept and no grouping: {@code 0.9234} / {@code 0,9234}. */
    String plain(BigDecimal value) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setGroupingUsed(false);
        int scale = Math.max(0, value.scale());
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        return format.format(value);
    }

    String date(Instant instant) {
        return instant == null ? "" : date(instant.atZone(zone).toLocalDate());
    }

    String date(LocalDate date) {
        return date == null ? "" : dateFormat().format(date);
    }

    private DateTimeFormatter dateFormat() {
        return switch (locale.getLanguage()) {
            case "fr" -> DateTimeFormatter.ofPattern("dd/MM/yyyy", locale);
            case "en" -> DateTimeFormatter.ISO_LOCAL_DATE;
            case "de" -> DateTimeFormatter.ofPattern("dd.MM.yyyy", locale);
            default -> DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        };
    }
}
