package io.axle.billing.document;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import com.github.jknack.handlebars.io.CompositeTemplateLoader;
import com.github.jknack.handlebars.io.FileTemplateLoader;
import com.github.jknack.handlebars.io.TemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import io.axle.api.invoice.BillingDocument;
import io.axle.billing.CustomerType;
import io.axle.billing.InvoiceTemplates;
import io.axle.billing.TemplateDescriptor;
import io.axle.billing.UnknownTemplateException;
import io.axle.billing.document.TemplateSafety.InvalidTemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Invoice templates written in Handlebars: the built-in ones on the classpath under {@code templates/}, and those
 * added without code to a folder, each an {@code <id>.hbs} beside an {@code <id>.properties} ({@code company},
 * {@code language}, {@code customerType}, {@code description}). A folder template with a built-in id replaces it, and
 * so does a folder partial ({@code partials/...}). The folder is read at start and again whenever its files change.
 *
 * <p>Templates are held to a safe mode: every printed value is HTML-escaped and a call to a helper that does not exist
 * refuses the template when it is loaded (see {@link TemplateSafety}); each is also rendered with sample documents
 * then. A refused built-in template stops the start; a refused folder template is logged with the reason and left out.
 *
 * <p>Choosing without an id: among the templates of the language, those of the company or of any company, for the
 * customer type or for both, the most specific wins (company first, then customer type); on a tie a folder template
 * wins over a built-in one, then the smaller id. Without any template in the language the same is done in English.
 */
public class HandlebarsInvoiceTemplates implements InvoiceTemplates {

    private static final Logger log = LoggerFactory.getLogger(HandlebarsInvoiceTemplates.class);
    static final String CLASSPATH_FOLDER = "templates";
    private static final String SUFFIX = ".hbs";
    private static final String FALLBACK_LANGUAGE = "en";

    private final Path folder;
    private final Map<String, Loaded> builtIn;
    private volatile State state;

    /** Loads the built-in templates and those of {@code folder} (which may be null or not exist yet). */
    public HandlebarsInvoiceTemplates(Path folder) {
        this.folder = folder;
        Handlebars classpathOnly = handlebars(null);
        this.builtIn = loadBuiltIn(classpathOnly);
        this.state = load(fingerprint());
    }

    @Override
    public TemplateDescriptor choose(String templateId, String company, String language, CustomerType customerType) {
        return choose(current(), templateId, company, language, customerType).descriptor;
    }

    @Override
    public List<TemplateDescriptor> all() {
        return current().templates.values().stream().map(Loaded::descriptor)
                .sorted(Comparator.comparing(TemplateDescriptor::id)).toList();
    }

    /**
     * The XHTML of {@code document} through template {@code templateId}, formatted in the template's language;
     * the issue date is read in {@code zone}.
     */
    public String xhtml(String templateId, BillingDocument document, java.time.ZoneId zone) {
        return apply(loaded(current(), templateId), document, zone);
    }

    /**
     * The XHTML of {@code document} through the template {@link #choose chosen} for its template id, company and
     * language and {@code customerType}, with that template: both from one reading of the folder.
     */
    Chosen chooseAndRender(BillingDocument document, CustomerType customerType, java.time.ZoneId zone) {
        Loaded loaded = choose(current(), document.templateId(), document.company(), document.language(),
                customerType);
        return new Chosen(loaded.descriptor, apply(loaded, document, zone));
    }

    private Loaded choose(State current, String templateId, String company, String language,
                          CustomerType customerType) {
        if (templateId != null && !templateId.isBlank()) {
            return loaded(current, templateId);
        }
        String wanted = language == null || language.isBlank() ? FALLBACK_LANGUAGE : language.toLowerCase(Locale.ROOT);
        return best(current, company, wanted, customerType)
                .or(() -> best(current, company, FALLBACK_LANGUAGE, customerType))
                .orElseThrow(() -> new UnknownTemplateException("(none for company " + company + ", language "
                        + wanted + ", " + customerType + ")"));
    }

    /** Template {@code templateId} of {@code current}, which must have it. */
    private static Loaded loaded(State current, String templateId) {
        Loaded loaded = current.templates.get(templateId);
        if (loaded == null) {
            throw new UnknownTemplateException(templateId);
        }
        return loaded;
    }

    private static String apply(Loaded loaded, BillingDocument document, java.time.ZoneId zone) {
        try {
            return loaded.template.apply(TemplateModel.of(document, loaded.descriptor.language(), zone));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("template " + loaded.descriptor.id() + " (" + loaded.origin
                    + ") failed on document " + document.number() + ": " + e.getMessage(), e);
        }
    }

