package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.billing.CustomerType;
import io.axle.billing.TemplateDescriptor;
import io.axle.billing.UnknownTemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which template is used, which ones load, and what a template may not do. */
class HandlebarsInvoiceTemplatesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path folder;

    @Test
    void fourStandardTemplatesAreBuiltIn() {
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.all()).extracting(TemplateDescriptor::id).containsExactly(
                "standard-en-business", "standard-en-consumer", "standard-fr-business", "standard-fr-consumer");
        assertThat(templates.all()).allSatisfy(t -> assertThat(t.company()).isNull());
        assertThat(templates.choose("standard-fr-business", null, null, null))
                .isEqualTo(new TemplateDescriptor("standard-fr-business", null, "fr", CustomerType.BUSINESS,
                        "Facture standard pour clients professionnels (mentions B2B, autoliquidation, pénalités de retard)"));
    }

    @Test
    void choosesByLanguageAndCustomerType() {
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.choose(null, "axle", "fr", CustomerType.BUSINESS).id()).isEqualTo("standard-fr-business");
        assertThat(templates.choose(null, "axle", "fr", CustomerType.CONSUMER).id()).isEqualTo("standard-fr-consumer");
        assertThat(templates.choose(null, "axle", "en", CustomerType.CONSUMER).id()).isEqualTo("standard-en-consumer");
        assertThat(templates.choose(null, "axle", "FR", CustomerType.BUSINESS).id()).isEqualTo("standard-fr-business");
    }

    @Test
    void fallsBackToEnglishForALanguageWithoutTemplate() {
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.choose(null, "axle", "de", CustomerType.BUSINESS).id()).isEqualTo("standard-en-business");
        assertThat(templates.choose(null, "axle", null, CustomerType.CONSUMER).id()).isEqualTo("standard-en-consumer");
    }

    @Test
    void aCompanysOwnTemplateWinsOverTheGenericOneAndServesOnlyThatCompany() throws IOException {
        write("acme-fr", "company=acme\nlanguage=fr\ncustomerType=\ndescription=Acme\n", simpleTemplate("ACME"));
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.choose(null, "acme", "fr", CustomerType.BUSINESS).id()).isEqualTo("acme-fr");
        assertThat(templates.choose(null, "acme", "fr", CustomerType.CONSUMER).id()).isEqualTo("acme-fr");
        assertThat(templates.choose(null, "axle", "fr", CustomerType.BUSINESS).id()).isEqualTo("standard-fr-business");
        assertThat(templates.choose(null, "acme", "de", CustomerType.BUSINESS).id()).isEqualTo("standard-en-business");
    }

    @Test
    void anUnknownTemplateIdIsRefused() {
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThatThrownBy(() -> templates.choose("no-such-template", "axle", "fr", CustomerType.BUSINESS))
                .isInstanceOf(UnknownTemplateException.class)
                .satisfies(e -> assertThat(((UnknownTemplateException) e).templateId()).isEqualTo("no-such-template"));
        assertThatThrownBy(() -> templates.xhtml("no-such-template", Documents.frenchBusiness(), PARIS))
                .isInstanceOf(UnknownTemplateException.class);
    }

    @Test
    void aFolderTemplateIsPickedUpWithoutRestartAndRendersTheDocument() throws IOException {
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);
        assertThat(templates.all()).hasSize(4);

        write("workshop-fr", "company=\nlanguage=fr\ncustomerType=BUSINESS\ndescription=Atelier\n",
                simpleTemplate("Atelier {{number}} {{totalInclTax}}"));

        assertThat(templates.all()).extracting(TemplateDescriptor::id).contains("workshop-fr");
        assertThat(templates.xhtml("workshop-fr", Documents.frenchBusiness(), PARIS))
                .contains("Atelier INV-2026-000042 1\u202f623,61\u00a0€");
        // a folder template wins a tie with a built-in one
        assertThat(templates.choose(null, "axle", "fr", CustomerType.BUSINESS).id()).isEqualTo("workshop-fr");
    }

    @Test
    void aFolderTemplateWithABuiltInIdOverridesIt() throws IOException {
        write("standard-en-consumer", "language=en\ncustomerType=CONSUMER\ndescription=Ours\n",
                simpleTemplate("OVERRIDDEN {{number}}"));
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.all()).hasSize(4);
        assertThat(templates.choose("standard-en-consumer", null, null, null).description()).isEqualTo("Ours");
        assertThat(templates.xhtml("standard-en-consumer", Documents.englishConsumer(), PARIS))
                .contains("OVERRIDDEN INV-2026-000046");
        assertThat(templates.origin("standard-en-consumer")).isEqualTo(folder.resolve("standard-en-consumer.hbs")
                .toString());
    }

    @Test
    void aFolderPartialReplacesTheBuiltInOneInBuiltInTemplates() throws IOException {
        Files.createDirectories(folder.resolve("partials"));
        Files.writeString(folder.resolve("partials/en-closing.hbs"), "<p>Pay us, please: {{totalInclTax}}</p>");
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        String xhtml = templates.xhtml("standard-en-consumer", Documents.englishConsumer(), PARIS);

        assertThat(xhtml).contains("Pay us, please: €29.88").doesNotContain("Please pay by");
    }

    @Test
    void valuesAreHtmlEscaped() throws IOException {
        write("escaping", "language=en\n", simpleTemplate("[{{buyer.name}}]"));
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        String xhtml = templates.xhtml("escaping", Documents.frenchBusiness(), PARIS);

        assertThat(xhtml).contains("[Garage Dupré &amp; Fils]");
    }

    @Test
    void aTemplateCallingAMissingHelperIsRefusedWhenLoaded() throws IOException {
        write("broken", "language=fr\n", simpleTemplate("{{formatMoney totalInclTax}}"));
        write("broken-block", "language=fr\n", simpleTemplate("{{#ifEquals kind 'INVOICE'}}x{{/ifEquals}}"));
        write("broken-sub", "language=fr\n", simpleTemplate("{{#if (gt totalTax 0)}}x{{/if}}"));

        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.all()).extracting(TemplateDescriptor::id)
                .doesNotContain("broken", "broken-block", "broken-sub").hasSize(4);
        assertThatThrownBy(() -> templates.choose("broken", null, null, null))
                .isInstanceOf(UnknownTemplateException.class);
    }

    @Test
    void theMissingHelperCheckNamesTheFileLineAndHelper() {
        assertThatThrownBy(() -> TemplateSafety.check("t.hbs", "<p>\n{{#each lines}}\n{{money net}}\n{{/each}}</p>",
                java.util.Set.of("each", "if")))
                .hasMessageContaining("t.hbs line 3").hasMessageContaining("'money'");
        TemplateSafety.check("ok.hbs", "{{#if a}}{{b.c}}{{else}}{{#each d}}{{this}}{{/each}}{{/if}}{{> p}}"
                + "{{!-- {{{ignored}}} --}}", java.util.Set.of("each", "if"));
    }

    @Test
    void unescapedOutputIsRefused() throws IOException {
        write("raw", "language=en\n", simpleTemplate("{{{buyer.name}}}"));
        write("raw-amp", "language=en\n", simpleTemplate("{{& buyer.name}}"));

        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.all()).extracting(TemplateDescriptor::id).doesNotContain("raw", "raw-amp");
    }

    @Test
    void aTemplateThatIsNotWellFormedXhtmlIsRefused() throws IOException {
        write("unclosed", "language=en\n", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>{{number}}</body>"
                + "</html>");
        write("entity", "language=en\n", simpleTemplate("{{number}}&nbsp;"));

        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.all()).extracting(TemplateDescriptor::id).doesNotContain("unclosed", "entity");
    }

    @Test
    void aSidecarWithoutLanguageOrWithAnUnknownCustomerTypeIsRefused() throws IOException {
        write("no-language", "description=x\n", simpleTemplate("x"));
        write("bad-type", "language=fr\ncustomerType=robot\n", simpleTemplate("x"));
        Files.writeString(folder.resolve("lonely.properties"), "language=fr\n");

        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);

        assertThat(templates.all()).extracting(TemplateDescriptor::id)
                .doesNotContain("no-language", "bad-type", "lonely").hasSize(4);
    }

    @Test
    void aFixedTemplateIsLoadedOnceTheFileChanges() throws IOException {
        write("later", "language=fr\n", simpleTemplate("{{missingHelper number}}"));
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);
        assertThat(templates.all()).extracting(TemplateDescriptor::id).doesNotContain("later");

        Path source = folder.resolve("later.hbs");
        Files.writeString(source, simpleTemplate("Fixed {{number}}"));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(templates.xhtml("later", Documents.frenchBusiness(), PARIS)).contains("Fixed INV-2026-000042");
    }

    @Test
    void builtInTemplatesWorkWithoutAFolder() {
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(null);

        assertThat(templates.all()).hasSize(4);
        assertThat(templates.xhtml("standard-fr-consumer", Documents.frenchConsumer(), PARIS)).contains("FACTURE");
    }

    private void write(String id, String properties, String template) throws IOException {
        Files.writeString(folder.resolve(id + ".properties"), properties);
        Files.writeString(folder.resolve(id + ".hbs"), template);
    }

    private static String simpleTemplate(String body) {
        return "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>{{number}}</title></head><body><p>" + body
                + "</p></body></html>";
    }
}
