package io.axle.command.invoice;

import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.billing.CustomerType;
import io.axle.billing.DocumentRenderer;
import io.axle.billing.DocumentStore;
import io.axle.billing.ExchangeRate;
import io.axle.billing.ExchangeRates;
import io.axle.billing.InvoiceTemplates;
import io.axle.billing.RenderedDocument;
import io.axle.billing.StoredDocument;
import io.axle.billing.TemplateDescriptor;
import io.axle.billing.UnknownExchangeRateException;
import io.axle.billing.UnknownTemplateException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simple stand-ins for the billing library's parts, for tests of the issuing process that are not about rendering:
 * templates, exchange rates, a renderer whose "PDF" is the document's text (deterministic, like the real one), a
 * store in memory, and a numbering that behaves like the InvoiceNumbering aggregate.
 */
final class InvoiceIssuerFakes {

    private InvoiceIssuerFakes() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three templates: French and English for everyone, and an English one for axle's business customers. */
    static final class Templates implements InvoiceTemplates {

        static final TemplateDescriptor CLASSIC_FR = new TemplateDescriptor("classic-fr", null, "fr", null, "classic");
        static final TemplateDescriptor CLASSIC_EN = new TemplateDescriptor("classic-en", null, "en", null, "classic");
        static final TemplateDescriptor BUSINESS_EN =
                new TemplateDescriptor("business-en", "axle", "en", CustomerType.BUSINESS, "business");

        @Override
        public TemplateDescriptor choose(String templateId, String company, String language, CustomerType type) {
            if (templateId != null) {
                return all().stream().filter(t -> t.id().equals(templateId)).findFirst()
                        .orElseThrow(() -> new UnknownTemplateException(templateId));
            }
            return all().stream()
                    .filter(t -> Objects.equals(t.company(), company) && t.language().equals(language)
                            && t.customerType() == type)
                    .findFirst()
                    .or(() -> all().stream().filter(t -> t.company() == null && t.language().equals(language))
                            .findFirst())
                    .orElse(CLASSIC_EN);
        }

        @Override
        public List<TemplateDescriptor> all() {
            return List.of(CLASSIC_FR, CLASSIC_EN, BUSINESS_EN);
        }
    }

    /** 1 between equal currencies; USD and GBP to EUR as published the day before; nothing else. */
    static final class Rates implements ExchangeRates {

        static final Map<String, BigDecimal> TO_EUR = Map.of("USD", new BigDecimal("0.9215"),
                "GBP", new BigDecimal("1.1712"));

        @Override
        public ExchangeRate rate(String from, String to, LocalDate on) {
            if (from.equals(to)) {
                return new ExchangeRate(from, to, BigDecimal.ONE, on, "identity");
            }
            BigDecimal rate = "EUR".equals(to) ? TO_EUR.get(from) : null;
            if (rate == null) {
                throw new UnknownExchangeRateException(from, to, on);
            }
            return new ExchangeRate(from, to, rate, on.minusDays(1), "test table");
        }
    }

    /** A "PDF" made of the document's text, so equal documents render to equal bytes; can be made to fail. */
    static final class Renderer implements DocumentRenderer {

        final AtomicInteger renders = new AtomicInteger();
        volatile int failuresLeft;

        @Override
        public RenderedDocument render(BillingDocument document) {
            renders.incrementAndGet();
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("renderer out of order");
            }
            byte[] pdf = ("%PDF-test\n" + document).getBytes(StandardCharsets.UTF_8);
            return new RenderedDocument(pdf, sha256(pdf));
        }
    }

    /** Stored documents by id. */
    static final class Store implements DocumentStore {

        final Map<String, StoredDocument> documents = new ConcurrentHashMap<>();

        @Override
        public void put(String documentId, String number, RenderedDocument document) {
            documents.put(documentId, new StoredDocument(documentId, number, document.sha256(), document.pdf()));
        }

        @Override
        public Optional<StoredDocument> find(String documentId) {
            return Optional.ofNullable(documents.get(documentId));
        }
    }

    /** Numbers like the InvoiceNumbering aggregate: 1, 2, 3 … per sequence, the same again to the same document. */
    static final class Numbering {

        private final Map<String, Map<String, String>> taken = new HashMap<>();

        synchronized String allocate(AllocateInvoiceNumberCommand command) {
            Map<String, String> sequence = taken.computeIfAbsent(command.sequenceId(), id -> new HashMap<>());
            return sequence.computeIfAbsent(command.invoiceId(), id ->
                    InvoiceNumberSequences.format(command.kind(), command.year(), sequence.size() + 1));
        }
    }
}
