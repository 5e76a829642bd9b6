package io.axle.platform.deadletter;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform booted with a real Axon configuration on H2 (its data in a fresh temporary folder) and the one
 * dead-lettering handler of {@link DeadLetterTestApplication}; the test classes extending it share one booted context.
 */
@AutoConfigureObservability
@SpringBootTest(classes = DeadLetterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axle.security.admin-password=test-admin-pw", "axle.hazelcast.port=5811",
                "axle.kafka.embedded.port=0", "axle.dead-letters.excluded-processing-groups=",
                "axle.dead-letters.retry-interval=1s"})
abstract class PlatformWithAxonTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("axle-platform-axon");
        registry.add("axle.data-dir", dir::toString);
    }
}
