package io.axle.command.firmware;

import io.axle.api.firmware.FirmwareVersionClaimedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Locale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A released version of an ECU ({@link #id}): its stream holds one event naming the firmware that has it. Two
 * releases of one version both try to write the first event of the same stream, and the event store's (aggregate id,
 * sequence number) key lets only one succeed (ADR 0027, applied to firmware).
 */
@Aggregate
public class FirmwareVersionClaim {

    @AggregateIdentifier
    private String claimId;
    private String firmwareId;

    protected FirmwareVersionClaim() {
    }

    FirmwareVersionClaim(String ecu, String version, String firmwareId) {
        apply(new FirmwareVersionClaimedEvent(ecu, version, firmwareId));
    }

    /**
     * The stream of a version of an ECU; versions that compare equal but for case ({@code SW04A}, {@code sw04a}) are
     * one version.
     */
    static String id(String ecu, String version) {
        return "firmware-version:" + ecu + ":" + version.toLowerCase(Locale.ROOT);
    }

    String firmwareId() {
        return firmwareId;
    }

    @EventSourcingHandler
    void on(FirmwareVersionClaimedEvent event) {
        claimId = id(event.ecu(), event.version());
        firmwareId = event.firmwareId();
    }
}
