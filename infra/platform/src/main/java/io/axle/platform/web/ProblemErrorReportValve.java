package io.axle.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report, as a problem: answers the refusals Tomcat makes before any filter runs (a malformed request
 * line, an invalid or undecodable URL such as {@code ..%2F} or {@code %00}, headers over Tomcat's limit, an unknown
 * HTTP version) with {@code application/problem+json} instead of an HTML page. Errors that reach the application's
 * error page are answered there ({@link ProblemErrorController}); this valve only writes when nothing else did.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final ObjectMapper mapper;

    public ProblemErrorReportValve() {
        this(new ObjectMapper());
    }

    public ProblemErrorReportValve(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Throwable cause = throwable != null ? throwable
                : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem = problemFor(status, cause == null ? null : cause.getMessage(), response.getMessage());
        String correlationId = RequestMetadataFilter.describe(request).correlationId();
        problem.setProperty("correlationId", correlationId);
        try {
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader(RequestMetadataFilter.CORRELATION_HEADER, correlationId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(mapper.writeValueAsString(Problems.toMap(problem)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone, or the response cannot be written any more: nothing to report to
        }
    }

    /** The problem for a refusal with {@code status}, classified by the messages Tomcat gave it. */
    static ProblemDetail problemFor(int status, String exceptionMessage, String responseMessage) {
        String text = ((exceptionMessage == null ? "" : exceptionMessage) + " "
                + (responseMessage == null ? "" : responseMessage)).toLowerCase(Locale.ROOT);
        if (text.contains("header") && text.contains("too large")) {
            return Problems.refusal(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, null,
                    RequestLimitsFilter.MAX_HEADER_SIZE_RULE, "The request headers are too large.");
        }
        if (status == HttpStatus.BAD_REQUEST.value()) {
            if (text.contains("header")) {
                return Problems.refusal(HttpStatus.BAD_REQUEST, null, "rejected-header",
                        "A request header is malformed.");
            }
            if (text.contains("method")) {
                return Problems.refusal(HttpStatus.BAD_REQUEST, null, "rejected-request",
                        "The request line is malformed.");
            }
            return Problems.refusal(HttpStatus.BAD_REQUEST, "url", "rejected-url",
                    "The request URL was rejected: it is malformed or holds characters or sequences that are not "
                            + "allowed (such as '..' with encoded '/', '%00' or unencoded '{').");
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        return Problems.refusal(code, null, ProblemErrorController.rule(code),
                "The request was refused: " + (known != null ? known.getReasonPhrase() : "status " + status) + ".");
    }
}
