package io.axle.launcher.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleProcess;
import io.axle.vehicles.Vins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The scale of the vehicles' telemetry (issue #13): enrols {@code dongles} vehicles with paired dongles through the REST
 * API of the application running in its own JVM, connects one MQTT 5 client per dongle with the dongle's own device key, and has each publish a mode 01
 * frame (QoS 1, on {@code axle/vehicles/{vehicleId}/obd}) every {@code interval} seconds, phases spread evenly, for
 * {@code seconds}. It reports the dongles connected and the vehicles the gateway counts online, frames/s offered and
 * stored in the read model, acknowledged against stored frames once drained, and the latency from a frame's {@code at}
 * to the live update of its vehicle's view ({@code GET /api/v1/vehicles/{id}/updates}) for a sample of watched vehicles. A flat-out phase (every dongle publishing
 * as fast as its acknowledgements allow) gives the highest stored rate, beside the raw rate of the same in-process
 * broker for as many publishers and the same payloads to one plain subscriber, and the ratio of the two.
 *
 * <p>The dongles live in this JVM and the application in another, as a real fleet connects from elsewhere: each
 * dongle costs one open file on either side (the report states this side's limit). The application's JVM has the
 * heap and compiler of {@code scripts/run.sh}'s defaults. Run with {@code scripts/benchmark.sh vehicles [dongles] [seconds] [interval]}.
 */
public final class VehicleFleetBenchmark {

    private static final int ENROLMENT_THREADS = 8;
    private static final int CONNECTS_IN_FLIGHT = 200;
    private static final int LATENCY_SAMPLE = 300;
    /** Frames of the flat-out phase: five a dongle, fewer (one at least) above this many frames in all. */
    private static final int FLAT_OUT_FRAMES = 20_000;
    /** Open files of this process kept free for its own needs (classes, HTTP, watchers) while dongles connect. */
    private static final int FILE_RESERVE = 1_000;
    private static final String BY = "vehicle-fleet-benchmark";
    private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ";

    public static void main(String[] args) throws Exception {
        int dongles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int interval = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int mqttPort = AxleProcess.freePort();

        Path dataDir = AxleProcess.tempDataDir("axle-vehicles-bench");
        // Registering and pairing create claim aggregates, each first looked up: Axon logs every lookup of one not yet
        // created as a warning with its stack trace, two a vehicle, which would weigh on the enrolment rate measured.
        try (AxleProcess axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of(
                "axle.mqtt.embedded.port", Integer.toString(mqttPort),
                "axle.live-streams.max-per-caller", Integer.toString(2 * LATENCY_SAMPLE),
                "logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR"),
                List.of("-Xmx4g", "-XX:TieredStopAtLevel=4"))) {
            String adminKey = axle.admin().post("/api/v1/api-keys", Map.of("name", "bench-rig", "role", "ADMIN")).body()
                    .get("key").asText();
            AxleClient api = new AxleClient(axle.baseUrl()).withApiKey(adminKey);
            LongSupplier stored = () -> storedFrames(api);

            long enrolStart = System.nanoTime();
            List<Dongle> fleet = enrol(api, dongles);
            double enrolSeconds = (System.nanoTime() - enrolStart) / 1e9;

            long fileLimit = openFileLimit();
            long openBefore = openFiles();
            int affordable = (int) Math.max(0, fileLimit - openBefore - FILE_RESERVE);
            if (affordable < fleet.size()) {
                System.out.printf("open files: %d of %d in use; one per dongle leaves room for %d dongles of %d%n",
                        openBefore, fileLimit, affordable, fleet.size());
            }
            long connectStart = System.nanoTime();
            Connected connected = connect(fleet.subList(0, Math.min(affordable, fleet.size())),
                    dongle -> MqttLoad.client("bench-dongle-" + dongle.dongleId(), mqttPort, dongle.dongleId(),
                            dongle.apiKey()));
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            long openConnected = openFiles();
            int online = awaitOnline(api, connected.clients().size());

            // Each figure is printed once measured: a later phase that does not finish leaves the earlier ones.
            System.out.printf("%n=== Vehicles benchmark: %,d dongles asked, a frame every %d s each for %d s, MQTT QoS 1, "
                    + "%d cores ===%n", dongles, interval, seconds, Runtime.getRuntime().availableProcessors());
            System.out.printf("enrolled (registered + paired): %,d vehicles in %.1f s = %,.0f vehicles/s (%d threads)%n",
                    fleet.size(), enrolSeconds, fleet.size() / enrolSeconds, ENROLMENT_THREADS);
            System.out.printf("connected dongles: %,d in %.1f s (%,d refused or timed out%s); online in the read "
                    + "model (a minute at most): %,d%n",
                    connected.clients().size(), connectSeconds, connected.failures(),
                    connected.firstError() == null ? "" : ", first: " + connected.firstError(), online);
            System.out.printf("open files: %,d before connecting, %,d connected, limit %,d%n", openBefore, openConnected,
                    fileLimit);

            long storedBefore = stored.getAsLong();
            Watchers watchers = Watchers.watch(axle.baseUrl(), adminKey, connected.dongles(), LATENCY_SAMPLE);
            Sustained sustained = sustained(connected, seconds, interval, stored, watchers);
            watchers.cancel();
            System.out.printf("offered: %,10.1f frames/s  (%,d published, %,d acknowledged, %,d refused)%n",
                    sustained.published() / (double) seconds, sustained.published(), sustained.acked(),
                    sustained.refused());
            System.out.printf("stored in read model during the window: %,10.1f frames/s; after draining %,d stored of %,d "
                    + "acknowledged (%s)%n", sustained.storedInWindow() / (double) seconds, sustained.storedAfterDrain(),
                    sustained.acked(), sustained.storedAfterDrain() >= sustained.acked() ? "none lost" : "NOT ALL STORED");
            System.out.printf("frame at -> read model update (%d watched vehicles, %,d updates): p50 %d ms  p95 %d ms  "
                    + "p99 %d ms  max %d ms%n", watchers.size(), sustained.latencies().length,
                    MqttLoad.percentile(sustained.latencies(), 50), MqttLoad.percentile(sustained.latencies(), 95),
                    MqttLoad.percentile(sustained.latencies(), 99), MqttLoad.percentile(sustained.latencies(), 100));

            // a backlog the drain left is stored first: the flat-out figure then includes it, and says so
            long backlog = Math.max(0, storedBefore + sustained.acked() - stored.getAsLong());
            FlatOut flatOut = flatOut(connected, stored, storedBefore + sustained.acked());
            if (backlog > 0) {
                System.out.printf("(%,d acknowledged frames of the window were still to store when it started)%n",
                        backlog);
            }
            System.out.printf("flat out (%,d frames, %d per dongle, %d in flight each): acknowledged %,10.0f frames/s, "
                    + "stored %,10.0f frames/s%n", flatOut.frames(), flatOut.frames() / connected.clients().size(),
                    MqttLoad.IN_FLIGHT_PER_CLIENT, flatOut.ackedPerSecond(), flatOut.storedPerSecond());

            // Devices may publish only on their own topics: the raw measure is made by as many clients of an admin key.
            connected.clients().forEach(client -> client.disconnect().exceptionally(ignored -> null).join());
            awaitFilesBelow(openBefore + 200);
            Connected rawClients = connect(connected.dongles(),
                    dongle -> MqttLoad.client("bench-raw-" + dongle.dongleId(), mqttPort, "bench-rig", adminKey));
            double rawPerSecond = MqttLoad.raw(rawClients.clients(), mqttPort, "bench-rig", adminKey, flatOut.frames(),
                    i -> frame(Instant.now()));
            rawClients.clients().forEach(client -> client.disconnect().exceptionally(ignored -> null).join());
            System.out.printf("raw broker (%,d admin-key clients -> one subscriber, same payloads, no gateway): %,10.0f "
                    + "messages/s%n", rawClients.clients().size(), rawPerSecond);
            System.out.printf("ratio stored / raw broker: %.3f%n", flatOut.storedPerSecond() / rawPerSecond);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0);
    }

    private record Dongle(String vehicleId, String dongleId, String apiKey) {
    }

    /** The dongles whose clients connected, in the same order as their clients. */
    private record Connected(List<Dongle> dongles, List<Mqtt5AsyncClient> clients, int failures, String firstError) {
    }

    private record Sustained(long published, long acked, long refused, long storedInWindow, long storedAfterDrain,
            long[] latencies) {
    }

    private record FlatOut(int frames, double ackedPerSecond, double storedPerSecond) {
    }

    /** Registers and pairs {@code count} vehicles over HTTP from a few threads, showing progress every five seconds. */
    private static List<Dongle> enrol(AxleClient api, int count) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicInteger done = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(ENROLMENT_THREADS);
        List<Future<List<Dongle>>> parts = new ArrayList<>();
        for (int t = 0; t < ENROLMENT_THREADS; t++) {
            int first = t;
            parts.add(threads.submit(() -> {
                List<Dongle> part = new ArrayList<>();
                for (int n = first; n < count; n += ENROLMENT_THREADS) {
                    AxleClient.Answer registered = api.post("/api/v1/vehicles", Map.of("vin", vin(n), "plate", plate(n),
                            "plateCountry", "FR", "make", "Bench"));
                    if (registered.status() != 201) {
                        throw new IllegalStateException("vehicle " + n + " not registered: " + registered.raw().body());
                    }
                    String vehicleId = registered.body().get("vehicleId").asText();
                    String dongleId = "bench-" + run + "-" + n;
                    AxleClient.Answer paired = api.post("/api/v1/vehicles/" + vehicleId + "/dongle",
                            Map.of("dongleId", dongleId));
                    if (paired.status() != 201 && paired.status() != 200) {
                        throw new IllegalStateException("dongle " + dongleId + " not paired: " + paired.raw().body());
                    }
                    part.add(new Dongle(vehicleId, dongleId, paired.body().get("apiKey").asText()));
                    done.incrementAndGet();
                }
                return part;
            }));
        }
        threads.shutdown();
        long start = System.nanoTime();
        while (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("enrolled %,d of %,d (%,.0f vehicles/s)%n", done.get(), count, done.get() / elapsed);
        }
        List<Dongle> fleet = new ArrayList<>();
        for (Future<List<Dongle>> part : parts) {
            fleet.addAll(part.get());
        }
        return fleet;
    }

    /** Frames the read model has stored since the start: the count of its {@code vehicle_frames_stored_lag} timer. */
    private static long storedFrames(AxleClient api) {
        AxleClient.Answer metric = api.get("/actuator/metrics/vehicle_frames_stored_lag");
        if (metric.status() == 404) {
            return 0; // no frame stored yet
        }
        for (JsonNode measurement : metric.body().path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asText())) {
                return measurement.path("value").asLong();
            }
        }
        throw new IllegalStateException("no COUNT in " + metric.raw().body());
    }

    /** A valid VIN of Honda of America (a WMI whose VINs carry a check digit) with {@code n} as its serial. */
    static String vin(int n) {
        StringBuilder vin = new StringBuilder("1HGCM8")
                .append(VIN_LETTERS.charAt(n / 1_000_000 % VIN_LETTERS.length()))
                .append("A0RA").append(String.format("%06d", n % 1_000_000));
        vin.setCharAt(8, Vins.checkDigit(vin.toString()));
        return vin.toString();
    }

    /** A French plate ({@code AB-123-CD}) numbered after {@code n}. */
    private static String plate(int n) {
        return "" + PLATE_LETTERS.charAt(n / 999 / 23 % 23) + PLATE_LETTERS.charAt(n / 999 % 23) + "-"
                + String.format("%03d", 1 + n % 999) + "-BV";
    }

    /** Connects a client per dongle, {@value #CONNECTS_IN_FLIGHT} at a time; the ones that fail are left out. */
    private static Connected connect(List<Dongle> dongles, Function<Dongle, Mqtt5AsyncClient> clients)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        Map<Dongle, Mqtt5AsyncClient> connected = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long lastReport = System.nanoTime();
        for (Dongle dongle : dongles) {
            inFlight.acquire();
            Mqtt5AsyncClient client = clients.apply(dongle);
            client.connectWith().cleanStart(true).send().orTimeout(30, TimeUnit.SECONDS).whenComplete((ack, error) -> {
                if (error == null) {
                    connected.put(dongle, client);
                } else {
                    failures.incrementAndGet();
                    firstError.compareAndSet(null, error.toString());
                }
                inFlight.release();
            });
            if (System.nanoTime() - lastReport > 5e9) {
                lastReport = System.nanoTime();
                System.out.printf("connected %,d of %,d (%,d failed)%n", connected.size(), dongles.size(), failures.get());
            }
        }
        inFlight.acquire(CONNECTS_IN_FLIGHT);
        List<Dongle> order = dongles.stream().filter(connected::containsKey).toList();
        return new Connected(order, order.stream().map(connected::get).toList(), failures.get(), firstError.get());
    }

    /** The vehicles the read model shows online once it shows {@code expected} of them, or after a minute. */
    private static int awaitOnline(AxleClient api, int expected) throws InterruptedException {
        LongSupplier online = () -> api.get("/api/v1/vehicles?online=true&size=1").body().path("totalElements")
                .asLong();
        awaitUntil(() -> online.getAsLong() >= expected, Duration.ofMinutes(1));
        return (int) online.getAsLong();
    }

    /**
     * Every connected dongle publishes a frame every {@code interval} seconds for {@code seconds}, the dongles' phases
     * spread evenly over the interval; then waits for every acknowledgement and for the read model to hold every
     * acknowledged frame.
     */
    private static Sustained sustained(Connected connected, int seconds, int interval, LongSupplier stored,
            Watchers watchers) throws InterruptedException {
        List<Mqtt5AsyncClient> clients = connected.clients();
        AtomicLong published = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        long periodMillis = interval * 1000L;
        long storedBefore = stored.getAsLong();
        watchers.record(true);
        long start = System.nanoTime();
        for (int i = 0; i < clients.size(); i++) {
            Mqtt5AsyncClient client = clients.get(i);
            String topic = "axle/vehicles/" + connected.dongles().get(i).vehicleId() + "/obd";
            scheduler.scheduleAtFixedRate(() -> {
                published.incrementAndGet();
                client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(frame(Instant.now()).getBytes(StandardCharsets.UTF_8)).send()
                        .whenComplete((result, error) -> {
                            if (error != null || result.getError().isPresent()) {
                                refused.incrementAndGet();
                            } else {
                                acked.incrementAndGet();
                            }
                        });
            }, i * periodMillis / clients.size(), periodMillis, TimeUnit.MILLISECONDS);
        }
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(5), Math.max(0, end - System.nanoTime())));
            System.out.printf("%3.0f s: published %,d, acknowledged %,d, stored %,d%n", (System.nanoTime() - start) / 1e9,
                    published.get(), acked.get(), stored.getAsLong() - storedBefore);
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        long storedInWindow = stored.getAsLong() - storedBefore;
        awaitUntil(() -> acked.get() + refused.get() >= published.get(), Duration.ofMinutes(2));
        awaitUntil(() -> stored.getAsLong() - storedBefore >= acked.get(), Duration.ofMinutes(5));
        watchers.record(false);
        return new Sustained(published.get(), acked.get(), refused.get(), storedInWindow,
                stored.getAsLong() - storedBefore, watchers.latencies());
    }

    /**
     * Every connected dongle publishes a few frames as fast as acknowledgements allow; stored once the counter passes
     * {@code storedBefore} (the frames acknowledged before) by all of them.
     */
    private static FlatOut flatOut(Connected connected, LongSupplier stored, long storedBefore)
            throws InterruptedException {
        int dongles = connected.clients().size();
        int frames = dongles * Math.max(1, Math.min(5, FLAT_OUT_FRAMES / dongles));
        long start = System.nanoTime();
        MqttLoad.publish(connected.clients(), frames, 0,
                i -> "axle/vehicles/" + connected.dongles().get(i % connected.dongles().size()).vehicleId() + "/obd",
                i -> frame(Instant.now()));
        double ackedSeconds = (System.nanoTime() - start) / 1e9;
        if (!awaitUntil(() -> stored.getAsLong() - storedBefore >= frames, Duration.ofMinutes(10))) {
            throw new IllegalStateException("only " + (stored.getAsLong() - storedBefore) + " of " + frames
                    + " flat-out frames reached the read model");
        }
        double storedSeconds = (System.nanoTime() - start) / 1e9;
        return new FlatOut(frames, frames / ackedSeconds, frames / storedSeconds);
    }

    /**
     * A mode 01 frame read at {@code at}: engine speed, vehicle speed, coolant, control module voltage, fuel level and
     * odometer in hex as a dongle reads them, the values drawn within the ranges of a running car.
     */
    static String frame(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "{\"at\":\"" + at + "\",\"pids\":{"
                + "\"0C\":\"" + String.format("%04X", random.nextInt(700, 4_000) * 4) + "\","
                + "\"0D\":\"" + String.format("%02X", random.nextInt(0, 131)) + "\","
                + "\"05\":\"" + String.format("%02X", random.nextInt(75, 106) + 40) + "\","
                + "\"42\":\"" + String.format("%04X", random.nextInt(12_000, 14_600)) + "\","
                + "\"2F\":\"" + String.format("%02X", random.nextInt(20, 256)) + "\","
                + "\"A6\":\"" + String.format("%08X", random.nextInt(100_000, 3_000_000)) + "\"}}";
    }

    /**
     * Watches a sample of vehicles through their live streams ({@code GET /api/v1/vehicles/{id}/updates}) and, while
     * recording, the latency of each newer frame their views show.
     */
    private static final class Watchers {

        private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean recording;
        private LiveViews views;
        private int size;

        static Watchers watch(String baseUrl, String apiKey, List<Dongle> dongles, int sample) {
            Watchers watchers = new Watchers();
            watchers.views = new LiveViews(baseUrl, apiKey);
            int step = Math.max(1, dongles.size() / sample);
            for (int i = 0; i < dongles.size() && watchers.size < sample; i += step) {
                String vehicleId = dongles.get(i).vehicleId();
                watchers.views.watch(vehicleId, view -> {
                    String at = view.at("/latest/at").asText(null);
                    if (at != null) {
                        watchers.seen(vehicleId, Instant.parse(at));
                    }
                });
                watchers.size++;
            }
            return watchers;
        }

        private void seen(String vehicleId, Instant at) {
            Instant now = Instant.now();
            if (!recording) {
                return;
            }
            Instant previous = lastSeen.put(vehicleId, at);
            if (previous == null || at.isAfter(previous)) {
                latencies.add(Duration.between(at, now).toMillis());
            }
        }

        void record(boolean on) {
            recording = on;
        }

        int size() {
            return size;
        }

        long[] latencies() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }
        }

        void cancel() {
            views.cancel();
        }
    }

    static boolean awaitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    private static void awaitFilesBelow(long files) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (openFiles() > files && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    /** The soft limit of open files of this process (Linux), or a large number where it cannot be read. */
    private static long openFileLimit() throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.exists(limits)) {
            return Long.MAX_VALUE / 4;
        }
        return Files.readAllLines(limits).stream().filter(line -> line.startsWith("Max open files"))
                .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                .map(value -> value.equals("unlimited") ? Long.MAX_VALUE / 4 : Long.parseLong(value))
                .findFirst().orElse(Long.MAX_VALUE / 4);
    }
}
