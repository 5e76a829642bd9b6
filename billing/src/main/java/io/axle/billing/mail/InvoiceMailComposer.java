package io.axle.billing.mail;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.Party;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Composes the mail that carries an issued document: subject, a short plain-text and HTML body in the document's
 * language (from the Handlebars templates under {@code mail/<language>/}; English when there are none for it), and the
 * signed PDF attached as {@code <number>.pdf}. Its Message-ID is derived from the document number, the company and
 * the sender's domain only, so that sending the same document twice gives the same Message-ID. Also composes the
 * payment reminders of overdue invoices, from the {@code reminder-*} templates, without attachment.
 */
public final class InvoiceMailComposer {

    static final String FALLBACK_LANGUAGE = "en";
    /** Template name prefixes: the mail carrying a document, and a payment reminder. */
    private static final String DOCUMENT = "";
    private static final String REMINDER = "reminder-";
    private static final String TEMPLATES = "/mail";

    private final InternetAddress configuredFrom;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());
    private final Handlebars plain = new Handlebars(new ClassPathTemplateLoader(TEMPLATES, ".hbs"))
            .with(EscapingStrategy.NOOP).prettyPrint(true);
    private final Handlebars html = new Handlebars(new ClassPathTemplateLoader(TEMPLATES, ".hbs")).prettyPrint(true);
    private final Map<String, Templates> byLanguage = new ConcurrentHashMap<>();
    private final Map<String, Templates> fallbacks = new ConcurrentHashMap<>();

    /**
     * {@code from} is the configured sender ({@code axle.billing.mail.from}, may carry a name); null or blank means the
     * seller's address on each document.
     */
    public InvoiceMailComposer(String from, Clock clock) {
        this.configuredFrom = from == null || from.isBlank() ? null : parse(from, "axle.billing.mail.from");
        this.clock = clock;
        fallbacks.put(DOCUMENT, compile(FALLBACK_LANGUAGE, DOCUMENT));
        fallbacks.put(REMINDER, compile(FALLBACK_LANGUAGE, REMINDER));
    }

    /** The mail of {@code document} to {@code recipient}, with {@code pdf} attached. */
    public MimeMessage compose(BillingDocument document, byte[] pdf, InternetAddress recipient) {
        InternetAddress from = sender(document);
        Templates templates = templates(language(document), DOCUMENT);
        Map<String, Object> values = values(document, templates.locale());
        return compose(templates, values, from, recipient, messageId(document, from), document.number(),
                mail -> mail.addAttachment(document.number() + ".pdf", new ByteArrayResource(pdf), "application/pdf"));
    }

    /**
     * Payment reminder {@code reminder} of invoice {@code invoice}, which still owes {@code balance}, to
     * {@code recipient}. Its Message-ID is the invoice's with the reminder number, so each reminder has its own and
     * sending the same one again keeps it.
     */
    public MimeMessage composeReminder(BillingDocument invoice, int reminder, BigDecimal balance,
                                       InternetAddress recipient) {
        InternetAddress from = sender(invoice);
        Templates templates = templates(language(invoice), REMINDER);
        Map<String, Object> values = values(invoice, templates.locale());
        values.put("reminder", reminder);
        values.put("total", values.get("amount"));
        values.put("amount", amount(balance, invoice.currency(), templates.locale()));
        String invoiceMessageId = messageId(invoice, from);
        return compose(templates, values, from, recipient, "<reminder-" + reminder + "." + invoiceMessageId.substring(1),
                invoice.number(), mail -> { });
    }

    private MimeMessage compose(Templates templates, Map<String, Object> values, InternetAddress from,
                                InternetAddress recipient, String messageId, String number, Attachments attachments) {
        try {
            MimeMessage message = new DocumentMimeMessage(session, messageId);
            MimeMessageHelper mail = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED,
                    StandardCharsets.UTF_8.name());
            mail.setFrom(from);
            mail.setTo(recipient);
            mail.setSubject(templates.subject().apply(values).strip());
            mail.setText(templates.text().apply(values), templates.html().apply(values));
            attachments.add(mail);
            mail.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot compose the mail of " + number + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the mail templates of " + number, e);
        }
    }

    /** Adds what a mail carries besides its text. */
    @FunctionalInterface
    private interface Attachments {
        void add(MimeMessageHelper mail) throws MessagingException;
    }

    /**
     * {@code <number.company@domain>}, the domain being the sender's: the same document sent again keeps its
     * Message-ID, and two companies' documents with the same number never share one.
     */
    static String messageId(BillingDocument document, InternetAddress from) {
        String address = from.getAddress();
        String domain = address.substring(address.indexOf('@') + 1);
        return "<" + atom(document.number()) + "." + atom(document.company()) + "@" + domain + ">";
    }

    private static String atom(String value) {
        return value == null || value.isBlank() ? "unknown" : value.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private InternetAddress sender(BillingDocument document) {
        if (configuredFrom != null) {
            return configuredFrom;
        }
        Party seller = document.seller();
        if (seller == null || seller.email() == null || seller.email().isBlank()) {
            throw new IllegalStateException("Cannot e-mail " + document.number() + ": company " + document.company()
                    + " has no e-mail address; set axle.billing.companies." + document.company()
                    + ".email or axle.billing.mail.from");
        }
        InternetAddress address = parse(seller.email(), "the e-mail of company " + document.company());
        try {
            address.setPersonal(seller.name(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        return address;
    }

    private static InternetAddress parse(String address, String what) {
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            parsed.validate();
            return parsed;
        } catch (AddressException e) {
            throw new IllegalStateException(what + " '" + address + "' is not an e-mail address: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> values(BillingDocument document, Locale locale) {
        Map<String, Object> values = new HashMap<>();
        values.put("creditNote", document.kind() == DocumentKind.CREDIT_NOTE);
        values.put("number", document.number());
        values.put("seller", document.seller() == null ? document.company() : document.seller().name());
        values.put("buyer", document.buyer() == null ? null : document.buyer().name());
        values.put("amount", amount(document.totalInclTax(), document.currency(), locale));
        values.put("dueDate", document.dueDate() == null ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(document.dueDate()));
        values.put("correctedNumber", document.correctedNumber());
        values.put("reason", document.reason());
        values.put("orderNumber", document.orderNumber());
        return values;
    }

    /** {@code 1 234,56 €} in French, {@code €1,234.56} in English; the code itself for an unknown currency. */
    static String amount(BigDecimal amount, String currency, Locale locale) {
        if (amount == null) {
            return "";
        }
        try {
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            Currency unit = Currency.getInstance(currency);
            format.setCurrency(unit);
            format.setMinimumFractionDigits(Math.max(unit.getDefaultFractionDigits(), 0));
            format.setMaximumFractionDigits(Math.max(unit.getDefaultFractionDigits(), amount.scale()));
            return format.format(amount);
        } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
            return amount.toPlainString() + " " + currency;
        }
    }

    private static String language(BillingDocument document) {
        String language = document.language();
        return language == null || language.isBlank() ? FALLBACK_LANGUAGE
                : Locale.forLanguageTag(language.strip()).getLanguage();
    }

    /** The templates of {@code language} and {@code kind}, or the English ones when the language has none. */
    private Templates templates(String language, String kind) {
        return byLanguage.computeIfAbsent(kind + language, key -> load(language, kind));
    }

    private Templates load(String language, String kind) {
        if (InvoiceMailComposer.class.getResource(TEMPLATES + "/" + language + "/" + kind + "subject.hbs") == null) {
            return fallbacks.get(kind);
        }
        return compile(language, kind);
    }

    private Templates compile(String language, String kind) {
        String prefix = language + "/" + kind;
        try {
            return new Templates(Locale.forLanguageTag(language), plain.compile(prefix + "subject"),
                    plain.compile(prefix + "body.txt"), html.compile(prefix + "body.html"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mail templates of language " + language + " under classpath:"
                    + TEMPLATES, e);
        }
    }

    private record Templates(Locale locale, Template subject, Template text, Template html) {
    }
}
