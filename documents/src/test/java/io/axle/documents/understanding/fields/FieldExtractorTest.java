package io.axle.documents.understanding.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldExtractorTest {

    private final FieldExtractor extractor = new FieldExtractor(ConfidenceThresholds.defaults());

    private static final String FRENCH_INVOICE_PAGE_1 = """
            Garage Martin SARL
            12 rue des Forges, 69003 Lyon
            SIRET : 732 829 320 00074   N° TVA intracommunautaire : FR44732829320

            FACTURE N° FA-2026-0042
            Date de facture : 12/03/2026
            Client : Transports Leroy, 8 quai Perrache, Lyon

            Désignation                 Qté   PU HT     Total HT
            Plaquettes de frein avant    1    89,00      89,00
            Main d'oeuvre (2 h)          2    55,00     110,00
            """;
    private static final String FRENCH_INVOICE_PAGE_2 = """
            Total HT : 1 028,80 €
            TVA 20 % : 205,76 €
            Total TTC : 1 234,56 €
            Date d'échéance : 12 avril 2026
            Règlement par virement — IBAN : FR76 3000 6000 0112 3456 7890 189   BIC : BNPAFRPP
            """;

    private Map<String, ExtractedField> byName(List<ExtractedField> fields) {
        return fields.stream().collect(Collectors.toMap(ExtractedField::name, Function.identity()));
    }

    @Test
    void readsEveryFieldOfATwoPageFrenchInvoiceWithItsPage() {
        Map<String, ExtractedField> fields = byName(extractor.extract(
                List.of(FRENCH_INVOICE_PAGE_1, FRENCH_INVOICE_PAGE_2), "invoice", "fr"));

        assertThat(fields).containsOnlyKeys("invoiceNumber", "issueDate", "dueDate", "totalExclTax", "totalTax",
                "totalInclTax", "currency", "vatRate", "iban", "bic", "supplierName", "supplierVatNumber", "siret");
        assertField(fields.get("invoiceNumber"), "FA-2026-0042", 1);
        assertField(fields.get("issueDate"), "2026-03-12", 1);
        assertField(fields.get("dueDate"), "2026-04-12", 2);
        assertField(fields.get("totalExclTax"), "1028.80", 2);
        assertField(fields.get("totalTax"), "205.76", 2);
        assertField(fields.get("totalInclTax"), "1234.56", 2);
        assertField(fields.get("currency"), "EUR", 2);
        assertField(fields.get("vatRate"), "20", 2);
        assertField(fields.get("iban"), "FR7630006000011234567890189", 2);
        assertField(fields.get("bic"), "BNPAFRPP", 2);
        assertField(fields.get("supplierName"), "Garage Martin SARL", 1);
        assertField(fields.get("supplierVatNumber"), "FR44732829320", 1);
        assertField(fields.get("siret"), "73282932000074", 1);
        fields.values().forEach(f -> System.out.printf("%-18s %-28s %.2f p%d %s%n", f.name(), f.value(),
                f.confidence(), f.page(), f.note()));
    }

    @Test
    void readsAnEnglishInvoice() {
        Map<String, ExtractedField> fields = byName(extractor.extract(List.of("""
                Northwind Trading Ltd
                VAT number: DE123456789
                INVOICE
                Invoice number: INV-1057
                Invoice date: March 12, 2026
                Subtotal: €1,028.80
                VAT 20%: €205.76
                Total due: €1,234.56
                Due date: April 11, 2026
                """), "invoice", "en"));

        assertField(fields.get("invoiceNumber"), "INV-1057", 1);
        assertField(fields.get("issueDate"), "2026-03-12", 1);
        assertField(fields.get("dueDate"), "2026-04-11", 1);
        assertField(fields.get("totalExclTax"), "1028.80", 1);
        assertField(fields.get("totalTax"), "205.76", 1);
        assertField(fields.get("totalInclTax"), "1234.56", 1);
        assertField(fields.get("currency"), "EUR", 1);
        assertField(fields.get("supplierVatNumber"), "DE123456789", 1);
        assertField(fields.get("supplierName"), "Northwind Trading Ltd", 1);
    }

    @Test
    void readsAVehicleRegistration() {
        Map<String, ExtractedField> fields = byName(extractor.extract(List.of("""
                CERTIFICAT D'IMMATRICULATION
                (A) AB-123-CD   (B) 15/02/2021
                (D.1) RENAULT  (E) VF1RFB00956789012
                """), "vehicle-registration", "fr"));

        assertThat(fields).containsOnlyKeys("vin", "plate", "issueDate");
        assertField(fields.get("vin"), "VF1RFB00956789012", 1);
        assertField(fields.get("plate"), "AB-123-CD", 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad IBAN checksum           | iban  | IBAN : FR76 3000 6000 0112 3456 7890 188      | FR7630006000011234567890188 | mod-97
            bad SIRET Luhn              | siret | SIRET : 732 829 320 00075                     | 73282932000075              | Luhn
            VIN with an O               | vin   | VIN : VF1RFB009567890O2                       | VF1RFB009567890O2           | I, O or Q
            VIN with an I               | vin   | VIN : 1G4AH59H45G11834I                       | 1G4AH59H45G11834I           | I, O or Q
            North-American VIN digit    | vin   | VIN : 1G4AH59H55G118341                       | 1G4AH59H55G118341           | mandatory
            FR VAT key                  | supplierVatNumber | N° TVA : FR45732829320            | FR45732829320               | key
            bad BIC country             | bic   | BIC : BNPAXXPP                                | BNPAXXPP                    | country
            """)
    void aValueThatFailsItsCheckKeepsALowConfidenceAndNeedsValidation(String why, String field, String text,
                                                                      String value, String reason) {
        ExtractedField f = extractor.extractField(List.of(text), field, "fr").orElseThrow();

        assertThat(f.value()).isEqualTo(value);
        assertThat(f.confidence()).isLessThanOrEqualTo(0.3);
        assertThat(f.needsValidation()).isTrue();
        assertThat(f.note()).contains(reason);
    }

    @Test
    void aEuropeanVinWhoseCheckDigitDiffersIsOnlyAWarning() {
        ExtractedField f = extractor.extractField(List.of("VIN : VF1RFB00X56789012"), "vin", "fr").orElseThrow();

        assertThat(f.confidence()).isBetween(0.8, 0.85);
        assertThat(f.note()).contains("only a warning");
    }

    @Test
    void confidenceFallsWithDistanceFromTheLabel() {
        ExtractedField near = extractor.extractField(List.of("Total TTC : 120,00 €"), "totalInclTax", "fr")
                .orElseThrow();
        ExtractedField far = extractor.extractField(List.of("Total TTC (montant payable en euros) : 120,00 €"),
                "totalInclTax", "fr").orElseThrow();
        ExtractedField nextLine = extractor.extractField(List.of("Total TTC\n120,00 €"), "totalInclTax", "fr")
                .orElseThrow();

        assertThat(near.confidence()).isEqualTo(0.97);
        assertThat(far.confidence()).isLessThan(near.confidence());
        assertThat(nextLine.confidence()).isLessThan(near.confidence());
        assertThat(List.of(near.value(), far.value(), nextLine.value())).containsOnly("120.00");
    }

    @Test
    void twoDifferentValuesUnderEquallyGoodLabelsAreAmbiguous() {
        ExtractedField f = extractor.extractField(List.of("Total TTC : 120,00 €\nNet à payer : 150,00 €"),
                "totalInclTax", "fr").orElseThrow();

        assertThat(f.confidence()).isLessThan(0.8);
        assertThat(f.needsValidation()).isTrue();
        assertThat(f.note()).contains("several candidates");
    }

    @Test
    void aGuessedReadingLowersTheConfidence() {
        ExtractedField amount = extractor.extractField(List.of("Total TTC : 1.234"), "totalInclTax", "fr")
                .orElseThrow();
        ExtractedField date = extractor.extractField(List.of("Invoice date: 03/04/2026"), "issueDate", "en")
                .orElseThrow();

        assertThat(amount.value()).isEqualTo("1234");
        assertThat(amount.confidence()).isLessThan(0.8);
        assertThat(date.value()).isEqualTo("2026-04-03");
        assertThat(date.confidence()).isLessThan(0.8);
    }

    @Test
    void aValidIbanOrAFrenchPlateIsRecognisedWithoutALabel() {
        ExtractedField iban = extractor.extractField(List.of("Payez sur FR76 3000 6000 0112 3456 7890 189 svp"),
                "iban", "fr").orElseThrow();
        ExtractedField plate = extractor.extractField(List.of("Le véhicule AB-123-CD est prêt."), "plate", "fr")
                .orElseThrow();

        assertThat(iban.confidence()).isEqualTo(0.9);
        assertThat(plate.value()).isEqualTo("AB-123-CD");
        assertThat(plate.needsValidation()).isTrue();
    }

    @Test
    void percentagesAndDatesAreNotTakenForAmounts() {
        ExtractedField tax = extractor.extractField(List.of("TVA 5,5 % du 12/03/2026 : 6,60 €"), "totalTax", "fr")
                .orElseThrow();
        ExtractedField rate = extractor.extractField(List.of("TVA 5,5 % : 6,60 €"), "vatRate", "fr").orElseThrow();

        assertThat(tax.value()).isEqualTo("6.60");
        assertThat(rate.value()).isEqualTo("5.5");
    }

    @Test
    void thresholdsAreConfigurablePerField() {
        FieldExtractor strict = new FieldExtractor(ConfidenceThresholds.defaults().with("totalInclTax", 0.99));
        FieldExtractor lenient = new FieldExtractor(new ConfidenceThresholds(0.5, Map.of()));

        assertThat(strict.extractField(List.of("Total TTC : 120,00 €"), "totalInclTax", "fr").orElseThrow()
                .needsValidation()).isTrue();
        assertThat(lenient.extractField(List.of("Total TTC\n120,00 €"), "totalInclTax", "fr").orElseThrow()
                .needsValidation()).isFalse();
    }

    @Test
    void findsNothingWhereThereIsNothing() {
        assertThat(extractor.extract(List.of("Bonjour, à jeudi."), "invoice", "fr")).isEmpty();
    }

    private static void assertField(ExtractedField field, String value, int page) {
        assertThat(field).as("field with value " + value).isNotNull();
        assertThat(field.value()).as(field.name()).isEqualTo(value);
        assertThat(field.page()).as(field.name() + " page").isEqualTo(page);
        assertThat(field.needsValidation()).as(field.name() + " needs validation: " + field).isFalse();
    }
}
