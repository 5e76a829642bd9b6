package io.axle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.json.FreeText;
import io.axle.platform.json.StrictJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

/** Request bodies read with {@link StrictJson}: what is refused, and the problem that names the field and rule. */
class StrictJsonProblemsTest {

    record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    record Order(String customerId, List<Line> lines, @FreeText String note, Map<String, String> customFields,
                 Boolean urgent, Double temperature) {
    }

    private static final ObjectMapper MAPPER = StrictJson.apply(Jackson2ObjectMapperBuilder.json().build());

    private static Order read(String json) throws Exception {
        MappingJackson2HttpMessageConverter converter = new MappingJackson2HttpMessageConverter(MAPPER);
        HttpInputMessage input = new MockHttpInputMessage(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        input.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return (Order) converter.read(Order.class, input);
    }

    private static ProblemDetail refusal(String json) throws Exception {
        try {
            read(json);
        } catch (HttpMessageNotReadableException refused) {
            ProblemDetail problem = ProblemAdvice.unreadable(refused);
            assertThat(problem.getStatus()).isEqualTo(400);
            return problem;
        }
        return fail("accepted " + json);
    }

    @Test
    void aValidBodyIsRead() throws Exception {
        Order order = read("{\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"PAD\",\"quantity\":2,\"unitPrice\":19.99}],"
                + "\"note\":\"line one\\nline\\ttwo\",\"customFields\":{\"po\":\"A-1\"},\"urgent\":true,"
                + "\"temperature\":21.5}");

        assertThat(order.lines()).containsExactly(new Line("PAD", 2, new BigDecimal("19.99")));
        assertThat(order.note()).isEqualTo("line one\nline\ttwo");
    }

    @Nested
    class Numbers {

        @Test
        void aHugeExponentIsRefusedNamingTheField() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":1,\"unitPrice\":1e1000000}]}");

            assertThat(problem.getProperties()).containsEntry("field", "lines[0].unitPrice")
                    .containsEntry("rule", "number-range");
        }

        @Test
        void aHugeExponentIsRefusedQuickly() throws Exception {
            long started = System.nanoTime();
            refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":1,\"unitPrice\":1e5000000}]}");

            assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        }

        @Test
        void tooManyDecimalsAreRefused() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":1,\"unitPrice\":1e-40}]}");

            assertThat(problem.getProperties()).containsEntry("rule", "number-range");
        }

        @Test
        void aVeryLongNumberLiteralIsRefusedByTheReader() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":1,\"unitPrice\":"
                    + "1".repeat(5_000) + "}]}");

            assertThat(problem.getProperties()).containsEntry("rule", "json-limit");
        }

        @Test
        void aFractionIsNotAWholeNumber() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":1.5,\"unitPrice\":1}]}");

            assertThat(problem.getProperties()).containsEntry("field", "lines[0].quantity");
        }

        @Test
        void aNumberBeyondTheTypeIsRefusedNamingTheField() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":99999999999,\"unitPrice\":1}]}");

            assertThat(problem.getProperties()).containsEntry("field", "lines[0].quantity")
                    .containsEntry("rule", "number-range");
        }

        @Test
        void anInfiniteFloatingPointValueIsRefused() throws Exception {
            ProblemDetail problem = refusal("{\"temperature\":1e400}");

            assertThat(problem.getProperties()).containsEntry("field", "temperature").containsEntry("rule", "number-range");
        }
    }

    @Nested
    class Coercion {

        @Test
        void aStringIsNotANumber() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":\"2\",\"unitPrice\":1}]}");

            assertThat(problem.getProperties()).containsEntry("field", "lines[0].quantity");
        }

        @Test
        void aStringIsNotADecimal() throws Exception {
            assertThat(refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":2,\"unitPrice\":\"1.5\"}]}").getProperties())
                    .containsEntry("field", "lines[0].unitPrice");
        }

        @Test
        void aNumberIsNotAText() throws Exception {
            assertThat(refusal("{\"customerId\":7}").getProperties()).containsEntry("field", "customerId");
        }

        @Test
        void aStringIsNotABoolean() throws Exception {
            assertThat(refusal("{\"urgent\":\"true\"}").getProperties()).containsEntry("field", "urgent");
        }

        @Test
        void nullIsNotAWholeNumber() throws Exception {
            assertThat(refusal("{\"lines\":[{\"sku\":\"PAD\",\"quantity\":null,\"unitPrice\":1}]}").getProperties())
                    .containsEntry("field", "lines[0].quantity");
        }
    }

    @Nested
    class Structure {

        @Test
        void trailingContentIsRefused() throws Exception {
            assertThat(refusal("{\"customerId\":\"c-1\"} {\"customerId\":\"c-2\"}").getProperties())
                    .containsEntry("rule", "single-value");
        }

        @Test
        void trailingGarbageIsRefused() throws Exception {
            assertThat(refusal("{\"customerId\":\"c-1\"}xyz").getProperties().get("rule"))
                    .isIn("single-value", "malformed-json");
        }

        @Test
        void aDuplicateKeyIsRefusedNamingIt() throws Exception {
            ProblemDetail problem = refusal("{\"customerId\":\"c-1\",\"customerId\":\"c-2\"}");

            assertThat(problem.getProperties()).containsEntry("field", "customerId")
                    .containsEntry("rule", "duplicate-field");
        }

        @Test
        void deepNestingIsRefused() throws Exception {
            assertThat(refusal("{\"customFields\":" + "[".repeat(200) + "]".repeat(200) + "}").getProperties())
                    .containsKey("rule");
        }
    }

    @Nested
    class ControlCharacters {

        @Test
        void aNulInATextFieldIsRefusedNamingTheField() throws Exception {
            ProblemDetail problem = refusal("{\"lines\":[{\"sku\":\"PA\\u0000D\",\"quantity\":1,\"unitPrice\":1}]}");

            assertThat(problem.getProperties()).containsEntry("field", "lines[0].sku")
                    .containsEntry("rule", "no-control-characters");
            assertThat(problem.getDetail()).contains("U+0000");
        }

        @Test
        void aNewlineIsRefusedOutsideFreeText() throws Exception {
            assertThat(refusal("{\"customerId\":\"c-1\\nFORGED LOG LINE\"}").getProperties())
                    .containsEntry("field", "customerId").containsEntry("rule", "no-control-characters");
        }

        @Test
        void otherControlCharactersAreRefusedInFreeText() throws Exception {
            assertThat(refusal("{\"note\":\"bell\\u0007\"}").getProperties())
                    .containsEntry("field", "note").containsEntry("rule", "no-control-characters");
        }

        @Test
        void mapValuesAndKeysAreChecked() throws Exception {
            assertThat(refusal("{\"customFields\":{\"po\":\"A\\u001b[31m\"}}").getProperties())
                    .containsEntry("rule", "no-control-characters");
            assertThat(refusal("{\"customFields\":{\"p\\u0000o\":\"A\"}}").getProperties())
                    .containsEntry("rule", "no-control-characters");
        }

        @Test
        void deleteIsAControlCharacterToo() throws Exception {
            assertThat(refusal("{\"customerId\":\"c\\u007f\"}").getProperties())
                    .containsEntry("rule", "no-control-characters");
        }
    }
}
