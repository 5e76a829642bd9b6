package io.axle.saga.billing;

import static io.axle.saga.billing.InvoicingSaga.ATTEMPTS;
import static io.axle.saga.billing.InvoicingSaga.RETRY_DEADLINE;
import static io.axle.saga.billing.InvoicingSaga.RETRY_FIRST;
import static io.axle.saga.billing.InvoicingSaga.RETRY_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.axle.api.common.Refusal;
import io.axle.api.invoice.InvoiceIssuedEvent;
import io.axle.api.invoice.InvoiceRequestedEvent;
import io.axle.api.invoice.Invoices;
import io.axle.api.invoice.RequestInvoiceCommand;
import io.axle.api.order.OrderCancelledEvent;
import io.axle.api.order.OrderConfirmedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class InvoicingSagaTest {

    /** What the log tells an operator to do when the saga could not request the invoice. */
    private static final String ASK_BY_HAND = "POST /api/v1/billing/generate-invoice {\"orderId\":\"order-1\"}";

    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "customer-1";
    private static final OrderConfirmedEvent CONFIRMED =
            new OrderConfirmedEvent(ORDER, CUSTOMER, new BigDecimal("70.00"), "EUR");
    private static final RequestInvoiceCommand REQUEST = new RequestInvoiceCommand(Invoices.idForOrder(ORDER), ORDER,
            CUSTOMER, null, Map.of(), null, "system");

    private static final InvoiceRequestedEvent REQUESTED = new InvoiceRequestedEvent(REQUEST.invoiceId(), ORDER,
            CUSTOMER, null, Map.of(), null, "system", null);

    private SagaTestFixture<InvoicingSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(InvoicingProperties.defaults());
    }

    /** The saga talks to the gateway every Axle process uses, over the fixture's recording command bus. */
    private static SagaTestFixture<InvoicingSaga> fixture(InvoicingProperties properties) {
        SagaTestFixture<InvoicingSaga> fixture = new SagaTestFixture<>(InvoicingSaga.class);
        fixture.registerResource(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build());
        if (properties != null) {
            fixture.registerResource(properties);
        }
        return fixture;
    }

    /** Every request fails with {@code failure}. */
    private void everyRequestFailsWith(RuntimeException failure) {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof RequestInvoiceCommand) {
                throw failure;
            }
            return null;
        });
    }

    /** The first {@code failures} requests fail without a refusal, the next ones succeed. */
    private void firstRequestsFail(int failures) {
        AtomicInteger sent = new AtomicInteger();
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof RequestInvoiceCommand && sent.incrementAndGet() <= failures) {
                throw new NoHandlerForCommandException("No handler for RequestInvoiceCommand");
            }
            return null;
        });
    }

    private static CommandExecutionException refused(Object details) {
        return new CommandExecutionException("refused", null, details);
    }

    @Nested
    class Confirmation {

        @Test
        void aConfirmedOrderIsInvoicedWithoutWaitingForTheAnswer() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectDispatchedCommands(REQUEST)
                   .expectScheduledDeadlineWithName(RETRY_FIRST, RETRY_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void theSagaEndsOnceTheInvoiceIsSeenRequested() {
            fixture.givenAPublished(CONFIRMED)
                   .whenPublishingA(REQUESTED)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }

        @Test
        void anInvoiceSeenIssuedEndsItToo() {
            fixture.givenAPublished(CONFIRMED)
                   .whenPublishingA(new InvoiceIssuedEvent(REQUEST.invoiceId(), ORDER, CUSTOMER, null, "ab".repeat(32)))
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }

        @Test
        void anotherOrdersInvoiceDoesNotConcernIt() {
            fixture.givenAPublished(CONFIRMED)
                   .whenPublishingA(new InvoiceRequestedEvent(Invoices.idForOrder("order-2"), "order-2", CUSTOMER,
                           null, Map.of(), null, "system", null))
                   .expectActiveSagas(1);
        }

        @Test
        void theInvoiceIdIsTheOneDerivedFromTheOrder() {
            assertThat(REQUEST.invoiceId()).isEqualTo(Invoices.idForOrder(ORDER)).isNotEqualTo(ORDER);
        }

        @Test
        void autoInvoicingIsOnWithoutSettings() {
            fixture = fixture(null);

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectDispatchedCommands(REQUEST);
        }

        @Test
        void nothingIsRequestedWhenAutoInvoicingIsOff() {
            fixture = fixture(new InvoicingProperties(false));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }
    }

    @Nested
    class AlreadyInvoiced {

        @Test
        void anAlreadyInvoicedRefusalWaitsForTheInvoiceWithoutAskingForHelp(CapturedOutput log) {
            everyRequestFailsWith(refused(new Refusal(409, "orderId", "already-invoiced",
                    "order order-1 already has invoice " + REQUEST.invoiceId())));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectDispatchedCommands(REQUEST)
                   .expectActiveSagas(1);
            assertThat(log.getOut()).contains("Order order-1 already has its invoice " + REQUEST.invoiceId())
                                    .doesNotContain(ASK_BY_HAND);
        }

        @Test
        void theRefusalIsRecognisedAfterATripThroughASerializer(CapturedOutput log) {
            everyRequestFailsWith(refused(Map.of("status", 409, "field", "orderId", "rule", "already-invoiced")));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectActiveSagas(1);
            assertThat(log.getOut()).contains("already has its invoice").doesNotContain(ASK_BY_HAND);
        }

        @Test
        void losingARaceWithAnotherRequestMeansTheInvoiceIsComingToo(CapturedOutput log) {
            everyRequestFailsWith(refused(new Refusal(409, "invoiceId", "must-be-unique", "already exists")));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectActiveSagas(1);
            assertThat(log.getOut()).contains("already has its invoice").doesNotContain(ASK_BY_HAND);
        }
    }

    @Nested
    class Failures {

        @Test
        void aRequestNotSeenIsSentAgainLater() {
            firstRequestsFail(1);

            fixture.givenAPublished(CONFIRMED)
                   .whenTimeElapses(RETRY_FIRST)
                   .expectTriggeredDeadlinesWithName(RETRY_DEADLINE)
                   .expectDispatchedCommands(REQUEST)
                   .expectScheduledDeadlineWithName(RETRY_FIRST.multipliedBy(2), RETRY_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void aFailureIsLoggedWithTheNextTry(CapturedOutput log) {
            everyRequestFailsWith(new CommandExecutionException("no answer", new TimeoutException()));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectScheduledDeadlineWithName(RETRY_FIRST, RETRY_DEADLINE)
                   .expectActiveSagas(1);
            assertThat(log.getOut()).contains("requesting its invoice failed: no answer. Trying again in PT30S");
        }

        @Test
        void theRetrySeesTheInvoiceAndEnds() throws Exception {
            firstRequestsFail(1);

            fixture.givenAPublished(CONFIRMED)
                   .andThenTimeElapses(RETRY_FIRST)
                   .whenPublishingA(REQUESTED)
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }

        @Test
        void theSagaGivesUpAfterTheLastAttemptAndSaysHowToAskByHand(CapturedOutput log) throws Exception {
            firstRequestsFail(Integer.MAX_VALUE);

            fixture.givenAPublished(CONFIRMED)
                   .whenTimeElapses(Duration.ofDays(1))
                   .expectDispatchedCommands(Collections.nCopies(ATTEMPTS - 1, REQUEST).toArray())
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
            assertThat(log.getOut()).contains("not seen requested after " + ATTEMPTS + " attempts", ASK_BY_HAND);
        }

        @Test
        void anotherRefusalSaysWhyAndHowToAskByHand(CapturedOutput log) {
            everyRequestFailsWith(refused(new Refusal(422, "customerId", "must-exist", "unknown customer")));

            fixture.givenNoPriorActivity()
                   .whenPublishingA(CONFIRMED)
                   .expectDispatchedCommands(REQUEST)
                   .expectActiveSagas(1);
            assertThat(log.getOut()).contains("refused (422 must-exist on customerId: unknown customer)", ASK_BY_HAND);
        }

        @Test
        void retriesBackOffUpToTheMaximum() {
            assertThat(InvoicingSaga.retryDelay(1)).isEqualTo(RETRY_FIRST);
            assertThat(InvoicingSaga.retryDelay(2)).isEqualTo(RETRY_FIRST.multipliedBy(2));
            assertThat(InvoicingSaga.retryDelay(3)).isEqualTo(RETRY_FIRST.multipliedBy(4));
            assertThat(InvoicingSaga.retryDelay(ATTEMPTS)).isEqualTo(RETRY_MAX);
        }
    }

    @Nested
    class Cancellation {

        private ContinuedGivenState givenRetrying() {
            firstRequestsFail(Integer.MAX_VALUE);
            return fixture.givenAPublished(CONFIRMED);
        }

        @Test
        void anOrderCancelledWhileTheRequestIsRetriedIsNotInvoiced() throws Exception {
            givenRetrying()
                   .whenPublishingA(new OrderCancelledEvent(ORDER, "changed my mind"))
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(0);
        }

        @Test
        void otherOrdersDoNotConcernIt() throws Exception {
            givenRetrying()
                   .whenPublishingA(new OrderCancelledEvent("order-2", "changed my mind"))
                   .expectActiveSagas(1)
                   .expectScheduledDeadlineWithName(RETRY_FIRST, RETRY_DEADLINE);
        }
    }
}
