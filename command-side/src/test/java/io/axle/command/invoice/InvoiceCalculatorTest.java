package io.axle.command.invoice;

import io.axle.command.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static io.axle.command.invoice.RateCategory.REDUCED;
import static io.axle.command.invoice.RateCategory.SECOND_REDUCED;
import static io.axle.command.invoice.RateCategory.STANDARD;
import static io.axle.command.invoice.RateCategory.SUPER_REDUCED;
import static io.axle.command.invoice.RateCategory.ZERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceCalculatorTest {

    private final InvoiceCalculator calculator = new InvoiceCalculator(VatRates.bundled());

    /*
     * Worked by hand, FR seller to FR consumer, EUR, global discount 5 %:
     *
     *   brake pads     3 × 41.50 = 124.50, −10 % = 12.45 → net 112.05   20 %
     *   oil filter     2 × 12.99 =  25.98,   0 %         → net  25.98   20 %
     *   labour       1.5 × 60.00 =  90.00,   0 %         → net  90.00   10 %
     *   repair manual  1 × 24.90 =  24.90,  −5 % = 1.245 → 23.655, net 23.66 (half up), discount 1.24   5.5 %
     *                                              lines net 251.69
     *
     *   rate  line nets  global −5 %             base     tax
     *   20    138.03     6.9015 → 6.90    131.13   × 20 %  = 26.226  → 26.23
     *   10     90.00     4.50             85.50    × 10 %  =  8.55
     *   5.5    23.66     1.183  → 1.18    22.48    × 5.5 % =  1.2364 →  1.24
     *                   12.58            239.11             36.02   → total incl. tax 275.13
     */
    @Test
    void multiLineFrenchInvoiceWithLineAndGlobalDiscounts() {
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                line("brake pads", "3", "41.50", "10", STANDARD),
                line("oil filter", "2", "12.99", "0", STANDARD),
                line("labour", "1.5", "60.00", null, REDUCED),
                line("repair manual", "1", "24.90", "5", SECOND_REDUCED)),
                new BigDecimal("5"), "FR", "FR", null, "EUR"));

        assertThat(amounts.lines()).extracting(PricedLine::gross, PricedLine::discount, PricedLine::net,
                        PricedLine::vatRate)
                .containsExactly(
                        tuple("124.50", "12.45", "112.05", "20"),
                        tuple("25.98", "0.00", "25.98", "20"),
                        tuple("90.00", "0.00", "90.00", "10"),
                        tuple("24.90", "1.24", "23.66", "5.5"));
        assertThat(amounts.linesNet()).isEqualTo("251.69");
        assertThat(amounts.globalDiscount()).isEqualTo("12.58");
        assertThat(amounts.taxes()).containsExactly(
                tax("20", "131.13", "26.23"),
                tax("10", "85.50", "8.55"),
                tax("5.5", "22.48", "1.24"));
        assertThat(amounts.totalExclTax()).isEqualTo("239.11");
        assertThat(amounts.totalTax()).isEqualTo("36.02");
        assertThat(amounts.totalInclTax()).isEqualTo("275.13");
        assertThat(amounts.reverseCharge()).isFalse();
        assertThat(amounts.legalMentions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: standard {1} %, reduced {3} %")
    @CsvSource({
            "FR, 20, 30.00, 10, 10.00",
            "DE, 19, 28.50,  7,  7.00",
            "BE, 21, 31.50, 12, 12.00",
            "ES, 21, 31.50, 10, 10.00",
            "IT, 22, 33.00, 10, 10.00",
            "NL, 21, 31.50,  9,  9.00",
    })
    void groupsTaxesPerRateAcrossMixedCategories(String country, String standardRate, String standardTax,
                                                 String reducedRate, String reducedTax) {
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                line("a", "1", "100.00", null, STANDARD),
                line("b", "1", "100.00", null, REDUCED),
                line("c", "2", "25.00", null, STANDARD),
                line("d", "1", "10.00", null, ZERO)),
                null, country, country, null, "EUR"));

        assertThat(amounts.taxes()).containsExactly(
                tax(standardRate, "150.00", standardTax),
                tax(reducedRate, "100.00", reducedTax),
                tax("0", "10.00", "0.00"));
        BigDecimal totalTax = new BigDecimal(standardTax).add(new BigDecimal(reducedTax));
        assertThat(amounts.totalExclTax()).isEqualTo("260.00");
        assertThat(amounts.totalTax()).isEqualTo(totalTax);
        assertThat(amounts.totalInclTax()).isEqualTo(new BigDecimal("260.00").add(totalTax));
    }

    @Test
    void taxIsRoundedOncePerRateNotPerLine() {
        // per line 0.05 × 10 % = 0.005 → 0.01, three times 0.03; per rate 0.15 × 10 % = 0.015 → 0.02
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                line("a", "1", "0.05", null, REDUCED),
                line("b", "1", "0.05", null, REDUCED),
                line("c", "1", "0.05", null, REDUCED)),
                null, "FR", "FR", null, "EUR"));

        assertThat(amounts.taxes()).containsExactly(tax("10", "0.15", "0.02"));
        assertThat(amounts.totalTax()).isEqualTo("0.02");
    }

    @ParameterizedTest(name = "{0} → {1}, VAT number [{2}]: reverse charge {3}")
    @CsvSource({
            "FR, DE, DE123456789,   true,  0,  0.00",
            "DE, FR, FR40303265045, true,  0,  0.00",
            "BE, NL, NL123456789B01,true,  0,  0.00",
            "IT, ES, ESX1234567X,   true,  0,  0.00",
            "FR, PL, PL5260250274,  true,  0,  0.00",
            "FR, DE,              , false, 20, 20.00",
            "FR, DE, '   ',         false, 20, 20.00",
            "FR, FR, FR40303265045, false, 20, 20.00",
            "DE, DE, DE123456789,   false, 19, 19.00",
            "FR, GR, EL123456789,   true,  0,  0.00",
    })
    void reverseChargesIntraEuBusinessBuyersOnly(String seller, String buyer, String vatNumber,
                                                 boolean reverseCharge, String rate, String tax) {
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(
                List.of(line("a", "1", "100.00", null, STANDARD)), null, seller, buyer, vatNumber, "EUR"));

        assertThat(amounts.reverseCharge()).isEqualTo(reverseCharge);
        assertThat(amounts.lines()).extracting(PricedLine::vatRate).containsExactly(new BigDecimal(rate));
        assertThat(amounts.taxes()).containsExactly(tax(rate, "100.00", tax));
        assertThat(amounts.totalInclTax()).isEqualTo(new BigDecimal("100.00").add(new BigDecimal(tax)));
        if (reverseCharge) {
            assertThat(amounts.legalMentions()).containsExactly(LegalMention.REVERSE_CHARGE);
        } else {
            assertThat(amounts.legalMentions()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} → {1}, VAT number [{2}]: {3} at {4} %")
    @CsvSource({
            "FR, CH, CHE123456789,  EXPORT_EXEMPTION, 0",
            "FR, US,              , EXPORT_EXEMPTION, 0",
            "FR, GB, GB123456789,   EXPORT_EXEMPTION, 0",
            "DE, NO,              , EXPORT_EXEMPTION, 0",
            "IT, JP,              , EXPORT_EXEMPTION, 0",
            "FR, DE, DE123456789,   REVERSE_CHARGE,   0",
            "FR, DE,              , NONE,             20",
            "FR, FR, FR40303265045, NONE,             20",
            "NL, BE,              , NONE,             21",
    })
    void zeroRatesExportsToBuyersOutsideTheEu(String seller, String buyer, String vatNumber, String mention,
                                              String rate) {
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                line("a", "2", "50.00", null, STANDARD),
                line("b", "1", "10.00", null, REDUCED)), null, seller, buyer, vatNumber, "EUR"));

        assertThat(amounts.lines().get(0).vatRate()).isEqualTo(new BigDecimal(rate));
        assertThat(amounts.reverseCharge()).isEqualTo("REVERSE_CHARGE".equals(mention));
        if ("NONE".equals(mention)) {
            assertThat(amounts.legalMentions()).isEmpty();
            assertThat(amounts.totalTax()).isPositive();
        } else {
            assertThat(amounts.legalMentions()).containsExactly(LegalMention.valueOf(mention));
            assertThat(amounts.taxes()).containsExactly(tax("0", "110.00", "0.00"));
            assertThat(amounts.totalInclTax()).isEqualTo("110.00");
        }
    }

    @Test
    void exportExemptionCarriesItsLegalMentionInFrenchAndEnglish() {
        assertThat(LegalMention.EXPORT_EXEMPTION.text(Locale.FRENCH))
                .isEqualTo("Exonération de TVA, article 262 I du CGI");
        assertThat(LegalMention.EXPORT_EXEMPTION.text(Locale.ENGLISH))
                .isEqualTo("VAT exempt — export outside the EU, Article 146 of Directive 2006/112/EC");
    }

    @Test
    void aLineCarryingItsRateIsTaxedAtThatRateNotTheTables() {
        // a credit note repeats its invoice's 19.6 % even though the table now says 20 %
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                new InvoiceLine("a", new BigDecimal("1"), new BigDecimal("100.00"), null, STANDARD,
                        new BigDecimal("19.6"))), null, "FR", "FR", null, "EUR"));

        assertThat(amounts.lines().get(0).vatRate()).isEqualTo("19.6");
        assertThat(amounts.taxes()).containsExactly(tax("19.6", "100.00", "19.60"));
    }

    @Test
    void aLineCarryingItsRateIsStillZeroRatedUnderReverseCharge() {
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                new InvoiceLine("a", BigDecimal.ONE, new BigDecimal("100.00"), null, STANDARD,
                        new BigDecimal("20"))), null, "FR", "DE", "DE123456789", "EUR"));

        assertThat(amounts.taxes()).containsExactly(tax("0", "100.00", "0.00"));
        assertThat(amounts.legalMentions()).containsExactly(LegalMention.REVERSE_CHARGE);
    }

    @Test
    void refusesALineRateAbove100() {
        InvoiceDraft draft = new InvoiceDraft(List.of(new InvoiceLine("a", BigDecimal.ONE, BigDecimal.TEN, null,
                STANDARD, new BigDecimal("120"))), null, "FR", "FR", null, "EUR");

        assertThatThrownBy(() -> calculator.calculate(draft))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.refusal().field()).isEqualTo("vatRate");
                    assertThat(e.refusal().rule()).isEqualTo("at-most-100");
                });
    }

    @Test
    void reverseChargeCarriesItsLegalMentionInFrenchAndEnglish() {
        assertThat(LegalMention.REVERSE_CHARGE.text(Locale.FRENCH))
                .isEqualTo("Autoliquidation — article 196 de la directive 2006/112/CE");
        assertThat(LegalMention.REVERSE_CHARGE.text(Locale.ENGLISH))
                .isEqualTo("Reverse charge — Article 196 of Council Directive 2006/112/EC");
    }

    @ParameterizedTest(name = "{0} × {1} −{2} % {3} in {4} → net {5}, tax {6}")
    @CsvSource({
            // x.xx5 rounds up: HALF_EVEN would round the first five rows down
            "1,   0.125,  0,  STANDARD,      EUR, 0.13,  0.03",
            "1,   10.005, 0,  STANDARD,      EUR, 10.01, 2.00",
            "3,   0.335,  0,  STANDARD,      EUR, 1.01,  0.20",
            "1,   10.01,  50, STANDARD,      EUR, 5.01,  1.00",
            "1,   0.25,   0,  REDUCED,       EUR, 0.25,  0.03",
            "1,   2.50,   0,  SUPER_REDUCED, EUR, 2.50,  0.05",
            "1,   4.50,   0,  SECOND_REDUCED,EUR, 4.50,  0.25",
            "1,   0.004,  0,  STANDARD,      EUR, 0.00,  0.00",
            // JPY has no minor unit: everything rounds to whole yen
            "1,   1234.5, 0,  STANDARD,      JPY, 1235,  247",
            "3,   333.5,  0,  STANDARD,      JPY, 1001,  200",
            "1,   105,    10, REDUCED,       JPY, 95,    10",
            "2,   1500,   0,  STANDARD,      JPY, 3000,  600",
    })
    void roundsHalfUpToTheCurrencyMinorUnit(String quantity, String unitPrice, String discount,
                                            RateCategory category, String currency, String net, String tax) {
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(
                List.of(line("a", quantity, unitPrice, discount, category)), null, "FR", "FR", null, currency));

        assertThat(amounts.lines().get(0).net()).isEqualTo(net);
        assertThat(amounts.totalExclTax()).isEqualTo(net);
        assertThat(amounts.totalTax()).isEqualTo(tax);
        assertThat(amounts.totalInclTax()).isEqualTo(new BigDecimal(net).add(new BigDecimal(tax)));
    }

    @Test
    void globalDiscountInYenIsRoundedToWholeYenPerRate() {
        // nets 999 (20 %) and 501 (10 %); 3 % off: 29.97 → 30 and 15.03 → 15; bases 969 and 486; tax 193.8 → 194, 48.6 → 49
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(List.of(
                line("a", "1", "999", null, STANDARD),
                line("b", "1", "501", null, REDUCED)),
                new BigDecimal("3"), "FR", "FR", null, "JPY"));

        assertThat(amounts.globalDiscount()).isEqualTo("45");
        assertThat(amounts.taxes()).containsExactly(tax("20", "969", "194"), tax("10", "486", "49"));
        assertThat(amounts.totalExclTax()).isEqualTo("1455");
        assertThat(amounts.totalTax()).isEqualTo("243");
        assertThat(amounts.totalInclTax()).isEqualTo("1698");
    }

    @ParameterizedTest(name = "seller {0} refused on {2}")
    @CsvSource({
            "US, STANDARD,       country,      vat-rate-known",
            "PL, STANDARD,       country,      vat-rate-known",
            "XX, STANDARD,       sellerCountry, iso-3166",
            "DE, SUPER_REDUCED,  rateCategory, vat-rate-known",
    })
    void refusesASellerCountryOrCategoryWithoutRates(String seller, RateCategory category, String field,
                                                     String rule) {
        InvoiceDraft draft = new InvoiceDraft(List.of(line("a", "1", "10.00", null, category)), null, seller, "FR",
                null, "EUR");

        assertThatThrownBy(() -> calculator.calculate(draft))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.refusal().field()).isEqualTo(field);
                    assertThat(e.refusal().rule()).isEqualTo(rule);
                })
                .hasMessageContaining(seller);
    }

    @ParameterizedTest(name = "{5} refused: {6}")
    @CsvSource({
            "0,    10.00, 0,   0,   EUR, quantity,              positive",
            "-1,   10.00, 0,   0,   EUR, quantity,              positive",
            "1,    -0.01, 0,   0,   EUR, unitPrice,             non-negative",
            "1,    10.00, 101, 0,   EUR, discountPercent,       at-most-100",
            "1,    10.00, -5,  0,   EUR, discountPercent,       non-negative",
            "1,    10.00, 0,   150, EUR, globalDiscountPercent, at-most-100",
            "1,    10.00, 0,   0,   EURO, currency,             iso-4217",
            "1,    10.00, 0,   0,   XAU, currency,              minor-unit",
            "1000001, 10.00, 0, 0,  EUR, quantity,              max-quantity",
            "1.12345, 10.00, 0, 0,  EUR, quantity,              amount-digits",
            "1,    1.12345, 0, 0,   EUR, unitPrice,             amount-digits",
            "1,    1234567890123.5, 0, 0, EUR, unitPrice,       amount-digits",
            "1,    10.00, 12.34567, 0, EUR, discountPercent,    percent-digits",
            "1,    10.00, 0, 12.34567, EUR, globalDiscountPercent, percent-digits",
            "1000000, 999999999999.9999, 0, 0, EUR, lines,      max-total",
    })
    void refusesInvalidAmounts(String quantity, String unitPrice, String discount, String globalDiscount,
                               String currency, String field, String rule) {
        InvoiceDraft draft = new InvoiceDraft(List.of(line("a", quantity, unitPrice, discount, STANDARD)),
                new BigDecimal(globalDiscount), "FR", "FR", null, currency);

        assertThatThrownBy(() -> calculator.calculate(draft))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.refusal().field()).isEqualTo(field);
                    assertThat(e.refusal().rule()).isEqualTo(rule);
                });
    }

    @Test
    void refusesAnInvoiceWhoseTaxTakesTheTotalPastTheLargestAmount() {
        InvoiceDraft draft = new InvoiceDraft(List.of(line("a", "1", "999999999999.00", null, STANDARD)), null,
                "FR", "FR", null, "EUR");

        assertThatThrownBy(() -> calculator.calculate(draft))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.refusal().field()).isEqualTo("lines");
                    assertThat(e.refusal().rule()).isEqualTo("max-total");
                })
                .hasMessageContaining("999999999999.9999");
    }

    @Test
    void theLargestInvoicesThatFitAddUpExactly() {
        // a million at 833,333.3333 at 20 %: 833,333,333,300.00 + tax 166,666,666,660.00
        InvoiceAmounts amounts = calculator.calculate(new InvoiceDraft(
                List.of(line("a", "1000000", "833333.3333", null, STANDARD)), null, "FR", "FR", null, "EUR"));

        assertThat(amounts.totalExclTax()).isEqualTo("833333333300.00");
        assertThat(amounts.totalTax()).isEqualTo("166666666660.00");
        assertThat(amounts.totalInclTax()).isEqualTo("999999999960.00");
    }

    @Test
    void refusesAnInvoiceWithoutLines() {
        InvoiceDraft draft = new InvoiceDraft(List.of(), null, "FR", "FR", null, "EUR");

        assertThatThrownBy(() -> calculator.calculate(draft))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.refusal().field()).isEqualTo("lines"));
    }

    private static InvoiceLine line(String description, String quantity, String unitPrice, String discount,
                                    RateCategory category) {
        return new InvoiceLine(description, new BigDecimal(quantity), new BigDecimal(unitPrice),
                discount == null ? null : new BigDecimal(discount), category);
    }

    private static TaxTotal tax(String rate, String base, String amount) {
        return new TaxTotal(new BigDecimal(rate), new BigDecimal(base), new BigDecimal(amount));
    }

    private static org.assertj.core.groups.Tuple tuple(String... amounts) {
        return org.assertj.core.groups.Tuple.tuple((Object[]) java.util.Arrays.stream(amounts)
                .map(BigDecimal::new).toArray(BigDecimal[]::new));
    }
}
