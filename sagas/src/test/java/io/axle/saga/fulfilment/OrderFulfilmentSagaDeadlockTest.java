package io.axle.saga.fulfilment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.ShippingAddress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command the saga sends on its own thread that fails because its aggregate's lock would deadlock fails the event,
 * so that the processor rolls the batch back (releasing the locks it holds) and handles it again; other failures, and
 * the same failure in a deadline handler, are logged and left to the deadline.
 */
class OrderFulfilmentSagaDeadlockTest {

    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent("order-1", "customer-1", "EUR",
            List.of(new OrderLine("SKU-A", 1, BigDecimal.TEN)),
            new ShippingAddress("Ada", "1 Main St", "Lyon", "69001", "FR"), BigDecimal.TEN);

    private UnitOfWork<?> unitOfWork;

    @AfterEach
    void endUnitOfWork() {
        if (unitOfWork != null && unitOfWork.isActive()) {
            unitOfWork.rollback();
        }
    }

    @Test
    void aDeadlockWhileHandlingAnEventFailsTheEventSoThatItsBatchIsHandledAgain() {
        OrderFulfilmentSaga saga = saga(() -> CompletableFuture.failedFuture(
                new DeadlockException("An imminent deadlock was detected while attempting to acquire a lock")));
        within(GenericEventMessage.asEventMessage(PLACED));

        assertThatThrownBy(() -> saga.on(PLACED)).isInstanceOf(DeadlockException.class);
    }

    @Test
    void anotherFailureIsLoggedAndLeftToTheDeadline() {
        OrderFulfilmentSaga saga = saga(() -> CompletableFuture.failedFuture(new IllegalStateException("refused")));
        within(GenericEventMessage.asEventMessage(PLACED));

        assertThatCode(() -> saga.on(PLACED)).doesNotThrowAnyException();
    }

    @Test
    void aDeadlockInADeadlineHandlerIsLoggedAndLeftToTheDeadlinesOwnRemedy() {
        OrderFulfilmentSaga saga = saga(() -> CompletableFuture.failedFuture(new DeadlockException("deadlock")));
        within(GenericDeadlineMessage.asDeadlineMessage(OrderFulfilmentSaga.DEADLINE, null));

        assertThatCode(() -> saga.on(PLACED)).doesNotThrowAnyException();
    }

    private void within(Message<?> message) {
        unitOfWork = DefaultUnitOfWork.startAndGet(message);
    }

    private static OrderFulfilmentSaga saga(Supplier<CompletableFuture<Object>> answer) {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenAnswer(invocation -> answer.get());
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        new SimpleResourceInjector(gateway, mock(DeadlineManager.class), new FulfilmentProperties(Duration.ofSeconds(30)))
                .injectResources(saga);
        return saga;
    }
}
