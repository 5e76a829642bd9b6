package io.axle.command.document.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.command.document.DocumentTypes;
import io.axle.documents.understanding.classification.RuleClassifier;
import io.axle.documents.understanding.language.LanguageIdentifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The pipeline's settings as Spring binds them from properties: languages and the types added by configuration. */
class DocumentPipelinePropertiesTest {

    private static DocumentPipelineProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("axle.documents", DocumentPipelineProperties.class);
    }

    @Test
    void withoutSettingsTheBuiltInTypesAndLanguagesApply() {
        DocumentPipelineProperties defaults = bind(Map.of());

        assertThat(defaults.languages()).isEqualTo(LanguageIdentifier.DEFAULT_LANGUAGES);
        assertThat(new DocumentTypes(defaults.typeRules()).all()).hasSize(14).contains("invoice", "letter")
                .doesNotContain("work-order");
    }

    @Test
    void aConfiguredTypeIsKnownToCorrectionsAndClassifiesByItsPhrases() {
        DocumentPipelineProperties properties = bind(Map.of(
                "axle.documents.languages", "fr,en",
                "axle.documents.types.work-order.[bon de travail]", "4",
                "axle.documents.types.work-order.[atelier]", "1"));

        assertThat(properties.languages()).containsExactlyInAnyOrder("fr", "en");
        DocumentTypes types = new DocumentTypes(properties.typeRules());
        assertThat(types.all()).hasSize(15).contains("work-order", "invoice");
        assertThat(types.contains("work-order")).isTrue();
        assertThat(new RuleClassifier(properties.typeRules()).classify(
                "BON DE TRAVAIL n° 118\nAtelier mécanique — vidange et filtres\nTechnicien : Paul").type())
                .isEqualTo("work-order");
    }

    @Test
    void aTypeNameOrWeightOutsideTheRulesStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("axle.documents.types.[Work_Order].[bon de travail]", "4")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("axle.documents.types.Work_Order")
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> bind(Map.of("axle.documents.types.work-order.[bon de travail]", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("weight above 0");
    }
}
