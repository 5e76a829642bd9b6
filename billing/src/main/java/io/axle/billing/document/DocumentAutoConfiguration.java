package io.axle.billing.document;

import org.axonframework.queryhandling.QueryGateway;
import io.axle.billing.BillingAutoConfiguration;
import io.axle.billing.BillingProperties;
import io.axle.billing.Company;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.DocumentStore;
import io.axle.billing.store.MongoDocumentStore;
import io.axle.billing.web.DocumentPdfController;
import io.axle.platform.storage.EmbeddedMongoAutoConfiguration;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The billing documents: templates ({@code axle.billing.documents.templates-dir} beside the built-in ones), the
 * signing certificate, the PDF renderer (Factur-X unless {@code axle.billing.documents.factur-x=false}), the MongoDB
 * store of issued PDFs and their download endpoint.
 */
@AutoConfiguration(after = {BillingAutoConfiguration.class, EmbeddedMongoAutoConfiguration.class,
        MongoDataAutoConfiguration.class})
@EnableConfigurationProperties(DocumentProperties.class)
public class DocumentAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DocumentAutoConfiguration.class);
    static final String GENERATED_UNIT = "Axle invoice signing";
    static final String PDTYPE1_FONT_LOGGER = "org.apache.pdfbox.pdmodel.font.PDType1Font";

    @Bean
    @ConditionalOnMissingBean
    HandlebarsInvoiceTemplates axleInvoiceTemplates(DocumentProperties properties,
                                                    @Value("${axle.data-dir:./data}") String dataDir) {
        Path folder = properties.templatesDir(Path.of(dataDir));
        HandlebarsInvoiceTemplates templates = new HandlebarsInvoiceTemplates(folder);
        log.info("Invoice templates: {} (built in, and from folder {})",
                templates.all().stream().map(t -> t.id()).toList(), folder.toAbsolutePath().normalize());
        return templates;
    }

    @Bean
    @ConditionalOnMissingBean
    SigningCredentials axleInvoiceSigningCredentials(DocumentProperties properties,
                                                     @Value("${axle.data-dir:./data}") String dataDir,
                                                     ObjectProvider<BillingProperties> billing) {
        DocumentProperties.Signing signing = properties.getSigning();
        SigningCredentials credentials;
        String origin;
        if (signing.getKeystore() != null) {
            char[] password = signing.getPassword() == null ? new char[0] : signing.getPassword().toCharArray();
            credentials = SigningCredentials.load(signing.getKeystore(), password, signing.getAlias());
            origin = "configured keystore " + signing.getKeystore();
        } else {
            Path keystore = signing.generatedKeystore(Path.of(dataDir));
            credentials = SigningCredentials.loadOrGenerate(keystore, commonName(billing.getIfAvailable()),
                    GENERATED_UNIT);
            origin = "self-signed certificate kept in " + keystore.toAbsolutePath().normalize()
                    + " (set axle.billing.documents.signing.keystore to sign with your own)";
        }
        log.info("Invoice PDFs are signed by '{}' (certificate SHA-256 {}), from the {}",
                credentials.certificate().getSubjectX500Principal().getName(), credentials.fingerprint(), origin);
        return credentials;
    }

    @Bean
    @ConditionalOnMissingBean
    PdfSigner axleInvoicePdfSigner(SigningCredentials credentials) {
        return new PdfSigner(credentials);
    }

    @Bean
    @ConditionalOnMissingBean(DocumentRenderer.class)
    PdfDocumentRenderer axleDocumentRenderer(HandlebarsInvoiceTemplates templates, PdfSigner signer,
                                             ObjectProvider<BillingProperties> billing,
                                             DocumentProperties properties) {
        BillingProperties companies = billing.getIfAvailable(BillingProperties::new);
        return new PdfDocumentRenderer(templates, signer, id -> {
            Company company = companies.company(id);
            return company == null ? null : company.zone();
        }, properties.isFacturX());
    }

    /**
     * openhtmltopdf creates a standard Helvetica for form fields in every document, and PDFBox warns each time that
     * it stands in for it with another font. Invoices have no form field and embed their own font, so the warning
     * says nothing; it is silenced unless {@code logging.level.org.apache.pdfbox.pdmodel.font.PDType1Font} is set.
     */
    @Bean
    InitializingBean axleQuietUnusedFontFallbackWarning(Environment environment) {
        return () -> {
            if (!environment.containsProperty("logging.level." + PDTYPE1_FONT_LOGGER)) {
                LoggingSystem.get(DocumentAutoConfiguration.class.getClassLoader())
                        .setLogLevel(PDTYPE1_FONT_LOGGER, LogLevel.ERROR);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(DocumentStore.class)
    @ConditionalOnBean(MongoTemplate.class)
    MongoDocumentStore axleDocumentStore(MongoTemplate mongoTemplate) {
        return new MongoDocumentStore(mongoTemplate);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(DocumentStore.class)
    DocumentPdfController axleDocumentPdfController(DocumentStore store,
                                                    ObjectProvider<QueryGateway> queries) {
        return new DocumentPdfController(store, queries);
    }

    private static String commonName(BillingProperties billing) {
        Company company = billing == null ? null : billing.company(billing.getDefaultCompany());
        String name = company == null ? null : company.seller().name();
        return name == null || name.isBlank() ? GENERATED_UNIT : name;
    }
}
