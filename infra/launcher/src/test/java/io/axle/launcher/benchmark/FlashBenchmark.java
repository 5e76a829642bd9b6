package io.axle.launcher.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleProcess;
import io.axle.launcher.e2e.FlashScenarios;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * The sustained rate of ECU flashes (issue #14): Axle runs in its own JVM with {@code vehicles} vehicles of its
 * in-process dongle simulator (reliable flashes, a frame a minute), each flashed again as soon as its previous job
 * ended, with the next version of a chain of firmware releases (1.1.0, 1.2.0, …, each replacing the one before), through
 * {@code POST /api/v1/flash-jobs} as an operator would. A vehicle's end of job is read on its live view
 * ({@code GET /api/v1/vehicles/{id}/updates}: the reservation released), checked by a poll when the view stays silent.
 * After a warm-up, it counts for {@code seconds} the jobs COMPLETED, reading their end and timeline from
 * {@code GET /api/v1/flash-jobs/{id}} once the load stopped: flashes per second, hour and day beside the seed's 3,000 a
 * day and the aim of 100,000, p50/p99 from request to COMPLETED and of each step (REQUESTED to CONFIRMED), and
 * every job that did not complete (none with the reliable simulator).
 *
 * <p>The raw peer is the commit rate of the same event store database in the same run: single-row transactions of
 * {@link OrderThroughputBenchmark#rawCommitRate} on the H2 file the application wrote, opened from this JVM once the
 * application stopped (the embedded database takes one process at a time). The ratio set beside it is the events the
 * flashes appended per second (those of one job's audit trail and of its vehicle's for that job) over raw commits per
 * second. Run with {@code scripts/benchmark.sh flashes [vehicles] [seconds]}.
 */
public final class FlashBenchmark {

    /** What the seed asks for, and what the issue aims at, in flashes a day. */
    static final double SEED_PER_DAY = 3_000;
    static final double AIM_PER_DAY = 100_000;
    /** Threads of the raw commit measure: the orders benchmark's default clients. */
    private static final int RAW_THREADS = 8;
    private static final int RAW_ROWS = 5_000;
    /** Threads posting flashes: a vehicle ready again waits for one of them. */
    private static final int REQUEST_THREADS = 4;
    /** A vehicle whose view said nothing for this long while its job runs is polled. */
    private static final Duration SILENT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final String ECU = FlashScenarios.ECU;

    public static void main(String[] args) throws Exception {
        int vehicles = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Report report = run(vehicles, seconds, Math.min(30, Math.max(5, seconds / 5)),
                List.of("-Xmx4g", "-XX:TieredStopAtLevel=4"));
        report.print(System.out);
        System.exit(0);
    }

    /**
     * Boots Axle with {@code jvmOptions}, flashes {@code vehicles} simulated vehicles over and over for {@code warmUp}
     * then {@code seconds} seconds, and measures the raw commit rate once it stopped.
     */
    static Report run(int vehicles, int seconds, int warmUp, List<String> jvmOptions) throws Exception {
        Path dataDir = AxleProcess.tempDataDir("axle-flash-bench");
        try {
            Load load;
            long boot = System.nanoTime();
            try (AxleProcess axle = AxleProcess.start(dataDir, AxleProcess.freePort(), Map.of(
                    "axle.live-streams.max-per-caller", Integer.toString(2 * vehicles + 10),
                    "logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR"), jvmOptions)) {
                String adminKey = axle.admin().post("/api/v1/api-keys", Map.of("name", "flash-bench", "role", "ADMIN"))
                        .body().get("key").asText();
                AxleClient api = new AxleClient(axle.baseUrl()).withApiKey(adminKey);
                long ready = System.nanoTime();
                Chain chain = new Chain(api);
                chain.firmware(1);
                List<Car> cars = simulate(api, vehicles);
                System.out.printf("booted in %.1f s; %,d vehicles flashable in %.1f s%n", seconds(boot, ready),
                        cars.size(), seconds(ready, System.nanoTime()));
                load = Load.run(api, axle.baseUrl(), adminKey, cars, chain, warmUp, seconds);
                axle.kill();
            }
            long raw = System.nanoTime();
            double commits = rawCommits(dataDir);
            System.out.printf("raw commits measured in %.1f s%n", seconds(raw, System.nanoTime()));
            return new Report(vehicles, seconds, load, commits);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /** Simulated vehicles (reliable flashes, a frame a minute), once online with a battery reading and their ECU. */
    private static List<Car> simulate(AxleClient api, int count) throws InterruptedException {
        List<Car> cars = new ArrayList<>();
        for (int left = count; left > 0; left -= 1000) {
            AxleClient.Answer simulated = api.post("/api/v1/vehicles/simulate",
                    Map.of("count", Math.min(1000, left), "interval", 60));
            if (simulated.status() != 201) {
                throw new IllegalStateException("vehicles not simulated: " + simulated.raw().body());
            }
            simulated.body().get("vehicleIds").forEach(id -> cars.add(new Car(id.asText())));
        }
        for (Car car : cars) {
            boolean flashable = VehicleFleetBenchmark.awaitUntil(() -> {
                JsonNode vehicle = api.get("/api/v1/vehicles/" + car.vehicleId).body();
                car.version = ecuVersion(vehicle);
                return vehicle.path("online").asBoolean() && vehicle.path("latest").path("batteryV").isNumber()
                        && car.version != null;
            }, SETTLE);
            if (!flashable) {
                throw new IllegalStateException("vehicle " + car.vehicleId + " not flashable within " + SETTLE);
            }
        }
        return cars;
    }

    private static String ecuVersion(JsonNode vehicle) {
        for (JsonNode ecu : vehicle.path("ecus")) {
            if (ECU.equals(ecu.path("ecu").asText())) {
                return ecu.path("version").asText(null);
            }
        }
        return null;
    }

    /** Commits/s of single-row transactions on the application's event store file, from this JVM. */
    private static double rawCommits(Path dataDir) throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dataDir.resolve("eventstore").toAbsolutePath()
                + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
        database.setUser("sa");
        database.setPassword("");
        // held open so that the database is not closed and opened again between the measure's connections
        try (Connection held = database.getConnection()) {
            return OrderThroughputBenchmark.rawCommitRate(database, RAW_THREADS, RAW_ROWS);
        }
    }

    /** The firmware chain: version {@code 1.i.0} replaces {@code 1.(i-1).0}; released when first needed. */
    private static final class Chain {
        private final AxleClient api;
        private final Map<Integer, String> released = new ConcurrentHashMap<>();

        Chain(AxleClient api) {
            this.api = api;
        }

        String firmware(int index) {
            String firmwareId = released.get(index);
            if (firmwareId != null) {
                return firmwareId;
            }
            synchronized (this) {
                return released.computeIfAbsent(index, i -> FlashScenarios.release(api, version(i),
                        "[" + version(i - 1) + "," + version(i) + ")"));
            }
        }

        static String version(int index) {
            return "1." + index + ".0";
        }

        /** The index of {@code version} in the chain (1.0.0, the simulator's, is 0). */
        static int index(String version) {
            return Integer.parseInt(version.split("\\.")[1]);
        }
    }

    /** A simulated vehicle and the flash it runs. All but {@link #queued} are guarded by the car itself. */
    private static final class Car {
        final String vehicleId;
        String version;
        /** The job asked for and not seen ended yet, null when none. */
        String jobId;
        /** Whether the live view showed the vehicle held by {@link #jobId}. */
        boolean seenHeld;
        /** The job the live view last showed holding the vehicle. */
        String viewJobId;
        long changedNanos = System.nanoTime();
        final AtomicBoolean queued = new AtomicBoolean();

        Car(String vehicleId) {
            this.vehicleId = vehicleId;
        }

        /** Takes a view of the vehicle; true when it shows the job in flight ended. */
        synchronized boolean viewed(String holder, String installed) {
            changedNanos = System.nanoTime();
            viewJobId = holder;
            if (installed != null) {
                version = installed;
            }
            if (jobId == null) {
                return false;
            }
            if (jobId.equals(holder)) {
                seenHeld = true;
                return false;
            }
            if (holder == null && seenHeld) {
                jobId = null;
                return true;
            }
            return false;
        }

        synchronized void started(String job) {
            jobId = job;
            seenHeld = job.equals(viewJobId);
            changedNanos = System.nanoTime();
        }

        synchronized boolean silent() {
            return jobId != null && System.nanoTime() - changedNanos > SILENT.toNanos();
        }

        /** After a poll that found the vehicle released: the job in flight ended. */
        synchronized boolean released(String installed) {
            if (installed != null) {
                version = installed;
            }
            changedNanos = System.nanoTime();
            boolean ended = jobId != null;
            jobId = null;
            return ended;
        }

        synchronized boolean idle() {
            return jobId == null;
        }
    }

    /** The flashes asked during a run, and what was counted while asking. */
    private static final class Load {
        private final AxleClient api;
        private final List<Car> cars;
        private final Chain chain;
        private final BlockingQueue<Car> ready = new LinkedBlockingQueue<>();
        private final List<String> jobIds = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        private final AtomicInteger polled = new AtomicInteger();
        private volatile boolean asking = true;
        Instant windowStart;
        Instant windowEnd;
        List<JsonNode> jobs = List.of();
        int eventsPerFlash;
        int stuck;

        private Load(AxleClient api, List<Car> cars, Chain chain) {
            this.api = api;
            this.cars = cars;
            this.chain = chain;
        }

        static Load run(AxleClient api, String baseUrl, String apiKey, List<Car> cars, Chain chain, int warmUp,
                int seconds) throws Exception {
            Load load = new Load(api, cars, chain);
            LiveViews views = new LiveViews(baseUrl, apiKey);
            for (Car car : cars) {
                views.watch(car.vehicleId, vehicle -> load.viewed(car, vehicle));
            }
            ExecutorService requesters = Executors.newFixedThreadPool(REQUEST_THREADS);
            for (int i = 0; i < REQUEST_THREADS; i++) {
                requesters.submit(load::request);
            }
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
            poller.scheduleWithFixedDelay(load::pollSilent, 2, 2, TimeUnit.SECONDS);
            cars.forEach(load::enqueue);

            TimeUnit.SECONDS.sleep(warmUp);
            load.windowStart = Instant.now();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(10), end - System.nanoTime()));
                System.out.printf("%3.0f s: %,d flashes asked%n", (System.nanoTime() - start) / 1e9,
                        load.jobIds.size());
            }
            load.windowEnd = Instant.now();
            load.asking = false;
            requesters.shutdownNow();
            long drain = System.nanoTime();
            VehicleFleetBenchmark.awaitUntil(() -> cars.stream().allMatch(Car::idle), SETTLE);
            System.out.printf("running jobs ended in %.1f s once no more were asked%n", seconds(drain, System.nanoTime()));
            poller.shutdownNow();
            views.cancel();
            load.stuck = (int) cars.stream().filter(car -> !car.idle()).count();
            load.jobs = load.collect();
            load.eventsPerFlash = load.eventsOfOneFlash();
            return load;
        }

        private void enqueue(Car car) {
            if (car.queued.compareAndSet(false, true)) {
                ready.add(car);
            }
        }

        /** Flashes each vehicle taken from the queue with the version after its own. */
        private Void request() throws InterruptedException {
            while (asking) {
                Car car = ready.take();
                car.queued.set(false);
                if (!asking) {
                    return null;
                }
                String version;
                synchronized (car) {
                    version = car.version;
                }
                String firmwareId = chain.firmware(Chain.index(version) + 1);
                AxleClient.Answer started = api.post("/api/v1/flash-jobs", Map.of("vehicleId", car.vehicleId,
                        "ecu", ECU, "firmwareId", firmwareId));
                if (started.status() == 202) {
                    String jobId = started.body().get("flashJobId").asText();
                    jobIds.add(jobId);
                    car.started(jobId);
                } else {
                    // the vehicle's view lagged behind its release or its new version: read it again
                    refusals.computeIfAbsent(started.status() + " " + started.body().path("rule").asText("?"),
                            rule -> new AtomicInteger()).incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(200);
                    car.released(ecuVersion(api.get("/api/v1/vehicles/" + car.vehicleId).body()));
                    enqueue(car);
                }
            }
            return null;
        }

        /** Takes a view of the vehicle from its live stream: when its job ended, it is flashed again. */
        private void viewed(Car car, JsonNode vehicle) {
            String holder = vehicle.path("flashJobId").isTextual() ? vehicle.get("flashJobId").asText() : null;
            if (car.viewed(holder, ecuVersion(vehicle)) && asking) {
                enqueue(car);
            }
        }

        /** Reads the vehicles whose job runs with no word from their view for a while. */
        private void pollSilent() {
            for (Car car : cars) {
                if (!car.silent()) {
                    continue;
                }
                JsonNode vehicle = api.get("/api/v1/vehicles/" + car.vehicleId).body();
                if (vehicle.path("flashJobId").isNull() && car.released(ecuVersion(vehicle))) {
                    polled.incrementAndGet();
                    if (asking) {
                        enqueue(car);
                    }
                }
            }
        }

        /** Every job asked, as the read model shows it once ended (or when it gave up waiting). */
        private List<JsonNode> collect() throws Exception {
            ExecutorService readers = Executors.newFixedThreadPool(REQUEST_THREADS);
            List<Future<JsonNode>> views = new ArrayList<>();
            for (String jobId : List.copyOf(jobIds)) {
                views.add(readers.submit(() -> {
                    JsonNode[] job = new JsonNode[1];
                    VehicleFleetBenchmark.awaitUntil(() -> {
                        job[0] = api.get("/api/v1/flash-jobs/" + jobId).body();
                        return job[0].hasNonNull("finishedAt");
                    }, SETTLE);
                    return job[0];
                }));
            }
            List<JsonNode> jobs = new ArrayList<>();
            for (Future<JsonNode> view : views) {
                jobs.add(view.get());
            }
            readers.shutdown();
            return jobs;
        }

        /** The events of one completed job: its audit trail and its vehicle's events that name it. */
        private int eventsOfOneFlash() {
            JsonNode job = jobs.stream().filter(j -> "COMPLETED".equals(j.path("status").asText())).findFirst()
                    .orElse(null);
            if (job == null) {
                return 0;
            }
            String jobId = job.get("flashJobId").asText();
            int events = api.get("/api/v1/audit/FlashJob/" + jobId).body().size();
            for (JsonNode event : api.get("/api/v1/audit/Vehicle/" + job.get("vehicleId").asText()).body()) {
                if (event.path("payload").toString().contains(jobId)) {
                    events++;
                }
            }
            return events;
        }
    }

    /** The figures of a run. */
    record Report(int vehicles, int seconds, Load load, double rawCommitsPerSecond) {

        /** Jobs ended within the window. */
        List<JsonNode> inWindow() {
            return load.jobs.stream().filter(job -> job.hasNonNull("finishedAt")).filter(job -> {
                Instant finished = Instant.parse(job.get("finishedAt").asText());
                return !finished.isBefore(load.windowStart) && !finished.isAfter(load.windowEnd);
            }).toList();
        }

        long completedInWindow() {
            return inWindow().stream().filter(job -> "COMPLETED".equals(job.path("status").asText())).count();
        }

        double flashesPerSecond() {
            return completedInWindow() / (Duration.between(load.windowStart, load.windowEnd).toMillis() / 1000.0);
        }

        /** Jobs of the whole run (warm-up and drain included) that did not complete, by status. */
        Map<String, Integer> failures() {
            Map<String, Integer> failures = new TreeMap<>();
            load.jobs.forEach(job -> {
                if (!"COMPLETED".equals(job.path("status").asText())) {
                    failures.merge(job.path("status").asText("UNKNOWN"), 1, Integer::sum);
                }
            });
            return failures;
        }

        /** Jobs asked in the whole run. */
        int flashes() {
            return load.jobs.size();
        }

        int eventsPerFlash() {
            return load.eventsPerFlash;
        }

        void print(PrintStream out) {
            List<JsonNode> window = inWindow().stream()
                    .filter(job -> "COMPLETED".equals(job.path("status").asText())).toList();
            long[] total = window.stream().mapToLong(job -> Duration.between(
                    Instant.parse(job.get("requestedAt").asText()), Instant.parse(job.get("finishedAt").asText()))
                    .toMillis()).sorted().toArray();
            Map<String, List<Long>> steps = new LinkedHashMap<>();
            List<Long> allSteps = new ArrayList<>();
            for (JsonNode job : window) {
                Map<String, Instant> requested = new HashMap<>();
                for (JsonNode entry : job.path("steps")) {
                    String step = entry.path("step").asText();
                    Instant at = Instant.parse(entry.path("at").asText());
                    if ("REQUESTED".equals(entry.path("status").asText())) {
                        requested.put(step, at);
                    } else if ("CONFIRMED".equals(entry.path("status").asText()) && requested.containsKey(step)) {
                        long millis = Duration.between(requested.get(step), at).toMillis();
                        steps.computeIfAbsent(step, s -> new ArrayList<>()).add(millis);
                        allSteps.add(millis);
                    }
                }
            }
            double perSecond = flashesPerSecond();
            double perDay = perSecond * 86_400;
            out.printf("%n=== Flash benchmark: %,d simulated vehicles, each flashed again as soon as its job ends, %d s "
                    + "measured, %d cores ===%n", vehicles, seconds, Runtime.getRuntime().availableProcessors());
            out.printf("flashes asked: %,d in the whole run; completed within the window: %,d%n", load.jobs.size(),
                    window.size());
            out.printf("completed: %,10.2f flashes/s = %,.0f an hour = %,.0f a day%n", perSecond, perSecond * 3_600,
                    perDay);
            out.printf("ratio to the seed's %,.0f a day: %,.1f; to the issue's aim of %,.0f a day: %,.2f%n",
                    SEED_PER_DAY, perDay / SEED_PER_DAY, AIM_PER_DAY, perDay / AIM_PER_DAY);
            out.printf("request -> COMPLETED: p50 %d ms  p99 %d ms  max %d ms%n", MqttLoad.percentile(total, 50),
                    MqttLoad.percentile(total, 99), MqttLoad.percentile(total, 100));
            long[] all = allSteps.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf("step REQUESTED -> CONFIRMED, all steps (%,d): p50 %d ms  p99 %d ms%n", all.length,
                    MqttLoad.percentile(all, 50), MqttLoad.percentile(all, 99));
            steps.forEach((step, millis) -> {
                long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
                out.printf("  %-18s p50 %5d ms  p99 %5d ms%n", step, MqttLoad.percentile(sorted, 50),
                        MqttLoad.percentile(sorted, 99));
            });
            out.printf("not completed (whole run): %s; jobs still running after the drain: %d%n",
                    failures().isEmpty() ? "none" : failures(), load.stuck);
            out.printf("starts refused and asked again (the vehicle's view behind its release): %s; ends found by "
                    + "polling a silent view: %d%n", load.refusals.isEmpty() ? "none" : load.refusals, load.polled.get());
            out.printf("events per flash (the job's audit trail and its vehicle's): %d -> %,.1f events/s appended%n",
                    eventsPerFlash(), perSecond * eventsPerFlash());
            out.printf("raw single-row commits on the same H2 event store file (%d threads, after the run): %,10.0f "
                    + "commits/s%n", RAW_THREADS, rawCommitsPerSecond);
            out.printf("ratio events appended/s : raw commits/s: %.3f%n",
                    perSecond * eventsPerFlash() / rawCommitsPerSecond);
        }
    }

    private FlashBenchmark() {
    }
}
