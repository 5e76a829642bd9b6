package io.axle.query;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.platform.web.ProblemAdvice;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the read API's controller tests share: the standalone MockMvc, a subscription answered, a caller signed in. */
public final class WebTests {

    private WebTests() {
    }

    /** A standalone MockMvc of {@code controllers} answering problems as the application does, dates as ISO text. */
    public static MockMvc mockMvc(Object... controllers) {
        return MockMvcBuilders.standaloneSetup(controllers)
                .setControllerAdvice(new ProblemAdvice())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    /**
     * Has {@code queryGateway} answer the subscription query {@code query} with {@code initial} then {@code updates};
     * the flag answered turns true once the subscription is cancelled (the stream ended or was refused).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static AtomicBoolean answerSubscription(QueryGateway queryGateway, Object query, Mono<?> initial,
            Flux<?> updates) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Registration registration = () -> {
            cancelled.set(true);
            return true;
        };
        when(queryGateway.subscriptionQuery(eq(query), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn(new DefaultSubscriptionQueryResult(initial, updates, registration));
        return cancelled;
    }

    /** Signs in someone holding {@code role} for method security. */
    public static void signIn(String role) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("someone", "n/a", "ROLE_" + role));
    }
}
