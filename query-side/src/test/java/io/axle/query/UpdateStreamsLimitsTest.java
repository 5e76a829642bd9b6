package io.axle.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.axle.platform.web.RateLimitExceededException;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Live streams are bounded per caller and end when the token that opened them expires. */
class UpdateStreamsLimitsTest {

    private final QueryGateway gateway = mock(QueryGateway.class);
    private final AtomicInteger cancelled = new AtomicInteger();
    private final UpdateStreams streams = new UpdateStreams(gateway, Duration.ofHours(1), 3);

    @SuppressWarnings({"unchecked", "rawtypes"})
    UpdateStreamsLimitsTest() {
        when(gateway.subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class))).thenAnswer(
                invocation -> new DefaultSubscriptionQueryResult(Mono.just(List.of()), Flux.never(), () -> {
                    cancelled.incrementAndGet();
                    return true;
                }));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        streams.destroy();
    }

    @Test
    void oneStreamMoreThanTheLimitIsRefusedForThatCallerOnly() {
        signIn(new TestingAuthenticationToken("alice", "n/a", "ROLE_ANALYST"));
        for (int i = 0; i < 3; i++) {
            open();
        }

        assertThatThrownBy(this::open).isInstanceOf(RateLimitExceededException.class)
                .hasMessageContaining("At most 3 live update streams");

        signIn(new TestingAuthenticationToken("bob", "n/a", "ROLE_ANALYST"));
        assertThat(open()).isNotNull();
        assertThat(streams.openStreamsOf("alice")).isEqualTo(3);
        assertThat(streams.openStreamsOf("bob")).isEqualTo(1);
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        Instant now = Instant.now();
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "HS256").subject("carol").issuedAt(now.minusSeconds(60))
                .expiresAt(now.plusMillis(300)).build();
        signIn(new JwtAuthenticationToken(jwt));

        open();
        assertThat(streams.openStreamsOf("carol")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> streams.openStreamsOf("carol") == 0);
        assertThat(cancelled.get()).as("its subscription is cancelled").isEqualTo(1);
    }

    private Object open() {
        return streams.stream("thing", "query", ResponseTypes.multipleInstancesOf(String.class),
                ResponseTypes.instanceOf(String.class), UpdateStreams::oldestFirst);
    }

    private static void signIn(org.springframework.security.core.Authentication caller) {
        SecurityContextHolder.getContext().setAuthentication(caller);
    }
}
