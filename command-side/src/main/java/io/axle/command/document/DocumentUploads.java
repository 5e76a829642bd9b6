package io.axle.command.document;

import io.axle.api.document.DocumentUploadResult;
import io.axle.api.document.UploadDocumentCommand;
import io.axle.command.HotAggregateCommands;
import io.axle.command.UploadLimit;
import io.axle.command.UploadedFiles;
import io.axle.documents.detect.TypeDetector;
import io.axle.platform.web.Problems;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartFile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Takes an uploaded file in named steps: refuse what is not a document (empty, too large, another type, each a
 * problem naming {@code file} and the rule), hash it as a stream, store the original unless its bytes are stored,
 * then let the {@link DocumentContentRegister} of those bytes create the document or name the one that has them.
 * The file is read from the multipart's spool on disk, a chunk at a time, never whole into memory.
 */
class DocumentUploads {

    /** How often an upload that lost the race for its bytes' register is sent again. */
    private static final int ATTEMPTS = 50;
    /** Longest file name kept, as most file systems allow. */
    static final int MAX_FILE_NAME = UploadedFiles.MAX_FILE_NAME;

    private final CommandGateway commandGateway;
    private final OriginalStore originals;
    private final TypeDetector detector;
    private final long maxSize;

    DocumentUploads(CommandGateway commandGateway, OriginalStore originals, TypeDetector detector,
                    long maxSize) {
        this.commandGateway = commandGateway;
        this.originals = originals;
        this.detector = detector;
        this.maxSize = maxSize;
    }

    /** Uploads {@code file} for {@code uploadedBy}; answers the new document, or the one that has these bytes. */
    DocumentUploadResult upload(MultipartFile file, String title, List<String> tags, String uploadedBy)
            throws IOException {
        if (file == null) {
            throw refused(HttpStatus.BAD_REQUEST, "required", "A document upload needs a part named file.");
        }
        if (file.isEmpty()) {
            throw refused(HttpStatus.BAD_REQUEST, "not-empty", "The file is empty; a document has at least one byte.");
        }
        if (file.getSize() > maxSize) {
            throw tooLarge(maxSize);
        }
        String mediaType = recognise(file);
        String sha256 = sha256(file);
        String copy = originals.contains(sha256) ? null : store(file, sha256, mediaType);
        UploadDocumentCommand command = new UploadDocumentCommand(UUID.randomUUID().toString(), sha256, title,
                fileName(file.getOriginalFilename()), mediaType, file.getSize(), tags, uploadedBy);
        DocumentUploadResult result = HotAggregateCommands.send(commandGateway, command, ATTEMPTS);
        if (copy != null) {
            originals.discard(sha256, copy);
        }
        return result;
    }

    /** The name a client gave its file, as a name only ({@link UploadedFiles#name}). */
    static String fileName(String given) {
        return UploadedFiles.name(given);
    }

    /** The limit of an upload of at most {@code maxSize} bytes. */
    static UploadLimit limit(long maxSize) {
        return new UploadLimit("/api/v1/documents", "file", maxSize, "document");
    }

    /** The 413 problem of a file over {@code maxSize} bytes. */
    static ErrorResponseException tooLarge(long maxSize) {
        return limit(maxSize).tooLarge();
    }

    private String recognise(MultipartFile file) throws IOException {
        String mediaType;
        try (InputStream bytes = new BufferedInputStream(file.getInputStream())) {
            mediaType = detector.detect(bytes).mediaType();
        }
        if (!DocumentContentRegister.MEDIA_TYPES.contains(mediaType)) {
            throw refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type", "The file's bytes are " + mediaType
                    + "; a document is a PDF, JPEG, PNG or TIFF file, recognised from its bytes, not its name.");
        }
        return mediaType;
    }

    private String store(MultipartFile file, String sha256, String mediaType) throws IOException {
        try (InputStream bytes = file.getInputStream()) {
            return originals.store(sha256, mediaType, bytes);
        }
    }

    /** The SHA-256 of the file's bytes in lower-case hex, read as a stream. */
    static String sha256(MultipartFile file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream bytes = new DigestInputStream(file.getInputStream(), digest)) {
            bytes.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ErrorResponseException refused(HttpStatus status, String rule, String detail) {
        return new ErrorResponseException(status, Problems.refusal(status, "file", rule, detail), null);
    }
}
