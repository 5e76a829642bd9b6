package io.axle.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The limiter on a real embedded Hazelcast member, and the 429 it leads to. */
class RateLimitTest {

    private static HazelcastInstance hazelcast;

    @BeforeAll
    static void startMember() {
        Config config = new Config();
        config.setClusterName("axle-test-" + System.nanoTime());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().setPortAutoIncrement(true);
        hazelcast = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stopMember() {
        hazelcast.shutdown();
    }

    @Test
    void eachClientHasItsOwnAllowance() {
        RateLimiter limiter = new HazelcastRateLimiter(hazelcast, new TokenBucket(3, 60));

        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        RateLimiter.Decision fourth = limiter.tryAcquire("a");
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterMillis()).isPositive();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void filterAnswers429ProblemWithRetryAfterWhenTheAllowanceIsUsedUp() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(
                new HazelcastRateLimiter(hazelcast, new TokenBucket(1, 1)), new ObjectMapper(), 1);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders");
        request.setRemoteAddr("10.0.0.7");

        MockHttpServletResponse first = new MockHttpServletResponse();
        filter.doFilter(request, first, new MockFilterChain());
        MockHttpServletResponse second = new MockHttpServletResponse();
        filter.doFilter(request, second, new MockFilterChain());

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(second.getStatus()).isEqualTo(429);
        assertThat(second.getHeader("Retry-After")).isEqualTo("60");
        assertThat(second.getContentType()).startsWith("application/problem+json");
        assertThat(second.getContentAsString()).contains("\"rule\":\"rate-limit\"");
    }
}