    /** Where {@code templateId} was loaded from, for messages. */
    public String origin(String templateId) {
        Loaded loaded = current().templates.get(templateId);
        return loaded == null ? null : loaded.origin;
    }

    private java.util.Optional<Loaded> best(State current, String company, String language,
                                            CustomerType customerType) {
        return current.templates.values().stream()
                .filter(t -> t.descriptor.language().equals(language))
                .filter(t -> t.descriptor.company() == null || t.descriptor.company().equals(company))
                .filter(t -> t.descriptor.customerType() == null || t.descriptor.customerType() == customerType)
                .sorted(Comparator.<Loaded>comparingInt(t -> t.descriptor.company() != null ? 0 : 1)
                        .thenComparingInt(t -> t.descriptor.customerType() != null ? 0 : 1)
                        .thenComparingInt(t -> t.fromFolder ? 0 : 1)
                        .thenComparing(t -> t.descriptor.id()))
                .findFirst();
    }

    /** The current templates, reloading the folder first when a file in it was added, changed or removed. */
    private State current() {
        State current = state;
        String fingerprint = fingerprint();
        if (fingerprint.equals(current.fingerprint)) {
            return current;
        }
        synchronized (this) {
            if (!fingerprint.equals(state.fingerprint)) {
                state = load(fingerprint);
            }
            return state;
        }
    }

    private State load(String fingerprint) {
        Map<String, Loaded> templates = new LinkedHashMap<>(builtIn);
        if (folder != null && Files.isDirectory(folder)) {
            Handlebars handlebars = handlebars(folder);
            // built-in templates are compiled again so that folder partials replace built-in ones in them too
            builtIn.forEach((id, loaded) -> {
                try {
                    templates.put(id, compile(handlebars, loaded.descriptor, loaded.origin, false));
                } catch (InvalidTemplateException e) {
                    log.error("Built-in invoice template {} does not work with the files of {}: {}. It is used as"
                            + " built until the folder is fixed.", id, folder, e.getMessage());
                }
            });
            try (Stream<Path> files = Files.list(folder)) {
                for (Path sidecar : files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted()
                        .toList()) {
                    String id = sidecar.getFileName().toString().replaceFirst("\\.properties$", "");
                    Path source = folder.resolve(id + SUFFIX);
                    String origin = source.toString();
                    try {
                        if (!Files.isRegularFile(source)) {
                            throw new InvalidTemplateException(sidecar + " has no template beside it: add " + source);
                        }
                        TemplateDescriptor descriptor;
                        try (Reader reader = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
                            descriptor = descriptor(id, reader, sidecar.toString());
                        }
                        Loaded loaded = compile(handlebars, descriptor, origin, true);
                        Loaded replaced = templates.put(id, loaded);
                        log.info("Invoice template {} loaded from {}{}", id, origin,
                                replaced == null ? "" : " (replaces the built-in one)");
                    } catch (InvalidTemplateException | IOException e) {
                        log.error("Invoice template {} in {} is left out: {}. Fix the file; it is read again when"
                                + " it changes.", id, folder, e.getMessage());
                    }
                }
            } catch (IOException e) {
                log.error("Cannot read the invoice templates folder {} ({}); only built-in templates are used",
                        folder, e.toString());
            }
        }
        return new State(Map.copyOf(templates), fingerprint);
    }

