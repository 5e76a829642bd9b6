package io.axle.gateway.vehicle.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.vehicle.VehicleEnrolment;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.vehicles.Vins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * The simulated dongles of this node. {@link #simulate} registers vehicles (valid VINs of a North-American WMI with
 * their check digit, French plates) and pairs a dongle to each through {@link VehicleEnrolment} — the commands and key
 * issuance of the REST edge — records its ECUs ({@link #ECUS}), then connects one {@link SimulatedDongle} per vehicle
 * to the broker with its dongle key; each flashes its ECUs as its {@link SimulatedEcuFlasher.Behaviour} says.
 * Dongles stop when asked ({@link #stopAll}) and before the broker stops with the node.
 */
@Component
public class SimulatedFleet implements SmartLifecycle {

    /** Honda of America: a WMI whose VINs must carry a valid check digit. */
    static final String WMI = "1HG";
    private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ";
    /** The ECUs every simulated vehicle has, recorded through {@link VehicleEnrolment#recordEcu}. */
    static final List<SimulatedEcuFlasher.Ecu> ECUS = List.of(
            new SimulatedEcuFlasher.Ecu("engine", "SIM-ECM-1", "1.0.0"),
            new SimulatedEcuFlasher.Ecu("transmission", "SIM-TCM-1", "1.0.0"));
    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);

    private final ObjectProvider<BrokerEndpoint> broker;
    private final ObjectProvider<VehicleEnrolment> enrolment;
    private final ObjectMapper objectMapper;
    private final Environment environment;
    private final Clock clock;
    private final Map<String, SimulatedDongle> dongles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    @Autowired
    public SimulatedFleet(ObjectProvider<BrokerEndpoint> broker, ObjectProvider<VehicleEnrolment> enrolment,
                          ObjectMapper objectMapper, Environment environment) {
        this(broker, enrolment, objectMapper, environment, Clock.systemUTC());
    }

    public SimulatedFleet(ObjectProvider<BrokerEndpoint> broker, ObjectProvider<VehicleEnrolment> enrolment,
                          ObjectMapper objectMapper) {
        this(broker, enrolment, objectMapper, new StandardEnvironment(), Clock.systemUTC());
    }

    SimulatedFleet(ObjectProvider<BrokerEndpoint> broker, ObjectProvider<VehicleEnrolment> enrolment,
                   ObjectMapper objectMapper, Environment environment, Clock clock) {
        this.broker = broker;
        this.enrolment = enrolment;
        this.objectMapper = objectMapper;
        this.environment = environment;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "axle-dongle-simulator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Thrown when the node cannot simulate dongles (no broker, no enrolment, not connected in time). */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Registers and pairs {@code count} vehicles with the {@link #ECUS}, connects their dongles, each publishing every
     * {@code interval} and flashing as {@code flash} says; answers the vehicle ids once every dongle is connected
     * (online).
     */
    List<String> simulate(int count, Duration interval, SimulatedEcuFlasher.Behaviour flash, String by) {
        BrokerEndpoint endpoint = broker.getIfAvailable();
        if (endpoint == null) {
            throw new Unavailable("Simulated dongles have no MQTT broker: enable the in-process broker "
                    + "(axle.mqtt.embedded.enabled)");
        }
        VehicleEnrolment vehicles = enrolment.getIfAvailable();
        if (vehicles == null) {
            throw new Unavailable("This node cannot register vehicles (no command side)");
        }
        RandomGenerator random = ThreadLocalRandom.current();
        List<String> vehicleIds = new ArrayList<>();
        List<CompletableFuture<Void>> connections = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String vehicleId = vehicles.register(new VehicleEnrolment.Registration(vin(random), plate(random), "FR",
                    null, "Simulated", null, null), by);
            String dongleId = "sim-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            VehicleEnrolment.DongleCredentials key = vehicles.pair(vehicleId, dongleId, by);
            ECUS.forEach(ecu -> vehicles.recordEcu(vehicleId, ecu.ecu(), ecu.hardware(), ecu.version(), by));
            SimulatedDongle dongle = new SimulatedDongle(vehicleId, dongleId, key.apiKey(), interval, endpoint,
                    objectMapper, clock, scheduler, ECUS, new HttpImageSource(imageBaseUrl(), key.apiKey()));
            dongle.flasher().behaviour(flash);
            dongles.put(vehicleId, dongle);
            connections.add(dongle.start());
            vehicleIds.add(vehicleId);
        }
        try {
            CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new))
                    .get(SimulatedDongle.CONNECT_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while the simulated dongles connected");
        } catch (Exception e) {
            throw new Unavailable("Simulated dongles could not connect to the MQTT broker at " + endpoint + ": "
                    + e.getMessage());
        }
        log.info("Simulating {} dongles every {}", count, interval);
        return vehicleIds;
    }

    /** Switches {@code fault} on for the simulated dongle of {@code vehicleId}; {@code false} when there is none. */
    boolean fault(String vehicleId, DriveScenario.Fault fault) {
        SimulatedDongle dongle = dongles.get(vehicleId);
        if (dongle == null) {
            return false;
        }
        dongle.fault(fault);
        return true;
    }

    /** Makes the simulated dongle of {@code vehicleId} flash as {@code flash} says; {@code false} when there is none. */
    boolean flash(String vehicleId, SimulatedEcuFlasher.Behaviour flash) {
        SimulatedDongle dongle = dongles.get(vehicleId);
        if (dongle == null) {
            return false;
        }
        dongle.flasher().behaviour(flash);
        return true;
    }

    /** The flasher of the simulated dongle of {@code vehicleId}, if this node simulates it. */
    public Optional<SimulatedEcuFlasher> flasher(String vehicleId) {
        return Optional.ofNullable(dongles.get(vehicleId)).map(SimulatedDongle::flasher);
    }

    /**
     * Where simulated dongles download firmware images: {@code axle.vehicles.simulator.image-base-url}, by default this
     * node's own HTTP port on the loopback address.
     */
    private String imageBaseUrl() {
        return environment.getProperty("axle.vehicles.simulator.image-base-url",
                "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080"));
    }

    /** Disconnects every simulated dongle (their vehicles go offline) and answers how many there were. */
    int stopAll() {
        List<SimulatedDongle> stopping = List.copyOf(dongles.values());
        stopping.forEach(dongle -> {
            dongle.stop();
            dongles.remove(dongle.vehicleId(), dongle);
        });
        return stopping.size();
    }

    /** The vehicles whose dongles are simulated on this node. */
    public List<String> simulatedVehicles() {
        return List.copyOf(dongles.keySet());
    }

    /** A VIN of {@link #WMI} with a random descriptor, model year code and serial, and its computed check digit. */
    static String vin(RandomGenerator random) {
        StringBuilder vin = new StringBuilder(WMI);
        for (int i = 3; i < 17; i++) {
            vin.append(i >= 11 ? (char) ('0' + random.nextInt(10))
                    : VIN_LETTERS.charAt(random.nextInt(VIN_LETTERS.length())));
        }
        vin.setCharAt(8, '0');
        vin.setCharAt(9, 'R');
        vin.setCharAt(8, Vins.checkDigit(vin.toString()));
        return vin.toString();
    }

    /** A plate in the French form {@code AB-123-CD}. */
    static String plate(RandomGenerator random) {
        return "" + letter(random) + letter(random) + "-" + String.format("%03d", 1 + random.nextInt(999)) + "-"
                + letter(random) + letter(random);
    }

    private static char letter(RandomGenerator random) {
        return PLATE_LETTERS.charAt(random.nextInt(PLATE_LETTERS.length()));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Disconnects every simulated dongle before the broker they talk to stops. */
    @Override
    public void stop() {
        running = false;
        stopAll();
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return -900;
    }
}
