package io.axle.command.campaign;

import io.axle.api.campaign.StartCampaignFlashCommand;
import io.axle.api.common.Refusal;
import io.axle.command.CommandRefusalInterceptor;
import io.axle.command.flash.FlashJobStarter;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.axle.command.RefusalMatchers.executionRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A campaign's flash started over the command bus, as the campaign's process sends it. */
class CampaignFlashStarterTest {

    private static final StartCampaignFlashCommand START = new StartCampaignFlashCommand("campaign-1", "v-1",
            "Engine", "fw-15", "job-1", "alice");

    private final FlashJobStarter starter = mock(FlashJobStarter.class);
    private final Set<String> existingJobs = new HashSet<>();
    private CommandGateway gateway;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new CommandRefusalInterceptor());
        new AnnotationCommandHandlerAdapter<>(new CampaignFlashStarter(starter, existingJobs::contains))
                .subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Test
    void startsTheJobOfTheProcessForTheCampaignWithoutDowngrade() {
        when(starter.start("job-1", "campaign-1", "v-1", "engine", "fw-15", false, "alice")).thenReturn("job-1");

        Object answer = gateway.sendAndWait(START);

        assertThat(answer).isEqualTo("job-1");
        verify(starter).start("job-1", "campaign-1", "v-1", "engine", "fw-15", false, "alice");
    }

    @Test
    void aRetryAnswersTheJobStartedBefore() {
        existingJobs.add("job-1");

        Object answer = gateway.sendAndWait(START);

        assertThat(answer).isEqualTo("job-1");
        verify(starter, never()).start(any(), any(), any(), any(), any(), anyBoolean(), any());
    }

    @Test
    void theFlashsRefusalPassesThroughUnchanged() {
        when(starter.start(any(), any(), any(), any(), any(), anyBoolean(), any())).thenThrow(
                CommandRefusalInterceptor.refused(new Refusal(409, "vehicleId", "vehicle-offline",
                        "vehicle v-1 is offline"), null));

        assertThatThrownBy(() -> gateway.sendAndWait(START))
                .isInstanceOfSatisfying(CommandExecutionException.class, refused ->
                        assertThat(refused, executionRefusal(409, "vehicleId", "vehicle-offline")));
    }

    @Test
    void aJobIdIsRequired() {
        assertThatThrownBy(() -> gateway.sendAndWait(new StartCampaignFlashCommand("campaign-1", "v-1", "engine",
                "fw-15", null, "alice")))
                .isInstanceOfSatisfying(CommandExecutionException.class, refused ->
                        assertThat(refused, executionRefusal(422, "flashJobId", "required")));
        verify(starter, never()).start(any(), any(), any(), any(), any(), anyBoolean(), any());
    }
}
