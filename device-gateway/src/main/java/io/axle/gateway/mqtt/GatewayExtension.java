package io.axle.gateway.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * The in-process broker's extension: who may connect, what a reading, a frame and a flash answer must be,
 * and who is connected. */
class GatewayExtension implements ExtensionMain {

    private final DeviceAuthenticator authenticator;
    private final ReadingInterceptor interceptor;
    private final VehicleFrameInterceptor frames;
    private final FlashStatusInterceptor flashes;
    private final SessionListener sessions;

    GatewayExtension(DeviceAuthenticator authenticator, ReadingInterceptor interceptor, VehicleFrameInterceptor frames,
                     FlashStatusInterceptor flashes, SessionListener sessions) {
        this.authenticator = authenticator;
        this.interceptor = interceptor;
        this.frames = frames;
        this.flashes = flashes;
        this.sessions = sessions;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.initializerRegistry().setClientInitializer(
                (initializerInput, clientContext) -> {
                    clientContext.addPublishInboundInterceptor(interceptor);
                    clientContext.addPublishInboundInterceptor(frames);
                    clientContext.addPublishInboundInterceptor(flashes);
                });
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> sessions);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing to release: the broker drops the registrations with the extension
    }
}
