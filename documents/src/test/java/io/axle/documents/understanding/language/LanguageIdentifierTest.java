package io.axle.documents.understanding.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageIdentifierTest {

    private static LanguageIdentifier identifier;

    @BeforeAll
    static void loadModel() {
        identifier = new LanguageIdentifier();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fr | Nous vous remercions de votre commande. Le véhicule sera prêt jeudi après-midi, après le contrôle des freins.
            fr | Veuillez trouver ci-joint la facture correspondant aux travaux réalisés sur votre véhicule le mois dernier.
            fr | Le contrat prend effet à la date de sa signature et peut être résilié avec un préavis de trois mois.
            en | Thank you for your order. The vehicle will be ready on Thursday afternoon, once the brakes have been checked.
            en | Please find attached the invoice for the work carried out on your vehicle last month.
            en | The agreement takes effect on the date of signature and may be terminated with three months' notice.
            de | Vielen Dank für Ihre Bestellung. Das Fahrzeug ist am Donnerstagnachmittag fertig, nachdem die Bremsen geprüft wurden.
            de | Anbei erhalten Sie die Rechnung für die Arbeiten, die letzten Monat an Ihrem Fahrzeug durchgeführt wurden.
            de | Der Vertrag tritt mit seiner Unterzeichnung in Kraft und kann mit einer Frist von drei Monaten gekündigt werden.
            """)
    void recognisesShortParagraphs(String language, String paragraph) {
        LanguageGuess guess = identifier.detect(paragraph);

        assertThat(guess.language()).isEqualTo(language);
        assertThat(guess.confidence()).as("share of the two most probable languages").isBetween(0.6, 1.0);
        System.out.printf("%s %.3f %s%n", guess.language(), guess.confidence(), paragraph.substring(0, 30));
    }

    @Test
    void joinsThePagesOfADocument() {
        LanguageGuess guess = identifier.detect(java.util.List.of("Sehr geehrte Damen und Herren,",
                "wir bedanken uns für Ihren Auftrag und senden Ihnen anbei die Rechnung."));

        assertThat(guess.language()).isEqualTo("de");
    }

    /** A registration certificate as the OCR read it (accents lost): the model alone puts Occitan first. */
    @Test
    void aShortFrenchPageReadByOcrIsFrenchNotOccitan() {
        LanguageGuess guess = identifier.detect("""
                REPUBLIQUE FRANCAISE
                CERTIFICAT D'IMMATRICULATION
                (A) AB-123-CD (B) Date de premiere immatriculation 13/02/2021
                (C.1) Garage Dupont SARL
                (D.1) RENAULT (E) VF1RFB00956789012
                (J.1) Genre national VP (P.6) Puissance fiscale 5
                """);

        assertThat(guess.language()).isEqualTo("fr");
        assertThat(guess.confidence()).isGreaterThan(0.5);
    }

    @Test
    void aLanguageOutsideTheExpectedSetIsUndetermined() {
        assertThat(identifier.detect("Уважаемые господа, благодарим вас за заказ. Автомобиль будет готов в четверг"
                + " после обеда.").language()).isEqualTo(LanguageGuess.UNDETERMINED);
        assertThat(identifier.detect("Dziękujemy za zamówienie. Samochód będzie gotowy w czwartek po południu, po"
                + " sprawdzeniu hamulców.").language()).isEqualTo(LanguageGuess.UNDETERMINED);
    }

    @Test
    void theExpectedSetCanBeNarrowed() {
        LanguageIdentifier frenchAndEnglish = new LanguageIdentifier(Set.of("FR", " en"));
        String spanish = "Muchas gracias por su pedido. El vehículo estará listo el jueves por la tarde, después de"
                + " revisar los frenos.";

        assertThat(identifier.detect(spanish).language()).isEqualTo("es");
        assertThat(frenchAndEnglish.detect(spanish)).isEqualTo(new LanguageGuess(LanguageGuess.UNDETERMINED, 0));
        assertThat(frenchAndEnglish.detect("Le contrat prend effet à la date de sa signature.").language())
                .isEqualTo("fr");
        assertThat(frenchAndEnglish.expectedLanguages()).containsExactlyInAnyOrder("fr", "en");
    }

    @Test
    void anEmptyExpectedSetIsRefused() {
        assertThatThrownBy(() -> new LanguageIdentifier(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooLittleTextIsUndetermined() {
        assertThat(identifier.detect("12/03/2026 — 45,00 €")).isEqualTo(new LanguageGuess(LanguageGuess.UNDETERMINED, 0));
        assertThat(identifier.detect("").determined()).isFalse();
    }
}
