package io.axle.gateway.vehicle.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.stereotype.Component;

/**
 * The simulated dongles of this node. {@link #simulate} registers vehicles (valid VINs of a North-American WMI with
 * their check digit, French plates) and pairs a dongle to each through {@link VehicleEnrolment} — the commands and key
 * issuance of the REST edge — then connects one {@link SimulatedDongle} per vehicle to the broker with its dongle key.
 * Dongles stop when asked ({@link #stopAll}) and before the broker stops with the node.
 */
@Component
public class SimulatedFleet implements SmartLifecycle {

    /** Honda of America: a WMI whose VINs must carry a valid check digit. */
    static final String WMI = "1HG";
    private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ";
    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);

    private final ObjectProvider<BrokerEndpoint> broker;
    private final ObjectProvider<VehicleEnrolment> enrolment;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Map<String, SimulatedDongle> dongles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    @Autowired
    public SimulatedFleet(ObjectProvider<BrokerEndpoint> broker, ObjectProvider<VehicleEnrolment> enrolment,
                          ObjectMapper objectMapper) {
        this(broker, enrolment, objectMapper, Clock.systemUTC());
    }

    SimulatedFleet(ObjectProvider<BrokerEndpoint> broker, ObjectProvider<VehicleEnrolment> enrolment,
                   ObjectMapper objectMapper, Clock clock) {
        this.broker = broker;
        this.enrolment = enrolment;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
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
     * Registers and pairs {@code count} vehicles and connects their dongles, each publishing every {@code interval};
     * answers the vehicle ids once every dongle is connected (online).
     */
    List<String> simulate(int count, Duration interval, String by) {
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
            SimulatedDongle dongle = new SimulatedDongle(vehicleId, dongleId, key.apiKey(), interval, endpoint,
                    objectMapper, clock);
            dongles.put(vehicleId, dongle);
            connections.add(dongle.start(scheduler));
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
