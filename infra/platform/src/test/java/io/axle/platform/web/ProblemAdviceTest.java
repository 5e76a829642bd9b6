package io.axle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.common.Refusal;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.ServletWebRequest;

class ProblemAdviceTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    record Body(@NotBlank String name, @PositiveOrZero BigDecimal creditLimit) {
    }

    @SuppressWarnings("unused")
    void handler(Body body) {
    }

    private static ProblemDetail problem(ResponseEntity<Object> response) {
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return (ProblemDetail) response.getBody();
    }

    @Test
    void refusalCarriedByCommandExecutionExceptionBecomesItsStatusFieldAndRule() {
        Refusal refusal = new Refusal(409, "status", "order-already-shipped", "Order o-1 is already shipped");
        ProblemDetail problem = problem(advice.handleAny(
                new CommandExecutionException("refused", null, refusal)));

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("Order o-1 is already shipped");
        assertThat(problem.getProperties()).containsEntry("field", "status").containsEntry("rule", "order-already-shipped");
    }

    @Test
    void refusalArrivingAsAMapAfterRemoteTransportIsUnderstood() {
        Map<String, Object> details = Map.of("status", 422, "field", "quantity", "rule", "below-reserved", "detail", "no");
        ProblemDetail problem = problem(advice.handleAny(
                new CompletionException(new CommandExecutionException("refused", null, details))));

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getProperties()).containsEntry("rule", "below-reserved");
    }

    @Test
    void notFoundExceptionIs404NamingTheResource() {
        ProblemDetail problem = problem(advice.handleAny(new NotFoundException("Order", "o-9")));

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getProperties()).containsEntry("resource", "Order").containsEntry("id", "o-9");
    }

    @Test
    void axonFailuresWithoutRefusalMapToTheirMeaning() {
        assertThat(problem(advice.handleAny(new AggregateNotFoundException("o-1", "missing"))).getStatus()).isEqualTo(404);
        assertThat(problem(advice.handleAny(new ConcurrencyException("conflict"))).getStatus()).isEqualTo(409);
    }

    @Test
    void unexpectedFailureIs500WithCorrelationIdAndNoInternals() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(RequestMetadataFilter.ATTRIBUTE, new RequestMetadataFilter.RequestInfo("corr-42", "test"));
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request));
        try {
            ProblemDetail problem = problem(advice.handleAny(new IllegalStateException("secret internals")));

            assertThat(problem.getStatus()).isEqualTo(500);
            assertThat(problem.getProperties()).containsEntry("correlationId", "corr-42");
            assertThat(problem.getDetail()).contains("corr-42").doesNotContain("secret internals");
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void beanValidationErrorsNameFirstFieldRuleAndListAll() throws Exception {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Body("", BigDecimal.ONE.negate()), "body");
        result.addError(new FieldError("body", "name", "", false, new String[] {"NotBlank.body.name", "NotBlank"},
                null, "must not be blank"));
        result.addError(new FieldError("body", "creditLimit", -1, false,
                new String[] {"PositiveOrZero.body.creditLimit", "PositiveOrZero"}, null, "must be >= 0"));
        Method method = getClass().getDeclaredMethod("handler", Body.class);
        MethodArgumentNotValidException exception =
                new MethodArgumentNotValidException(new MethodParameter(method, 0), result);
        result.getFieldErrors().forEach(e -> { });

        ResponseEntity<Object> response = advice.handleMethodArgumentNotValid(exception, new HttpHeaders(),
                HttpStatus.BAD_REQUEST, new ServletWebRequest(new MockHttpServletRequest()));
        ProblemDetail problem = problem(response);

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("field", "creditLimit").containsEntry("rule", "positive-or-zero");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.getProperties().get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("creditLimit", "name");
        assertThat(errors).extracting(e -> e.get("rule")).containsExactly("positive-or-zero", "not-blank");
    }

    @Test
    void unreadableBodyNamesTheFieldThatCouldNotBeRead() throws Exception {
        HttpMessageNotReadableException exception = readFailure("{\"name\":\"a\",\"creditLimit\":\"abc\"}");

        ProblemDetail problem = ProblemAdvice.unreadable(exception);

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("field", "creditLimit").containsEntry("rule", "invalid-format");
    }

    @Test
    void malformedJsonIsMalformedJson() throws Exception {
        ProblemDetail problem = ProblemAdvice.unreadable(readFailure("{\"name\": "));

        assertThat(problem.getProperties()).containsEntry("rule", "malformed-json");
    }

    private static HttpMessageNotReadableException readFailure(String json) throws Exception {
        MappingJackson2HttpMessageConverter converter = new MappingJackson2HttpMessageConverter(new ObjectMapper());
        HttpInputMessage input = new MockHttpInputMessage(json.getBytes());
        input.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        try {
            converter.read(Body.class, input);
        } catch (HttpMessageNotReadableException expected) {
            return expected;
        }
        throw new AssertionError("expected a read failure for " + json);
    }

    @Test
    void constraintNamesBecomeKebabCaseRules() {
        assertThat(ProblemAdvice.rule("NotBlank")).isEqualTo("not-blank");
        assertThat(ProblemAdvice.rule("Size")).isEqualTo("size");
        assertThat(ProblemAdvice.rule(null)).isEqualTo("invalid");
    }
}
