package io.axle.billing.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes mails as {@code <number>.eml} files (RFC 822, readable by any mail client) into a folder, for a setup without
 * an SMTP server. Each file is written under a temporary name and then renamed, so that whoever picks files up never
 * sees half a mail; a second delivery of the same document replaces its file.
 */
final class OutboxDelivery implements MailDelivery {

    private final Path directory;

    OutboxDelivery(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String channel() {
        return "outbox";
    }

    @Override
    public void deliver(MimeMessage message, String number) {
        String name = number.replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = directory.resolve(name + ".eml");
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + name + "-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                message.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | MessagingException e) {
            throw new UncheckedIOException("Cannot write " + target + " (axle.billing.mail.outbox-dir): "
                    + e.getMessage() + "; check that the folder exists or can be created and is writable",
                    e instanceof IOException io ? io : new IOException(e));
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the rename happened or the write failed; a leftover hidden .tmp file is harmless
        }
    }

    Path directory() {
        return directory;
    }
}
