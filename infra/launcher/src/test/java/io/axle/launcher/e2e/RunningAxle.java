package io.axle.launcher.e2e;

import io.axle.launcher.AxleApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application booted in this JVM on a free port, as `java -jar axle.jar` would run it. */
public final class RunningAxle implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "e2e-admin-secret";

    private final ConfigurableApplicationContext context;

    private RunningAxle(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Boots on the embedded defaults with its data under {@code dataDir}, plus any extra properties. */
    public static RunningAxle start(Path dataDir, Map<String, String> properties) {
        return start(AxleApplication.class, dataDir, properties);
    }

    /** Boots {@code application} (the whole of Axle, or one side of it) as {@link #start(Path, Map)} does. */
    public static RunningAxle start(Class<?> application, Path dataDir, Map<String, String> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(arguments(dataDir, properties));
        return new RunningAxle(context);
    }

    /** Command-line arguments of a test process: free HTTP, Kafka and MQTT ports (unless given), its data folder, the admin password, any extras. */
    static String[] arguments(Path dataDir, Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        if (!properties.containsKey("server.port")) {
            args.add("--server.port=0");
        }
        if (!properties.containsKey("axle.kafka.embedded.port")) {
            args.add("--axle.kafka.embedded.port=0");
        }
        if (!properties.containsKey("axle.mqtt.embedded.port")) {
            args.add("--axle.mqtt.embedded.port=0");
        }
        args.add("--axle.data-dir=" + dataDir.toAbsolutePath());
        args.add("--axle.security.admin-password=" + ADMIN_PASSWORD);
        // The scenarios and benchmarks poll hard from one client; the limit itself is tested in the platform.
        args.add("--axle.rate-limit.requests-per-minute=1000000");
        args.add("--axle.rate-limit.burst=1000000");
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public AxleClient admin() {
        return new AxleClient(baseUrl()).signIn("admin", ADMIN_PASSWORD);
    }

    public AxleClient anonymous() {
        return new AxleClient(baseUrl());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
