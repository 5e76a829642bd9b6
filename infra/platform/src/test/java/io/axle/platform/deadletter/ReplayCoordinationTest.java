package io.axle.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import io.axle.platform.messaging.ReplayCoordination;
import io.axle.platform.messaging.ReplayCoordination.State;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * This node obeys a replay asked on another node, through the shared request table on a real H2 database: while the
 * request waits for the nodes to let go, the processor is stopped here (its claims given back); once the request is
 * reset, failed or stale, it runs again. A second request while one is releasing is refused.
 */
class ReplayCoordinationTest extends PlatformWithAxonTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EntityManagerProvider entityManagers;
    @Autowired
    TransactionManager transactionManager;

    /** The requests as another node writes them: same table, a coordination of its own. */
    private ReplayCoordination otherNode() {
        return new ReplayCoordination(entityManagers, transactionManager, Duration.ofMinutes(1), Clock.systemUTC());
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(DeadLetterTestApplication.GROUP, StreamingEventProcessor.class).orElseThrow();
    }

    @AfterEach
    void noRequestLeftAndRunningAgain() {
        transactionManager.executeInTransaction(() -> entityManagers.getEntityManager()
                .createNativeQuery("delete from " + ReplayCoordination.TABLE).executeUpdate());
        await().atMost(WAIT).until(() -> processor().isRunning() || startAgain());
    }

    private boolean startAgain() {
        processor().start();
        return processor().isRunning();
    }

    @Test
    void aRequestFromAnotherNodeStopsTheProcessorHereUntilItIsReset() {
        ReplayCoordination other = otherNode();
        assertThat(processor().isRunning()).isTrue();

        String request = other.request(DeadLetterTestApplication.GROUP, "other-node");

        await("stopped here, no segment kept").atMost(WAIT)
                .until(() -> !processor().isRunning() && processor().processingStatus().isEmpty());
        assertThatThrownBy(() -> otherNode().request(DeadLetterTestApplication.GROUP, "third-node"))
                .isInstanceOf(ReplayCoordination.ReplayInProgressException.class)
                .hasMessageContaining("other-node");

        other.finish(DeadLetterTestApplication.GROUP, request, State.RESET);

        await().atMost(WAIT).until(() -> processor().isRunning());
        assertThat(other.requests()).singleElement().satisfies(stored -> {
            assertThat(stored.requestId()).isEqualTo(request);
            assertThat(stored.state()).isEqualTo(State.RESET);
            assertThat(stored.requestedBy()).isEqualTo("other-node");
        });
    }

    @Test
    void aFailedRequestLetsTheProcessorRunAgainToo() {
        ReplayCoordination other = otherNode();
        String request = other.request(DeadLetterTestApplication.GROUP, "other-node");
        await().atMost(WAIT).until(() -> !processor().isRunning());

        other.finish(DeadLetterTestApplication.GROUP, request, State.FAILED);

        await().atMost(WAIT).until(() -> processor().isRunning());
    }

    @Test
    void aStaleRequestIsNoLongerObeyed() {
        ReplayCoordination hasty = new ReplayCoordination(entityManagers, transactionManager, Duration.ofMillis(1),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5)));
        hasty.request(DeadLetterTestApplication.GROUP, "dead-node");

        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> processor().isRunning());
        ReplayCoordination next = otherNode();
        String replaced = next.request(DeadLetterTestApplication.GROUP, "next-node");
        assertThat(next.requests()).as("a stale request is replaced").singleElement()
                .satisfies(stored -> assertThat(stored.requestId()).isEqualTo(replaced));
        next.finish(DeadLetterTestApplication.GROUP, replaced, State.FAILED);
    }
}
