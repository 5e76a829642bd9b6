package io.axle.command.run;

import io.axle.command.HotAggregateCommands;
import io.axle.platform.web.PublicUrls;
import io.axle.api.run.FinishRunCommand;
import io.axle.api.run.InterruptAllRunsCommand;
import io.axle.api.run.InterruptRunCommand;
import io.axle.api.run.RunSlots;
import io.axle.api.run.RunView;
import io.axle.api.run.StartRunCommand;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The seed's run commands: start a run (claiming one of the global slots), finish one, interrupt all. Answers are
 * built from what the command side decided, not from the read model, so they are current at once. Each answers only
 * once the change is visible (see {@link RunVisibility}): a started run is listed as running and holds its slot in
 * can-start, an ended run is no longer listed and the device gateway refuses its readings. When that takes longer
 * than the bound, the answer is 202 instead of 201 or 200: the change is made, but may not show yet.
 */
@RestController
@RequestMapping("/api/runs")
class RunCommandController {

    static final String OPERATORS = "hasAnyRole('ADMIN','OPERATOR','TECHNICIAN')";
    /** How often a command to the RunSlots aggregate is sent when it keeps losing races with other nodes. */
    static final int SLOTS_ATTEMPTS = 5;

    private final CommandGateway commandGateway;
    private final RunVisibility visibility;
    private final String publicUrl;

    RunCommandController(CommandGateway commandGateway, RunVisibility visibility,
                         @Value("${" + PublicUrls.PROPERTY + ":}") String publicUrl) {
        this.commandGateway = commandGateway;
        this.visibility = visibility;
        this.publicUrl = publicUrl;
    }

    @PostMapping("/start")
    @PreAuthorize(OPERATORS)
    public ResponseEntity<RunView> start(@Valid @RequestBody StartRequest request, Principal principal,
                                         HttpServletRequest http) {
        String runId = UUID.randomUUID().toString();
        StartRunCommand command = new StartRunCommand(RunSlots.ID, runId, principal == null ? null : principal.getName(),
                request.duration(), request.interval(), request.params() == null ? Map.of() : request.params(),
                request.name());
        RunView started = sendToSlots(commandGateway, command);
        HttpStatus status = visibility.started(runId) ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/runs/" + runId)).body(linked(started, http));
    }

    @PostMapping("/{runId}/finish")
    @PreAuthorize(OPERATORS)
    public ResponseEntity<RunView> finish(@PathVariable String runId, Principal principal, HttpServletRequest http) {
        RunView finished = commandGateway.sendAndWait(new FinishRunCommand(runId, "finished by " + nameOf(principal)));
        HttpStatus status = visibility.ended(List.of(runId)) ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(linked(finished, http));
    }

    /**
     * Interrupts every run holding a slot. Each run is tried even if another fails; if one failed, its failure is the
     * answer and the request can simply be repeated (interrupting an ended run does nothing).
     */
    @PostMapping("/interrupt-all")
    @PreAuthorize(OPERATORS)
    public ResponseEntity<InterruptedRuns> interruptAll(Principal principal) {
        String user = nameOf(principal);
        List<String> runIds = sendToSlots(commandGateway, new InterruptAllRunsCommand(RunSlots.ID, user));
        RuntimeException failure = null;
        List<String> interrupted = new ArrayList<>();
        for (String runId : runIds == null ? List.<String>of() : runIds) {
            try {
                commandGateway.sendAndWait(new InterruptRunCommand(runId, "interrupted by " + user));
                interrupted.add(runId);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        HttpStatus status = visibility.ended(interrupted) ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(new InterruptedRuns(interrupted.size(), interrupted));
    }

    /** Sends a command to the RunSlots aggregate, the one hot spot every node writes to. */
    static <R> R sendToSlots(CommandGateway commandGateway, Object command) {
        return HotAggregateCommands.send(commandGateway, command, SLOTS_ATTEMPTS);
    }

    private RunView linked(RunView run, HttpServletRequest http) {
        return run.withGrafanaUrl(PublicUrls.runPage(PublicUrls.base(publicUrl, http), run.id()));
    }

    private static String nameOf(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    /**
     * Body of a start: duration and interval in seconds, free parameters of the simulation, and an optional name shown
     * instead of the run's id (control characters are refused as in every text field that is not free text).
     */
    record StartRequest(@NotNull @Positive Integer duration, @NotNull @Positive Integer interval,
                        @Size(max = 50) Map<@Size(max = 100) String, Object> params,
                        @Size(max = io.axle.command.run.RunSlots.MAX_NAME_LENGTH) String name) {
    }

    /** Answer of interrupt-all: how many runs were interrupted, and which. */
    record InterruptedRuns(int interrupted, List<String> runIds) {
    }
}
