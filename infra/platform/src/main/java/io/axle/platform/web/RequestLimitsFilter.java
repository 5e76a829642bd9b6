package io.axle.platform.web;

import java.io.IOException;
import java.util.Enumeration;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads the request, a header longer than the header limit (431 naming the header) and
 * a declared body longer than the body limit (413). Tomcat's own header limit is set well above ours, so that an
 * oversized header reaches this filter and gets a problem that names it instead of Tomcat's bare 400. A multipart
 * body (a file upload) is bounded by the multipart limits of the endpoint that takes it instead, and streamed to disk
 * as it is read, never held in memory.
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    public static final String MAX_HEADER_SIZE_RULE = "max-header-size";
    public static final String MAX_BODY_SIZE_RULE = "max-body-size";
    private static final int MAX_NAME_SHOWN = 100;

    private final long maxHeaderSize;
    private final long maxBodySize;
    private final ObjectMapper mapper;

    /** {@code maxHeaderSize}: name, ": " and value of one header; {@code maxBodySize}: bytes of a request body. */
    public RequestLimitsFilter(long maxHeaderSize, long maxBodySize, ObjectMapper mapper) {
        this.maxHeaderSize = maxHeaderSize;
        this.maxBodySize = maxBodySize;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                long size = name.length() + 2L + values.nextElement().length();
                if (size > maxHeaderSize) {
                    String shown = name.length() > MAX_NAME_SHOWN ? name.substring(0, MAX_NAME_SHOWN) : name;
                    Problems.write(response, Problems.refusal(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, shown,
                            MAX_HEADER_SIZE_RULE, "Header " + shown + " has " + size + " bytes; at most "
                                    + maxHeaderSize + " are accepted."), mapper);
                    return;
                }
            }
        }
        long length = request.getContentLengthLong();
        if (length > maxBodySize && !isMultipart(request)) {
            Problems.write(response, tooLarge(length + " bytes", maxBodySize), mapper);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the body is {@code multipart/form-data}, whose size the multipart configuration limits. */
    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The 413 problem for a body of {@code size} over {@code maxBodySize} bytes. */
    static org.springframework.http.ProblemDetail tooLarge(String size, long maxBodySize) {
        return Problems.refusal(HttpStatus.PAYLOAD_TOO_LARGE, "body", MAX_BODY_SIZE_RULE,
                "The request body has " + size + "; at most " + maxBodySize + " bytes are accepted.");
    }
}
