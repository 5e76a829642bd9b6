package io.axle.gateway.mqtt;

import java.nio.file.Path;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Begins the in-process broker's start before any bean is created, so that its seconds of booting (persistence,
 * netty) overlap with the rest of the application's startup; the extension follows once its beans exist
 * ({@link #attach}). Closes the broker when the application fails before taking it over.
 */
final class EmbeddedBrokerStarter implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

    private Environment environment;
    private DeferredExtension extension;
    private EmbeddedBroker broker;
    private boolean attached;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Binder binder = Binder.get(environment);
        MqttProperties.Embedded settings = binder.bindOrCreate("axle.mqtt.embedded", MqttProperties.Embedded.class);
        String dataDir = binder.bind("axle.data-dir", String.class).orElse("./data");
        extension = new DeferredExtension(settings.startTimeout());
        broker = new EmbeddedBroker(settings, Path.of(dataDir, "mqtt"), extension);
    }

    /** Hands the gateway's extension to the booting broker and answers the broker. */
    synchronized EmbeddedBroker attach(GatewayExtension gatewayExtension) {
        extension.handOver(gatewayExtension);
        attached = true;
        return broker;
    }

    @Override
    public synchronized void destroy() {
        if (broker != null && !attached) {
            extension.abandon(new IllegalStateException("the application stopped before the broker was ready"));
            broker.close();
        }
    }
}
