package io.axle.platform.ratelimit;

import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * One embedded Hazelcast member per process (cluster {@code axle}, loopback, no multicast; other members only when
 * {@code axle.hazelcast.members} lists them) and the rate limit built on it.
 */
@AutoConfiguration(before = org.springframework.boot.autoconfigure.hazelcast.HazelcastAutoConfiguration.class)
public class HazelcastAutoConfiguration {

    /** Order of the rate-limit filter: right after Spring Security (-100), so the caller is known. */
    public static final int RATE_LIMIT_FILTER_ORDER = -90;

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean
    HazelcastInstance hazelcastInstance(@Value("${axle.hazelcast.cluster-name:axle}") String clusterName,
                                        @Value("${axle.hazelcast.port:5701}") int port,
                                        @Value("${axle.hazelcast.interface:127.0.0.1}") String networkInterface,
                                        @Value("${axle.hazelcast.members:}") String members) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(networkInterface);
        config.setProperty("hazelcast.local.localAddress", networkInterface);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        String[] memberList = Arrays.stream(members.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        join.getTcpIpConfig().setEnabled(memberList.length > 0);
        Arrays.stream(memberList).forEach(join.getTcpIpConfig()::addMember);
        config.addMapConfig(new MapConfig(HazelcastRateLimiter.MAP).setBackupCount(0).setAsyncBackupCount(1)
                .setMaxIdleSeconds(300));
        return Hazelcast.newHazelcastInstance(config);
    }

    @Bean
    @ConditionalOnMissingBean
    RateLimiter axleRateLimiter(HazelcastInstance hazelcast,
                                @Value("${axle.rate-limit.requests-per-minute:1000}") long perMinute,
                                @Value("${axle.rate-limit.burst:2000}") long burst) {
        return new HazelcastRateLimiter(hazelcast, new TokenBucket(burst, perMinute));
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(name = "axle.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<RateLimitFilter> axleRateLimitFilter(RateLimiter limiter, ObjectMapper objectMapper,
                                                                @Value("${axle.rate-limit.requests-per-minute:1000}") long perMinute) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(limiter, objectMapper, perMinute));
        registration.setOrder(RATE_LIMIT_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
