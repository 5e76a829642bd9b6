package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.invoice.BillingDocument;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What templates see: amounts, rates and dates formatted per language, from the document alone. */
class TemplateModelTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void frenchAmountsPutTheEuroSignAfterAndGroupWithSpaces() {
        Map<String, Object> model = TemplateModel.of(Documents.frenchBusiness(), "fr", PARIS);

        assertThat(plain(model.get("totalExclTax"))).isEqualTo("1 369,29 €");
        assertThat(plain(model.get("totalInclTax"))).isEqualTo("1 623,61 €");
        assertThat(plain(line(model, 0).get("net"))).isEqualTo("1 234,56 €");
        assertThat(plain(line(model, 1).get("vatRate"))).isEqualTo("5,5 %");
        assertThat(plain(line(model, 1).get("discount"))).isEqualTo("10 %");
        assertThat(line(model, 0).get("discount")).isEqualTo("");
        assertThat(model.get("issueDate")).isEqualTo("20/11/2026");
        assertThat(model.get("dueDate")).isEqualTo("20/12/2026");
        assertThat(((Map<?, ?>) model.get("buyer")).get("countryName")).isEqualTo("France");
    }

    @Test
    void englishAmountsPutTheSymbolFirstAndKeepUnitPriceDecimals() {
        Map<String, Object> model = TemplateModel.of(Documents.englishInDollars(), "en", PARIS);

        assertThat(model.get("totalExclTax")).isEqualTo("$1,286.85");
        assertThat(model.get("globalDiscount")).isEqualTo("-$67.73");
        assertThat(model.get("globalDiscountPercent")).isEqualTo("5%");
        assertThat(line(model, 1).get("unitPrice")).isEqualTo("$80.0125");
        assertThat(line(model, 1).get("quantity")).isEqualTo("1.5");
        assertThat(model.get("foreignCurrency")).isEqualTo(true);
        assertThat(model.get("exchangeRate")).isEqualTo("0.9234");
        assertThat(model.get("exchangeRateDate")).isEqualTo("2026-11-19");
        assertThat(model.get("totalTaxInAccountingCurrency")).isEqualTo("€237.66");
        assertThat(model.get("issueDate")).isEqualTo("2026-11-20");
    }

    @Test
    void euroAmountsInEnglishPutTheSymbolFirst() {
        Map<String, Object> model = TemplateModel.of(Documents.frenchBusiness(), "en", PARIS);

        assertThat(model.get("totalExclTax")).isEqualTo("€1,369.29");
        assertThat(model.get("foreignCurrency")).isEqualTo(false);
    }

    @Test
    void theIssueDateIsTheDayInTheCompanysZone() {
        BillingDocument lateEvening = Documents.issuedAt(Documents.frenchBusiness(),
                Instant.parse("2026-11-20T23:30:00Z"));

        assertThat(TemplateModel.of(lateEvening, "fr", PARIS).get("issueDate")).isEqualTo("21/11/2026");
        assertThat(TemplateModel.of(lateEvening, "fr", ZoneId.of("UTC")).get("issueDate")).isEqualTo("20/11/2026");
    }

    @Test
    void customFieldsAreSortedByName() {
        Map<String, Object> model = TemplateModel.of(Documents.frenchBusiness(), "fr", PARIS);

        assertThat(model.get("hasCustomFields")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) model.get("customFields");
        assertThat(fields).extracting(f -> f.get("name")).containsExactly("Bon de commande", "Centre de coût");
        assertThat(TemplateModel.of(Documents.reverseCharge(), "fr", PARIS).get("hasCustomFields")).isEqualTo(false);
    }

    @Test
    void aConsumerHasNoVatNumberAndIsNotABusiness() {
        Map<String, Object> model = TemplateModel.of(Documents.frenchConsumer(), "fr", PARIS);

        assertThat(model.get("business")).isEqualTo(false);
        assertThat(((Map<?, ?>) model.get("buyer")).get("vatNumber")).isNull();
        assertThat(TemplateModel.of(Documents.frenchBusiness(), "fr", PARIS).get("business")).isEqualTo(true);
    }

    @Test
    void aCreditNoteNamesTheInvoiceItCorrects() {
        Map<String, Object> model = TemplateModel.of(Documents.frenchCreditNote(), "fr", PARIS);

        assertThat(model.get("creditNote")).isEqualTo(true);
        assertThat(model.get("invoice")).isEqualTo(false);
        assertThat(model.get("correctedNumber")).isEqualTo("INV-2026-000042");
        assertThat(model.get("reason")).isEqualTo("Retour de marchandise endommagée");
        assertThat(model.get("dueDate")).isEqualTo("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(Map<String, Object> model, int index) {
        return ((List<Map<String, Object>>) model.get("lines")).get(index);
    }

    /** French grouping and the space before € and % are no-break spaces; compared here as plain spaces. */
    private static String plain(Object text) {
        return String.valueOf(text).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
