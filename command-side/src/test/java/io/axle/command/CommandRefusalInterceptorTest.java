package io.axle.command;

import io.axle.api.common.Refusal;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.order.OrderLine;
import io.axle.api.order.OrderPlacedEvent;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.OrderShippedEvent;
import io.axle.api.order.ShipOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.api.stock.AdjustStockCommand;
import io.axle.command.order.Order;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.axle.command.RefusalMatchers.executionRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CommandRefusalInterceptorTest {

    private static final RegisterCustomerCommand REGISTER =
            new RegisterCustomerCommand("c-1", "Garage Dupont", "a@b.fr", "FR", "EUR", BigDecimal.TEN);

    private UnitOfWork<CommandMessage<?>> unitOfWork;

    @AfterEach
    void tearDown() {
        if (unitOfWork != null && unitOfWork.isActive()) {
            unitOfWork.rollback();
        }
    }

    private Object handle(CommandRefusalInterceptor interceptor, Object payload, InterceptorChain chain)
            throws Exception {
        unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(payload));
        return interceptor.handle(unitOfWork, chain);
    }

    private static Refusal refusalOf(CommandExecutionException e) {
        Optional<Refusal> details = e.getDetails();
        return details.orElseThrow();
    }

    @Test
    void ruleViolationBecomesCommandExecutionExceptionCarryingTheRefusal() {
        RuleViolationException violation = RuleViolationException.conflict("status", "invalid-transition", "nope");
        CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                () -> handle(new CommandRefusalInterceptor(), new ShipOrderCommand("o-1"), () -> {
                    throw violation;
                }));
        assertThat(refusalOf(e)).isEqualTo(new Refusal(409, "status", "invalid-transition", "nope"));
        assertThat(e).hasMessage("nope").hasCause(violation);
    }

    @Test
    void aControlCharacterInAnyTextOfACommandIsRefusedBeforeItsHandlerRuns() {
        AtomicBoolean handled = new AtomicBoolean();
        PlaceOrderCommand withNul = new PlaceOrderCommand(2026, "o-1", "c-1", "EUR",
                List.of(new OrderLine("PAD", 1, BigDecimal.ONE)),
                new ShippingAddress("Jean", "1 rue\u0000 des Lilas", "Lyon", "69001", "FR"));

        CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                () -> handle(new CommandRefusalInterceptor(), withNul, () -> handled.getAndSet(true)));

        assertThat(refusalOf(e)).isEqualTo(new Refusal(422, "shippingAddress.street", "no-control-characters",
                "shippingAddress.street contains the control character U+0000 at position 5"));
        assertThat(handled).isFalse();
    }

    @Test
    void tabsAndLineBreaksPassInCommands() throws Exception {
        Object result = handle(new CommandRefusalInterceptor(), new AdjustStockCommand("SKU-9", 1, "broken\nin\ttransit"),
                () -> "handled");

        assertThat(result).isEqualTo("handled");
    }

    @Test
    void missingAggregateBecomes404NamingTheTargetIdentifierField() {
        CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                () -> handle(new CommandRefusalInterceptor(), new AdjustStockCommand("SKU-9", 1, "x"), () -> {
                    throw new AggregateNotFoundException("SKU-9", "not found");
                }));
        assertThat(refusalOf(e)).isEqualTo(new Refusal(404, "sku", "must-exist", "sku 'SKU-9' does not exist"));
    }

    @Test
    void streamCreationFailureBecomes409() {
        CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                () -> handle(new CommandRefusalInterceptor(), REGISTER, () -> {
                    throw new AggregateStreamCreationException("duplicate");
                }));
        assertThat(refusalOf(e))
                .isEqualTo(new Refusal(409, "customerId", "must-be-unique", "customerId 'c-1' already exists"));
    }

    @Test
    void creationCommandForAnExistingIdIsRefusedBeforeItIsHandled() {
        AtomicBoolean handled = new AtomicBoolean();
        CommandRefusalInterceptor interceptor =
                new CommandRefusalInterceptor(Set.of(RegisterCustomerCommand.class), "c-1"::equals);
        CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                () -> handle(interceptor, REGISTER, () -> {
                    handled.set(true);
                    return null;
                }));
        assertThat(refusalOf(e).status()).isEqualTo(409);
        assertThat(refusalOf(e).rule()).isEqualTo("must-be-unique");
        assertThat(handled).isFalse();
    }

    @Test
    void creationCommandForANewIdIsHandled() throws Exception {
        CommandRefusalInterceptor interceptor =
                new CommandRefusalInterceptor(Set.of(RegisterCustomerCommand.class), id -> false);
        assertThat(handle(interceptor, REGISTER, () -> "c-1")).isEqualTo("c-1");
    }

    @Test
    void existenceIsOnlyCheckedForCreationCommands() throws Exception {
        CommandRefusalInterceptor interceptor =
                new CommandRefusalInterceptor(Set.of(RegisterCustomerCommand.class), id -> true);
        assertThat(handle(interceptor, new ShipOrderCommand("o-1"), () -> "shipped")).isEqualTo("shipped");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> handle(new CommandRefusalInterceptor(), new ShipOrderCommand("o-1"), () -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void refusalReachesTheSenderThroughTheCommandBus() {
        AggregateTestFixture<Order> fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerCommandHandlerInterceptor(new CommandRefusalInterceptor());
        fixture.given(new OrderPlacedEvent("o-1", "c-1", "EUR", List.of(), null, BigDecimal.ZERO),
                        new OrderShippedEvent("o-1"))
                .when(new ShipOrderCommand("o-1"))
                .expectException(executionRefusal(409, "status", "invalid-transition"))
                .expectExceptionDetails(new Refusal(409, "status", "invalid-transition",
                        "cannot ship order o-1 while it is SHIPPED"));
    }

    @Test
    void unknownAggregateReachesTheSenderAs404() {
        AggregateTestFixture<Order> fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerCommandHandlerInterceptor(new CommandRefusalInterceptor());
        fixture.givenNoPriorActivity()
                .when(new ShipOrderCommand("o-404"))
                .expectException(executionRefusal(404, "orderId", "must-exist"));
    }

    @Test
    void refusalHelpersSetTheirStatus() {
        assertThat(RuleViolationException.conflict("f", "r", "d").refusal()).isEqualTo(new Refusal(409, "f", "r", "d"));
        assertThat(RuleViolationException.unprocessable("f", "r", "d").refusal().status()).isEqualTo(422);
        assertThat(RuleViolationException.notFound("f", "r", "d").refusal().status()).isEqualTo(404);
        assertThat(RuleViolationException.notFound("f", "r", "d")).hasMessage("d");
    }
}
