package io.axle.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.billing.BillingAutoConfiguration;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.DocumentStore;
import io.axle.billing.InvoiceTemplates;
import io.axle.billing.RenderedDocument;
import io.axle.billing.store.MongoDocumentStore;
import io.axle.billing.web.DocumentPdfController;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The beans the billing documents arrive with, and the properties they read. */
class DocumentAutoConfigurationTest {

    @TempDir
    Path dataDir;
    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void startMongo() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterEach
    void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BillingAutoConfiguration.class,
                        DocumentAutoConfiguration.class))
                .withBean(MongoTemplate.class, () -> new MongoTemplate(client, "axle-billing-test"))
                .withPropertyValues("axle.data-dir=" + dataDir);
    }

    @Test
    void rendererTemplatesSignerAndStoreAreDefinedWithAGeneratedCertificate() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(DocumentRenderer.class).hasSingleBean(InvoiceTemplates.class)
                    .hasSingleBean(PdfSigner.class).hasSingleBean(DocumentStore.class)
                    .doesNotHaveBean(DocumentPdfController.class);
            assertThat(context.getBean(DocumentStore.class)).isInstanceOf(MongoDocumentStore.class);
            assertThat(dataDir.resolve("billing/signing.p12")).exists();
            assertThat(context.getBean(SigningCredentials.class).signerName()).isEqualTo("Axle Demo SAS");

            RenderedDocument rendered = context.getBean(DocumentRenderer.class).render(Documents.frenchBusiness());
            context.getBean(DocumentStore.class).put("invoice-1", "INV-2026-000042", rendered);
            assertThat(context.getBean(DocumentStore.class).find("invoice-1")).get()
                    .satisfies(stored -> assertThat(stored.sha256()).isEqualTo(rendered.sha256()));
        });
    }

    @Test
    void aRestartSignsWithTheSameCertificateAndSoRendersTheSameBytes() {
        String[] first = new String[1];
        runner().run(context -> first[0] = context.getBean(DocumentRenderer.class)
                .render(Documents.frenchBusiness()).sha256());
        runner().run(context -> assertThat(context.getBean(DocumentRenderer.class)
                .render(Documents.frenchBusiness()).sha256()).isEqualTo(first[0]));
    }

    @Test
    void theTemplatesFolderDefaultsUnderTheDataDirAndCanBeSet() throws Exception {
        Path defaultFolder = dataDir.resolve("invoice-templates");
        Files.createDirectories(defaultFolder);
        Files.writeString(defaultFolder.resolve("here.properties"), "language=fr\n");
        Files.writeString(defaultFolder.resolve("here.hbs"), "<html><body><p>{{number}}</p></body></html>");
        Path elsewhere = Files.createDirectories(dataDir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("there.properties"), "language=fr\n");
        Files.writeString(elsewhere.resolve("there.hbs"), "<html><body><p>{{number}}</p></body></html>");

        runner().run(context -> assertThat(context.getBean(InvoiceTemplates.class).all())
                .extracting(t -> t.id()).contains("here").doesNotContain("there"));
        runner().withPropertyValues("axle.billing.documents.templates-dir=" + elsewhere)
                .run(context -> assertThat(context.getBean(InvoiceTemplates.class).all())
                        .extracting(t -> t.id()).contains("there").doesNotContain("here"));
    }

    @Test
    void aConfiguredKeystoreSignsInsteadOfAGeneratedOne() {
        Path keystore = dataDir.resolve("company.p12");
        SigningCredentials.loadOrGenerate(keystore, "ACME Billing", null);
        String password = readPassword(keystore);

        runner().withPropertyValues("axle.billing.documents.signing.keystore=" + keystore,
                        "axle.billing.documents.signing.password=" + password)
                .run(context -> {
                    assertThat(context.getBean(SigningCredentials.class).signerName()).isEqualTo("ACME Billing");
                    assertThat(dataDir.resolve("billing/signing.p12")).doesNotExist();
                });
    }

    @Test
    void aWebApplicationGetsThePdfEndpoint() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BillingAutoConfiguration.class,
                        DocumentAutoConfiguration.class))
                .withBean(MongoTemplate.class, () -> new MongoTemplate(client, "axle-billing-test"))
                .withPropertyValues("axle.data-dir=" + dataDir)
                .run(context -> assertThat(context).hasSingleBean(DocumentPdfController.class));
    }

    @Test
    void theWarningAboutAnUnusedFallbackFontIsSilencedUnlessItsLevelIsConfigured() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(DocumentAutoConfiguration.PDTYPE1_FONT_LOGGER);
        logger.setLevel(null);
        try {
            runner().withPropertyValues("logging.level.org.apache.pdfbox.pdmodel.font.PDType1Font=WARN")
                    .run(context -> assertThat(logger.getLevel()).isNull());
            runner().run(context -> assertThat(logger.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR));
        } finally {
            logger.setLevel(null);
        }
    }

    private static String readPassword(Path keystore) {
        try {
            return Files.readString(SigningCredentials.passwordFile(keystore)).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
