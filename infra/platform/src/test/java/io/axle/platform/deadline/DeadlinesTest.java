package io.axle.platform.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;

import io.axle.platform.testapp.PlatformTestApplication;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Deadlines of the platform on a real Axon configuration and H2 database. */
class DeadlinesTest {

    static void dataDir(DynamicPropertyRegistry registry, String prefix) throws Exception {
        String dir = Files.createTempDirectory(prefix).toString();
        registry.add("axle.data-dir", () -> dir);
    }

    /** Durable deadlines whose owner no process hosts. */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {"axle.security.admin-password=test-admin-pw", "axle.hazelcast.port=5821",
                    "axle.kafka.embedded.port=0", "axle.deadlines.overdue-after=1s",
                    "axle.deadlines.watch-interval=1s", "axle.deadlines.polling-interval=100ms"})
    class Durable {

        @DynamicPropertySource
        static void data(DynamicPropertyRegistry registry) throws Exception {
            dataDir(registry, "axle-deadlines");
        }

        @Autowired
        DeadlineManager deadlines;
        @Autowired
        JdbcTemplate jdbc;

        @Test
        void aDeadlineNobodyHandlesIsReportedAtErrorAndKept(CapturedOutput output) {
            String id = deadlines.schedule(Duration.ZERO, "unhandled",
                    null, new SagaScopeDescriptor("NoSuchSaga", "saga-1"));

            await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains(
                    "deadline(s) of saga NoSuchSaga are overdue"));
            assertThat(output.getOut()).containsPattern("ERROR .*deadline\\(s\\) of saga NoSuchSaga are overdue");
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?",
                    Long.class, id)).isEqualTo(1);
        }

        @Test
        void aCancelledDeadlineIsGone() {
            SagaScopeDescriptor scope = new SagaScopeDescriptor("NoSuchSaga", "saga-2");
            String id = deadlines.schedule(Duration.ofHours(1), "later", null, scope);
            assertThat(jdbc.queryForObject("select task_name from scheduled_tasks where task_instance = ?",
                    String.class, id)).isEqualTo("axle-deadline:saga:NoSuchSaga");

            deadlines.cancelAllWithinScope("later", scope);

            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?",
                    Long.class, id)).isZero();
        }
    }

    /** {@code axle.deadlines.durable=false}: the application starts with Axon's in-memory deadlines and says so. */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {"axle.security.admin-password=test-admin-pw", "axle.hazelcast.port=5822",
                    "axle.kafka.embedded.port=0", "axle.deadlines.durable=false"})
    class NotDurable {

        @DynamicPropertySource
        static void data(DynamicPropertyRegistry registry) throws Exception {
            dataDir(registry, "axle-deadlines-memory");
        }

        @Autowired
        DeadlineManager deadlines;

        @Test
        void startsWithInMemoryDeadlinesAndAWarning(CapturedOutput output) {
            assertThat(deadlines).isInstanceOf(SimpleDeadlineManager.class);
            assertThat(output.getAll()).contains("Deadlines are not durable");
        }
    }
}
