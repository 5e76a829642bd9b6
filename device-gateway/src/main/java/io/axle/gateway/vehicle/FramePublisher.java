package io.axle.gateway.vehicle;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.axle.api.vehicle.ObdFrame;

/** Puts an accepted frame on the vehicle frames stream; the future completes once the stream has it durably. */
@FunctionalInterface
public interface FramePublisher {

    /**
     * @param headers who sent it and why (user, client, correlation id), carried beside the frame
     * @return completes when the stream acknowledged the frame, or exceptionally when it could not take it
     */
    CompletableFuture<Void> publish(ObdFrame frame, Map<String, String> headers);
}
