package io.axle.billing.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axle.billing.ExchangeRate;
import io.axle.billing.ExchangeRates;
import io.axle.billing.UnknownExchangeRateException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The bundled table by default, a replacement file from the configured location, and start-up refused on a bad one. */
@ExtendWith(OutputCaptureExtension.class)
class ExchangeRatesAutoConfigurationTest {

    private static final String REPLACEMENT = """
            # rates of our bank
            Date,USD,GBP,
            2026-03-02,1.2000,0.9000,
            2026-02-27,1.1000,0.8000,
            """;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ExchangeRatesAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void usesTheBundledTableAndSaysSoInOneLine(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ExchangeRates.class);
            ExchangeRate rate = context.getBean(ExchangeRates.class).rate("EUR", "USD", LocalDate.parse("2026-03-02"));
            assertThat(rate.date()).isEqualTo("2025-05-09");
            assertThat(rate.rate()).isEqualByComparingTo("1.1252");
        });
        assertThat(output.getOut().lines().filter(line -> line.contains("Exchange rates from")))
                .singleElement().asString()
                .contains("INFO", "classpath:rates/ecb-reference-rates.csv", "newest publication day 2025-05-09");
    }

    @Test
    void aConfiguredFileReplacesTheBundledTable(CapturedOutput output) throws IOException {
        Path file = Files.writeString(dir.resolve("rates.csv"), REPLACEMENT);

        runner.withPropertyValues("axle.billing.exchange-rates.location=" + file.toUri(),
                        "axle.billing.exchange-rates.source=Our bank")
                .run(context -> {
                    ExchangeRates rates = context.getBean(ExchangeRates.class);
                    ExchangeRate rate = rates.rate("EUR", "USD", LocalDate.parse("2026-03-01"));
                    assertThat(rate.rate()).isEqualByComparingTo("1.1000");
                    assertThat(rate.date()).isEqualTo("2026-02-27");
                    assertThat(rate.source()).isEqualTo("Our bank");
                    assertThat(rates.rate("GBP", "USD", LocalDate.parse("2026-03-02")).rate())
                            .isEqualByComparingTo("1.33333");
                });
        assertThat(output.getOut()).contains("Exchange rates from " + file.toUri(), "newest publication day 2026-03-02");
    }

    @Test
    void theReplacementIsTheWholeTable() throws IOException {
        Path file = Files.writeString(dir.resolve("rates.csv"), REPLACEMENT);

        runner.withPropertyValues("axle.billing.exchange-rates.location=file:" + file)
                .run(context -> {
                    ExchangeRates rates = context.getBean(ExchangeRates.class);
                    assertThatThrownBy(() -> rates.rate("EUR", "CHF", LocalDate.parse("2026-03-02")))
                            .isInstanceOf(UnknownExchangeRateException.class);
                    assertThatThrownBy(() -> rates.rate("EUR", "USD", LocalDate.parse("2025-05-09")))
                            .isInstanceOf(UnknownExchangeRateException.class);
                });
    }

    @Test
    void aZippedTableIsRead() throws IOException {
        Path zip = dir.resolve("eurofxref-hist.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
            archive.putNextEntry(new ZipEntry("eurofxref-hist.csv"));
            archive.write(REPLACEMENT.getBytes(StandardCharsets.UTF_8));
            archive.closeEntry();
        }

        runner.withPropertyValues("axle.billing.exchange-rates.location=" + zip.toUri())
                .run(context -> assertThat(context.getBean(ExchangeRates.class)
                        .rate("USD", "EUR", LocalDate.parse("2026-03-02")).rate()).isEqualByComparingTo("0.833333"));
    }

    @Test
    void aMalformedFileStopsTheStartNamingLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("rates.csv"), REPLACEMENT.replace("0.8000", "0,8000"));

        runner.withPropertyValues("axle.billing.exchange-rates.location=" + file.toUri())
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause()
                        .isInstanceOf(MalformedRateTableException.class)
                        .hasMessageContaining("rates.csv, line 4, column 4: expected 3 columns as in the header, found 5"));
        Files.writeString(file, REPLACEMENT.replace("0.8000", "O.8000"));
        runner.withPropertyValues("axle.billing.exchange-rates.location=" + file.toUri())
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause()
                        .hasMessageContaining("rates.csv, line 4, column 3 (GBP): 'O.8000' is not a number"));
    }

    @Test
    void aMissingFileStopsTheStartNamingTheLocation() {
        runner.withPropertyValues("axle.billing.exchange-rates.location=file:" + dir.resolve("nowhere.csv"))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("Cannot read the exchange rate table file:" + dir.resolve("nowhere.csv"))
                        .hasStackTraceContaining("axle.billing.exchange-rates.location"));
    }
}
