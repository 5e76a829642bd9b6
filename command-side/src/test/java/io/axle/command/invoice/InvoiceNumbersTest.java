package io.axle.command.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.axle.api.invoice.DocumentKind;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a number is taken while an event is handled: on a thread of its own (its own transaction, and the pauses
 * between lost races off the handler's thread), with the handler's correlation data, and never waited for beyond
 * the time limit. The gateway is a stand-in: what is checked is the code around it.
 */
class InvoiceNumbersTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private UnitOfWork<?> handling;

    @AfterEach
    void endHandling() {
        if (handling != null && handling.isActive()) {
            handling.rollback();
        }
    }

    private void handlingAnEvent() {
        handling = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("invoice requested"));
        handling.registerCorrelationDataProvider(new MessageOriginProvider());
    }

    @Test
    void outsideAHandlerTheNumberIsTakenOnTheCallersThread() {
        List<Thread> senders = new CopyOnWriteArrayList<>();
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            senders.add(Thread.currentThread());
            return "INV-2026-000001";
        });

        assertThat(InvoiceNumbers.allocate(gateway, "acme", 2026, "inv-1")).isEqualTo("INV-2026-000001");
        assertThat(senders).containsExactly(Thread.currentThread());
    }

    @Test
    void whileAnEventIsHandledTheNumberIsTakenOnAnotherThreadWithTheHandlersCorrelation() {
        handlingAnEvent();
        String correlationId = handling.getMessage().getIdentifier();
        List<Thread> senders = new CopyOnWriteArrayList<>();
        List<Object> correlations = new CopyOnWriteArrayList<>();
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            senders.add(Thread.currentThread());
            correlations.add(((CommandMessage<?>) call.getArgument(0)).getMetaData().get("correlationId"));
            return "INV-2026-000002";
        });

        assertThat(InvoiceNumbers.allocate(gateway, "acme", 2026, "inv-2")).isEqualTo("INV-2026-000002");
        assertThat(senders).hasSize(1).doesNotContain(Thread.currentThread());
        assertThat(senders.get(0).getName()).startsWith("axle-invoice-numbers-");
        assertThat(correlations).containsExactly(correlationId);
    }

    @Test
    void lostRacesAreRetriedOffTheHandlersThread() {
        handlingAnEvent();
        List<Thread> senders = new CopyOnWriteArrayList<>();
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            senders.add(Thread.currentThread());
            if (senders.size() < 3) {
                throw new ConcurrencyException("another node appended the next number first");
            }
            return "INV-2026-000003";
        });

        assertThat(InvoiceNumbers.allocate(gateway, "acme", 2026, "inv-3")).isEqualTo("INV-2026-000003");
        assertThat(senders).hasSize(3).doesNotContain(Thread.currentThread());
        verify(gateway, times(3)).sendAndWait(any());
    }

    @Test
    void aHandlerWaitsNoLongerThanTheLimitAndTheAllocationIsInterrupted() throws InterruptedException {
        handlingAnEvent();
        CountDownLatch interrupted = new CountDownLatch(1);
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "INV-2026-000004";
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> InvoiceNumbers.allocate(gateway, DocumentKind.INVOICE, "acme", 2026, "inv-4",
                Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no number for inv-4 within PT0.3S")
                .hasMessageContaining("tried again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the stuck allocation is interrupted").isTrue();
    }

    @Test
    void aRefusalIsTheHandlersFailureAsIs() {
        handlingAnEvent();
        IllegalArgumentException refused = new IllegalArgumentException("company unknown");
        when(gateway.sendAndWait(any())).thenThrow(refused);

        assertThatThrownBy(() -> InvoiceNumbers.allocate(gateway, "nobody", 2026, "inv-5")).isSameAs(refused);
        verify(gateway, times(1)).sendAndWait(any());
    }
}
