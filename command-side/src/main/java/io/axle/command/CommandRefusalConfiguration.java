package io.axle.command;

import io.axle.api.campaign.CreateFlashCampaignCommand;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.firmware.ReleaseFirmwareCommand;
import io.axle.api.flash.RequestFlashCommand;
import io.axle.api.vehicle.RegisterVehicleCommand;
import io.axle.api.webhook.RegisterWebhookCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

/** Registers {@link CommandRefusalInterceptor} on the command bus, local or Axon Server alike. */
@Configuration(proxyBeanMethods = false)
public class CommandRefusalConfiguration {

    /** Commands whose handler is an aggregate constructor; their target id must not exist yet. */
    static final Set<Class<?>> CREATION_COMMANDS = Set.of(RegisterCustomerCommand.class, RegisterWebhookCommand.class,
            RegisterVehicleCommand.class, ReleaseFirmwareCommand.class, RequestFlashCommand.class,
            CreateFlashCampaignCommand.class);

    @Autowired
    void registerRefusalInterceptor(CommandBus commandBus, ObjectProvider<EventStore> eventStore) {
        commandBus.registerHandlerInterceptor(new CommandRefusalInterceptor(CREATION_COMMANDS,
                id -> eventStore.getObject().lastSequenceNumberFor(id).isPresent()));
    }
}
