package io.axle.command;

import io.axle.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The size limit of the file part of one upload endpoint: requests under {@code path} may send a {@code field} of at
 * most {@code maxSize} bytes, a {@code what} (document, firmware image). Each upload checks its own limit; the servlet
 * container's multipart limit is the largest of them ({@link UploadLimitsConfiguration}).
 */
public record UploadLimit(String path, String field, long maxSize, String what) {

    /** Whether a request to {@code requestPath} is an upload of this endpoint. */
    public boolean covers(String requestPath) {
        return requestPath != null && (requestPath.equals(path) || requestPath.startsWith(path + "/"));
    }

    /** The 413 problem of a file over the limit, naming the field and the rule {@code max-size}. */
    public ErrorResponseException tooLarge() {
        return new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE, Problems.refusal(HttpStatus.PAYLOAD_TOO_LARGE,
                field, "max-size", "The " + field + " is larger than the " + maxSize + " bytes a " + what
                        + " may have."), null);
    }
}
