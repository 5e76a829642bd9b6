package io.axle.command.invoice;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * How orders become invoices, bound from {@code axle.billing.*} next to the billing library's own settings.
 *
 * @param rateCategories VAT rate category by SKU prefix ({@code axle.billing.rate-categories.BOOK-=SECOND_REDUCED}),
 *                       for SKUs the product catalogue lacks (a product's own category comes first); prefixes match
 *                       ignoring case, the longest one wins, and a SKU matching none is {@link RateCategory#STANDARD}.
 * @param vatRates       a VAT rate table replacing the bundled one (same CSV format as {@link VatRates#BUNDLED});
 *                       none means the bundled table
 * @param issuingThreads  threads of the {@value InvoiceIssuer#PROCESSING_GROUP} processor on each node; default 1.
 *                        Numbers are taken one at a time whatever the threads, but rendering and signing proceed in
 *                        parallel. A thread holds two database connections while it takes a number (its own
 *                        transaction's, and the number's), so the pool needs two per thread beside the other users.
 * @param issuingSegments segments the processor's events are split into when its tokens are first created (a node's
 *                        thread works on one segment at a time, so with several nodes this should be at least their
 *                        total threads); default {@code issuingThreads}
 */
@ConfigurationProperties("axle.billing")
public record InvoiceIssuingProperties(Map<String, RateCategory> rateCategories, Path vatRates,
                                       Integer issuingThreads, Integer issuingSegments) {

    public InvoiceIssuingProperties {
        rateCategories = rateCategories == null ? Map.of() : Map.copyOf(rateCategories);
        issuingThreads = issuingThreads == null ? 1 : issuingThreads;
        issuingSegments = issuingSegments == null ? issuingThreads : issuingSegments;
        if (issuingThreads < 1 || issuingSegments < 1) {
            throw new IllegalArgumentException("axle.billing.issuing-threads and issuing-segments must be at least 1, "
                    + "were " + issuingThreads + " and " + issuingSegments);
        }
    }

    /** The settings used when nothing is configured. */
    public static InvoiceIssuingProperties defaults() {
        return new InvoiceIssuingProperties(null, null, null, null);
    }

    /** The rate category of {@code sku}: that of its longest configured prefix, or STANDARD. */
    public RateCategory rateCategoryOf(String sku) {
        String upper = sku.toUpperCase(Locale.ROOT);
        return rateCategories.entrySet().stream()
                .filter(entry -> upper.startsWith(entry.getKey().toUpperCase(Locale.ROOT)))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(RateCategory.STANDARD);
    }
}
