package io.axle.gateway.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;

/**
 * Lets the broker boot before the application's beans exist: its start waits, on the broker's own thread, for the
 * real extension to be handed over, so the listener opens only once authentication and the interceptor are in place.
 * If the extension never comes, the extension refuses to start and the broker does not serve.
 */
final class DeferredExtension implements ExtensionMain {

    private final CompletableFuture<ExtensionMain> delegate = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Duration wait;

    DeferredExtension(Duration wait) {
        this.wait = wait;
    }

    void handOver(ExtensionMain extension) {
        delegate.complete(extension);
    }

    void abandon(Throwable reason) {
        delegate.completeExceptionally(reason);
    }

    /** Completes once the real extension started, exceptionally if it could not. */
    CompletableFuture<Void> started() {
        return started;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        try {
            delegate.get(wait.toMillis(), TimeUnit.MILLISECONDS).extensionStart(input, output);
            started.complete(null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            started.completeExceptionally(e);
            output.preventExtensionStartup("The device gateway did not start: " + e);
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        ExtensionMain extension = delegate.getNow(null);
        if (extension != null) {
            extension.extensionStop(input, output);
        }
    }
}
