package io.axle.launcher.benchmark;

import io.axle.api.invoice.BillingDocument;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceLineItem;
import io.axle.api.invoice.Party;
import io.axle.api.invoice.TaxAmount;
import io.axle.billing.document.HandlebarsInvoiceTemplates;
import io.axle.billing.document.PdfDocumentRenderer;
import io.axle.billing.document.PdfSigner;
import io.axle.billing.document.SigningCredentials;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.springframework.util.FileSystemUtils;

/**
 * Renders one-page invoices (eight lines, two VAT rates, custom fields, French business template, Factur-X as the
 * application makes them) with the billing module's own renderer and prints invoices/s: rendered only (template → XHTML → PDF with embedded fonts) and
 * rendered + signed (detached CMS signature, incremental save), on one thread and on all cores, with the ratios
 * signed/unsigned and all cores/one thread. Each invoice has its own number, so nothing is rendered twice the same.
 *
 * <p>Run with {@code scripts/benchmark.sh invoices [seconds per measure=10] [threads=cores]}.
 */
public final class InvoiceRenderBenchmark {

    private static final Party SELLER = new Party("Société Générale Électricité SAS", "12 rue de la Paix", "75002",
            "Paris", "FR", "FR40303265045", "facturation@sge.example", "SIREN 303 265 045 — RCS Paris",
            "FR76 3000 6000 0112 3456 7890 189");
    private static final Party BUYER = new Party("Garage Dupré & Fils", "3 place Bellecour", "69002", "Lyon", "FR",
            "FR12345678901", "compta@dupre.example", null, null);

    public static void main(String[] args) throws Exception {
        // no logging configuration outside Spring Boot: keep the per-document debug lines out of the measure
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        // as the application does (DocumentAutoConfiguration): a warning about a font no invoice uses
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : cores;
        Path dir = Files.createTempDirectory("axle-invoice-bench");
        try {
            long coldStart = System.nanoTime();
            SigningCredentials credentials = SigningCredentials.loadOrGenerate(dir.resolve("signing.p12"),
                    SELLER.name(), "Axle invoice signing");
            PdfDocumentRenderer renderer = new PdfDocumentRenderer(new HandlebarsInvoiceTemplates(
                    dir.resolve("invoice-templates")), new PdfSigner(credentials), company -> ZoneId.of("Europe/Paris"));
            int size = renderer.render(invoice(0)).pdf().length;
            double coldMs = (System.nanoTime() - coldStart) / 1e6;

            // warm-up: both paths, on every thread, so that JIT and class loading are behind us
            measure(threads, Math.max(5, seconds), i -> renderer.render(invoice(i)));
            measure(1, Math.max(5, seconds), i -> renderer.renderUnsigned(invoice(i)));

            double unsignedOne = measure(1, seconds, i -> renderer.renderUnsigned(invoice(i)));
            double signedOne = measure(1, seconds, i -> renderer.render(invoice(i)));
            double unsignedAll = measure(threads, seconds, i -> renderer.renderUnsigned(invoice(i)));
            double signedAll = measure(threads, seconds, i -> renderer.render(invoice(i)));

            System.out.printf("%n=== Invoice render benchmark: one-page French business invoice (%d lines), Factur-X"
                    + " (PDF/A-3b + EN 16931 XML), %,d bytes signed, %d s per measure, %d cores ===%n",
                    invoice(0).lines().size(), size, seconds, cores);
            System.out.printf("first invoice, cold (templates, fonts, certificate, JIT): %.0f ms%n", coldMs);
            System.out.printf("%-28s %14s %14s %12s%n", "", "1 thread", threads + " threads", "all/1");
            row("rendered (no signature)", unsignedOne, unsignedAll);
            row("rendered + signed", signedOne, signedAll);
            System.out.printf("%-28s %14.3f %14.3f%n", "ratio signed / unsigned", signedOne / unsignedOne,
                    signedAll / unsignedAll);
            System.out.printf("mean time per invoice on 1 thread: %.1f ms rendered, %.1f ms rendered + signed"
                    + " (signing ≈ %.1f ms)%n", 1000 / unsignedOne, 1000 / signedOne, 1000 / signedOne - 1000 / unsignedOne);
        } finally {
            FileSystemUtils.deleteRecursively(dir.toFile());
        }
        System.exit(0);
    }

    private static void row(String label, double one, double all) {
        System.out.printf("%-28s %10.1f /s   %10.1f /s %12.2f%n", label, one, all, all / one);
    }

    /** Invoices per second rendered by {@code threads} threads for {@code seconds}. */
    private static double measure(int threads, int seconds, IntConsumer render) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 1_000_000;
                done.add(pool.submit(() -> {
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                        render.accept(offset + count);
                        count++;
                    }
                    return count;
                }));
            }
            int total = 0;
            for (Future<Integer> future : done) {
                total += future.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static BillingDocument invoice(int sequence) {
        List<InvoiceLineItem> lines = new ArrayList<>();
        BigDecimal net20 = BigDecimal.ZERO;
        BigDecimal net55 = BigDecimal.ZERO;
        for (int position = 1; position <= 8; position++) {
            BigDecimal quantity = BigDecimal.valueOf(position % 3 + 1);
            BigDecimal unit = new BigDecimal("19.90").multiply(BigDecimal.valueOf(position));
            BigDecimal vat = position % 4 == 0 ? new BigDecimal("5.5") : new BigDecimal("20");
            BigDecimal net = quantity.multiply(unit).setScale(2, RoundingMode.HALF_UP);
            if (vat.compareTo(BigDecimal.TEN) > 0) {
                net20 = net20.add(net);
            } else {
                net55 = net55.add(net);
            }
            lines.add(new InvoiceLineItem(position, "SKU-" + position, "Pièce détachée n° " + position
                    + " — révision été", quantity, unit, BigDecimal.ZERO, "standard", vat, net));
        }
        BigDecimal excl = net20.add(net55);
        BigDecimal tax20 = net20.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax55 = net55.multiply(new BigDecimal("0.055")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = tax20.add(tax55);
        String number = String.format("INV-2026-%06d", sequence + 1);
        return new BillingDocument(DocumentKind.INVOICE, number, "axle", "standard-fr-business", "fr", SELLER, BUYER,
                "order-" + sequence, "EUR", "EUR", BigDecimal.ONE, LocalDate.parse("2026-11-20"),
                Instant.parse("2026-11-20T09:30:00Z").plusSeconds(sequence), LocalDate.parse("2026-12-20"), lines,
                excl, BigDecimal.ZERO, BigDecimal.ZERO, excl, tax, excl.add(tax),
                List.of(new TaxAmount(new BigDecimal("20"), net20, tax20),
                        new TaxAmount(new BigDecimal("5.5"), net55, tax55)), tax, false, List.of(),
                Map.of("Bon de commande", "BC-" + sequence, "Centre de coût", "Atelier Zürich"), null, null, null);
    }
}