    private Map<String, Loaded> loadBuiltIn(Handlebars handlebars) {
        Map<String, Loaded> templates = new LinkedHashMap<>();
        try {
            Resource[] sidecars = new PathMatchingResourcePatternResolver(getClass().getClassLoader())
                    .getResources("classpath*:" + CLASSPATH_FOLDER + "/*.properties");
            for (Resource sidecar : sidecars) {
                String id = sidecar.getFilename().replaceFirst("\\.properties$", "");
                if (getClass().getClassLoader().getResource(CLASSPATH_FOLDER + "/" + id + SUFFIX) == null) {
                    continue;
                }
                TemplateDescriptor descriptor;
                try (InputStream in = sidecar.getInputStream();
                     Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                    descriptor = descriptor(id, reader, sidecar.getDescription());
                }
                templates.put(id, compile(handlebars, descriptor, "classpath:" + CLASSPATH_FOLDER + "/" + id + SUFFIX,
                        false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the built-in invoice templates", e);
        }
        return templates;
    }

    static TemplateDescriptor descriptor(String id, Reader sidecar, String where) throws IOException {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidTemplateException(where + ": template id '" + id
                    + "' may hold only letters, digits, '.', '_' and '-'");
        }
        Properties properties = new Properties();
        properties.load(sidecar);
        String language = blankToNull(properties.getProperty("language"));
        if (language == null || !language.matches("[a-z]{2,3}")) {
            throw new InvalidTemplateException(where + ": language must be an ISO 639-1 code such as fr or en, got '"
                    + properties.getProperty("language") + "'");
        }
        String type = blankToNull(properties.getProperty("customerType"));
        CustomerType customerType;
        try {
            customerType = type == null ? null : CustomerType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidTemplateException(where + ": customerType must be BUSINESS, CONSUMER or empty (both),"
                    + " got '" + type + "'");
        }
        return new TemplateDescriptor(id, blankToNull(properties.getProperty("company")), language, customerType,
                blankToNull(properties.getProperty("description")));
    }

    private Loaded compile(Handlebars handlebars, TemplateDescriptor descriptor, String origin, boolean fromFolder) {
        try {
            Template template = handlebars.compile(descriptor.id());
            for (BillingDocument sample : SampleDocuments.all()) {
                Xhtml.parse(template.apply(TemplateModel.of(sample, descriptor.language(), ZoneOffset.UTC)),
                        descriptor.id());
            }
            return new Loaded(descriptor, template, origin, fromFolder);
        } catch (InvalidTemplateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidTemplateException(origin + ": " + e.getMessage(), e);
        }
    }

    private static Handlebars handlebars(Path folder) {
        List<TemplateLoader> loaders = new ArrayList<>();
        if (folder != null) {
            loaders.add(new FileTemplateLoader(folder.toFile(), SUFFIX));
        }
        loaders.add(new ClassPathTemplateLoader("/" + CLASSPATH_FOLDER, SUFFIX));
        CheckingLoader loader = new CheckingLoader(loaders.toArray(TemplateLoader[]::new));
        Handlebars handlebars = new Handlebars(loader).with(new ConcurrentMapTemplateCache());
        handlebars.setPrettyPrint(false);
        handlebars.setInfiniteLoops(false);
        Set<String> helpers = new HashSet<>();
        handlebars.helpers().forEach(entry -> helpers.add(entry.getKey()));
        loader.helpers = Set.copyOf(helpers);
        return handlebars;
    }

    /** Lists file names, sizes and modification times of the folder: a change in any of them reloads it. */
    private String fingerprint() {
        if (folder == null || !Files.isDirectory(folder)) {
            return "";
        }
        StringBuilder fingerprint = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder, 3)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    fingerprint.append(folder.relativize(file)).append(':').append(Files.size(file)).append(':')
                            .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
                } catch (IOException e) {
                    fingerprint.append(file).append(":?\n");
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "unreadable";
        }
        return fingerprint.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private record Loaded(TemplateDescriptor descriptor, Template template, String origin, boolean fromFolder) {
    }

    private record State(Map<String, Loaded> templates, String fingerprint) {
    }

    /** The template chosen for a document and the document's XHTML through it. */
    record Chosen(TemplateDescriptor template, String xhtml) {
    }

    /** Checks every template and partial when Handlebars first reads it, whichever loader it comes from. */
    private static final class CheckingLoader implements TemplateLoader {
        private final TemplateLoader delegate;
        private final Map<String, Long> checked = new ConcurrentHashMap<>();
        private volatile Set<String> helpers = Set.of();

        CheckingLoader(TemplateLoader... delegates) {
            this.delegate = delegates.length == 1 ? delegates[0] : new CompositeTemplateLoader(delegates);
        }

        @Override
        public TemplateSource sourceAt(String location) throws IOException {
            TemplateSource source = delegate.sourceAt(location);
            Long seen = checked.get(source.filename());
            if (seen == null || seen != source.lastModified()) {
                TemplateSafety.check(source.filename(), source.content(StandardCharsets.UTF_8), helpers);
                checked.put(source.filename(), source.lastModified());
            }
            return source;
        }

        @Override
        public String resolve(String location) {
            return delegate.resolve(location);
        }

        @Override
        public String getPrefix() {
            return delegate.getPrefix();
        }

        @Override
        public String getSuffix() {
            return delegate.getSuffix();
        }

        @Override
        public void setPrefix(String prefix) {
            delegate.setPrefix(prefix);
        }

        @Override
        public void setSuffix(String suffix) {
            delegate.setSuffix(suffix);
        }

        @Override
        public void setCharset(java.nio.charset.Charset charset) {
            delegate.setCharset(charset);
        }

        @Override
        public java.nio.charset.Charset getCharset() {
            return delegate.getCharset();
        }
    }
}
