package io.axle.command.campaign;

import io.axle.api.campaign.StartCampaignFlashCommand;
import io.axle.command.Rules;
import io.axle.command.flash.FlashJobStarter;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.function.Predicate;

/**
 * Starts one campaign vehicle's flash through {@link FlashJobStarter}, the same code as {@code POST
 * /api/v1/flash-jobs}: the same preconditions, the same refusals, passed through unchanged (the campaign's process
 * reads their rule to wait or give up). The job's id is the process's, so a retry finds the job it started already
 * and answers it without starting another. A campaign never downgrades.
 */
@Component
class CampaignFlashStarter {

    private final FlashJobStarter starter;
    private final Predicate<String> jobExists;

    @Autowired
    CampaignFlashStarter(FlashJobStarter starter, ObjectProvider<EventStore> eventStore) {
        this(starter, flashJobId -> eventStore.getObject().lastSequenceNumberFor(flashJobId).isPresent());
    }

    CampaignFlashStarter(FlashJobStarter starter, Predicate<String> jobExists) {
        this.starter = starter;
        this.jobExists = jobExists;
    }

    /** Answers the id of the job flashing the vehicle, started now or before. */
    @CommandHandler
    String handle(StartCampaignFlashCommand command) {
        Rules.required(command.campaignId(), "campaignId");
        Rules.required(command.flashJobId(), "flashJobId");
        Rules.required(command.vehicleId(), "vehicleId");
        Rules.required(command.firmwareId(), "firmwareId");
        String ecu = Rules.ecu(command.ecu(), "ecu");
        if (jobExists.test(command.flashJobId())) {
            return command.flashJobId();
        }
        return starter.start(command.flashJobId(), command.campaignId(), command.vehicleId(), ecu,
                command.firmwareId(), false, command.requestedBy());
    }
}
