package io.axle.launcher.e2e;

import io.axle.launcher.AxleApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axle running as a separate JVM, as {@code java -jar axle.jar} would, so that a test can kill it with SIGKILL or run
 * several nodes side by side. Its output goes to {@code axle.log} in its data folder.
 */
public final class AxleProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    private final Class<?> application;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> properties;
    /** JVM options after the defaults (a later {@code -Xmx} wins over the default one). */
    private List<String> jvmOptions = List.of();
    private Duration bootTimeout = BOOT_TIMEOUT;
    private Process process;

    private AxleProcess(Class<?> application, Path dataDir, int port, Map<String, String> properties) {
        this.application = application;
        this.dataDir = dataDir;
        this.port = port;
        this.properties = new HashMap<>(properties);
        this.properties.put("server.port", Integer.toString(port));
        this.properties.putIfAbsent("axle.hazelcast.port", Integer.toString(freePort()));
    }

    /**
     * Starts a node on {@code port} with its data under {@code dataDir} and waits until it is healthy; its Hazelcast
     * member takes a free port unless {@code axle.hazelcast.port} is given.
     */
    public static AxleProcess start(Path dataDir, int port, Map<String, String> properties) {
        return start(AxleApplication.class, dataDir, port, properties);
    }

    /** Starts one module's application ({@code QuerySideApplication}, ...) as a node, like {@link #start(Path, int, Map)}. */
    public static AxleProcess start(Class<?> application, Path dataDir, int port, Map<String, String> properties) {
        AxleProcess node = new AxleProcess(application, dataDir, port, properties);
        node.start();
        return node;
    }

    /**
     * Starts a node as {@link #start(Path, int, Map)} does, with {@code jvmOptions} after the default ones: a smaller
     * heap ({@code -Xmx256m}) to measure what a load costs, for instance. Such a node is given twice as long to
     * boot: a small heap collects more often while starting, and the build machine may be busy.
     */
    public static AxleProcess start(Path dataDir, int port, Map<String, String> properties, List<String> jvmOptions) {
        AxleProcess node = new AxleProcess(AxleApplication.class, dataDir, port, properties);
        node.jvmOptions = List.copyOf(jvmOptions);
        node.bootTimeout = BOOT_TIMEOUT.multipliedBy(2);
        node.start();
        return node;
    }

    /** Starts the same node again, on the same port and data, after {@link #kill()}. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Ddisable-axoniq-console-message=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                application.getName(),
                "--logging.level.root=WARN"));
        command.addAll(List.of(RunningAxle.arguments(dataDir, properties)));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // one OpenMP thread per Tesseract engine, as scripts/run.sh sets it
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("axle.log").toFile()))
                    .start();
            awaitHealthy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        AxleClient probe = new AxleClient(baseUrl());
        Instant deadline = Instant.now().plus(bootTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Axle exited while starting: " + log());
            }
            try {
                if (probe.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("Axle did not become healthy within " + bootTimeout.toSeconds() + " s: " + log());
    }

    /** Kills the JVM with SIGKILL and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Whether the JVM is still running. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Asks the JVM for a full garbage collection ({@code jcmd <pid> GC.run}) and waits until it is done. */
    public void collectGarbage() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
        jcmd.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd GC.run failed on process " + process.pid());
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public AxleClient admin() {
        return new AxleClient(baseUrl()).signIn("admin", RunningAxle.ADMIN_PASSWORD);
    }

    public String log() throws IOException {
        Path log = dataDir.resolve("axle.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** A new, empty data folder for a test's node, named with {@code prefix}. */
    public static Path tempDataDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP port free on loopback right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
