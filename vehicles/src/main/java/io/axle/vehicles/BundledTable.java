package io.axle.vehicles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the tab-separated tables this module bundles as class-path resources: one row a line, the first column the
 * key, {@code #} lines are comments; a name ending in {@code .gz} is read through gzip. A missing table is a packaging
 * error, so it fails loudly.
 */
public final class BundledTable {

    private BundledTable() {
    }

    /** The rows of {@code resource} (an absolute class-path name) by their first column; later rows win. */
    public static Map<String, List<String>> read(String resource) {
        InputStream in = BundledTable.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing bundled table " + resource);
        }
        Map<String, List<String>> rows = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                resource.endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> columns = List.of(line.split("\t", -1));
                rows.put(columns.get(0), columns.subList(1, columns.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled table " + resource, e);
        }
        return Map.copyOf(rows);
    }
}
