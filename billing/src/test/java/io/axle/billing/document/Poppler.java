package io.axle.billing.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The poppler-utils tools a person's PDF reader is built on ({@code pdftotext}, {@code pdffonts}, {@code pdfsig}),
 * run on real files. They are installed by {@code scripts/setup-system.sh}; a missing tool fails the test.
 */
public final class Poppler {

    private Poppler() {
    }

    /** The text of {@code pdf} laid out as on the page, with no-break spaces turned into plain spaces. */
    public static String text(byte[] pdf) {
        return run(pdf, "pdftotext", "-layout", "-enc", "UTF-8", "{}", "-").replace('\u00a0', ' ')
                .replace('\u202f', ' ');
    }

    public static String fonts(byte[] pdf) {
        return run(pdf, "pdffonts", "{}");
    }

    public static String signatures(byte[] pdf) {
        return run(pdf, "pdfsig", "{}");
    }

    private static String run(byte[] pdf, String... command) {
        Path file = null;
        try {
            file = Files.createTempFile("axle-invoice", ".pdf");
            Files.write(file, pdf);
            List<String> line = new ArrayList<>();
            for (String part : command) {
                line.add(part.equals("{}") ? file.toString() : part);
            }
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " did not finish within 60 s");
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " cannot be run (" + e.getMessage()
                    + "); install poppler-utils with scripts/setup-system.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
