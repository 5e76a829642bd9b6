package io.axle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The body limit: a JSON body declared over it is refused; a multipart upload is left to its endpoint's limit. */
class RequestLimitsFilterTest {

    private static final int MAX_BODY = 1024;

    private final RequestLimitsFilter filter = new RequestLimitsFilter(8192, MAX_BODY, new ObjectMapper());
    private final AtomicInteger passed = new AtomicInteger();

    private MockHttpServletResponse post(String contentType, int length) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/documents");
        request.setContentType(contentType);
        request.setContent(new byte[length]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> passed.incrementAndGet());
        return response;
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413() throws Exception {
        MockHttpServletResponse response = post("application/json", MAX_BODY + 1);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("\"rule\":\"max-body-size\"");
        assertThat(passed).hasValue(0);
    }

    @Test
    void aMultipartUploadOverTheLimitPassesToItsEndpoint() throws Exception {
        MockHttpServletResponse response = post("Multipart/Form-Data; boundary=b", MAX_BODY * 10);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(1);
    }
}
