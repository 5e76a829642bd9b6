package io.axle.billing.rates;

import io.axle.billing.ExchangeRates;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The exchange rates: the bundled ECB table, or the one at {@code axle.billing.exchange-rates.location}. The table is
 * read once at start-up, and a table that cannot be read stops the start, so that no invoice is ever issued with a
 * rate from a half-read file.
 */
@AutoConfiguration
@EnableConfigurationProperties(ExchangeRatesProperties.class)
public class ExchangeRatesAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExchangeRatesAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(ExchangeRates.class)
    ReferenceExchangeRates exchangeRates(ExchangeRatesProperties properties, ResourceLoader resources) {
        String location = properties.getLocation() == null || properties.getLocation().isBlank()
                ? ExchangeRatesProperties.BUNDLED : properties.getLocation().strip();
        ReferenceRateTable table = load(resources.getResource(location), location);
        log.info("Exchange rates from {} (source {}): newest publication day {}, {} days back to {}, {} currencies{}",
                location, properties.getSource(), table.newest(), table.size(), table.oldest(),
                table.currencies().size(), location.equals(ExchangeRatesProperties.BUNDLED)
                        ? " (the bundled table; set axle.billing.exchange-rates.location for newer rates)" : "");
        return new ReferenceExchangeRates(table, properties.getSource());
    }

    /** Reads the table at {@code location}: a CSV file, or a zip archive whose first {@code .csv} entry is read. */
    static ReferenceRateTable load(Resource resource, String location) {
        try (InputStream in = resource.getInputStream()) {
            if (location.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(in);
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                        return read(zip, location + "!" + entry.getName());
                    }
                }
                throw new MalformedRateTableException(location, 0, 0, null, "holds no .csv file");
            }
            return read(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the exchange rate table " + location
                    + " (axle.billing.exchange-rates.location): " + e.getMessage()
                    + "; fix the location or remove it to use the bundled table", e);
        }
    }

    private static ReferenceRateTable read(InputStream in, String origin) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return ReferenceRateTable.read(reader, origin);
    }
}
