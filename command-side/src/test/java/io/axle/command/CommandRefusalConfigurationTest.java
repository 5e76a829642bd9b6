package io.axle.command;

import io.axle.api.common.Refusal;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.order.ShipOrderCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Spring wiring: the interceptor lands on whatever CommandBus bean the context has. */
class CommandRefusalConfigurationTest {

    private static final RegisterCustomerCommand REGISTER =
            new RegisterCustomerCommand("c-1", "Garage Dupont", "a@b.fr", "FR", "EUR", BigDecimal.TEN);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(CommandBus.class, () -> SimpleCommandBus.builder().build())
            .withBean(EventStore.class, () -> EmbeddedEventStore.builder()
                    .storageEngine(new InMemoryEventStorageEngine()).build())
            .withUserConfiguration(CommandRefusalConfiguration.class);

    private static CommandGateway gateway(CommandBus bus) {
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    private static Refusal refusalOf(CommandExecutionException e) {
        return e.<Refusal>getDetails().orElseThrow();
    }

    @Test
    void ruleViolationsReachTheSenderAsRefusals() {
        context.run(ctx -> {
            CommandBus bus = ctx.getBean(CommandBus.class);
            bus.subscribe(ShipOrderCommand.class.getName(), message -> {
                throw RuleViolationException.conflict("status", "invalid-transition", "cannot ship");
            });
            CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                    () -> gateway(bus).sendAndWait(new ShipOrderCommand("o-1")));
            assertThat(refusalOf(e)).isEqualTo(new Refusal(409, "status", "invalid-transition", "cannot ship"));
        });
    }

    @Test
    void creatingAnAggregateWhoseStreamExistsIsA409() {
        context.run(ctx -> {
            CommandBus bus = ctx.getBean(CommandBus.class);
            bus.subscribe(RegisterCustomerCommand.class.getName(), message -> "created");
            ctx.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Customer", "c-1", 0,
                    new CustomerRegisteredEvent("c-1", "x", "a@b.fr", "FR", "EUR", BigDecimal.ONE)));

            CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                    () -> gateway(bus).sendAndWait(REGISTER));
            assertThat(refusalOf(e)).isEqualTo(
                    new Refusal(409, "customerId", "must-be-unique", "customerId 'c-1' already exists"));
        });
    }

    @Test
    void creatingAnAggregateWithAFreshIdGoesThrough() {
        context.run(ctx -> {
            CommandBus bus = ctx.getBean(CommandBus.class);
            bus.subscribe(RegisterCustomerCommand.class.getName(), message -> "created");
            assertThat((Object) gateway(bus).sendAndWait(REGISTER)).isEqualTo("created");
        });
    }
}
