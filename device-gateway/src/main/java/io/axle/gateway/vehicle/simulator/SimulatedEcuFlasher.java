package io.axle.gateway.vehicle.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axle.api.flash.FlashOutcome;
import io.axle.api.flash.FlashStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dongle's side of ECU flashes, for any MQTT client: fed the commands read on
 * {@code axle/dongles/{dongleId}/flash/commands} ({@link #onCommand}), it answers through its {@link DongleLink} as a
 * dongle speaking to the ECUs would. Per ECU it keeps the installed image and version (a synthetic image per version,
 * {@link #syntheticImage}); per job the steps done, whose answers a repeated command gets again without the step
 * being redone, so ERASE happens at most once per job ({@link #erases}). BACKUP answers the installed image's SHA-256
 * and version, TRANSFER downloads the image ({@link ImageSource}) and writes it in ten blocks reporting progress,
 * VERIFY answers the SHA-256 of what was written, RESTORE re-flashes the backup and answers its SHA-256. A
 * {@link Behaviour} makes it fail at a chosen step or at random. Thread-safe: commands and the transfer's blocks take
 * turns.
 */
public final class SimulatedEcuFlasher {

    /** Blocks of a transfer: progress is reported every 10 %. */
    static final int BLOCKS = 10;
    /** The size of a synthetic image. */
    static final int IMAGE_SIZE = 16 * 1024;
    /** Jobs remembered per dongle (their answers; images only until the job ends); the oldest are forgotten beyond. */
    static final int JOBS_KEPT = 200;
    private static final Logger log = LoggerFactory.getLogger(SimulatedEcuFlasher.class);

    /** Where a simulated flash goes wrong. */
    public enum FailAt {
        /** The backup cannot be read: nothing was written. */
        BACKUP,
        /** The erase fails: the image is gone, the backup must be restored. */
        ERASE,
        /** The transfer fails half way. */
        TRANSFER,
        /** The checksum read back is not the firmware's. */
        VERIFY,
        /** The transfer fails, then the restore fails too: the ECU is left without an image. */
        RESTORE,
        /** The transfer is never answered; the restore is. */
        TIMEOUT,
        /** The dongle disconnects half way through the transfer, comes back, resumes and completes. */
        DISCONNECT;

        /** The failure named {@code name} ({@code backup}, ...), or {@code null}. */
        public static FailAt named(String name) {
            for (FailAt failAt : values()) {
                if (failAt.pathName().equals(name)) {
                    return failAt;
                }
            }
            return null;
        }

        public String pathName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How flashes go: with {@code failAt}, each flash fails there with {@code probability}; without, each flash fails
     * with {@code probability} at a step drawn at random; {@link #RELIABLE} never fails.
     */
    public record Behaviour(FailAt failAt, double probability) {

        public static final Behaviour RELIABLE = new Behaviour(null, 0);

        public Behaviour {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability is 0 to 1, not " + probability);
            }
        }

        /** Where one flash fails, or {@code null}. */
        FailAt draw(RandomGenerator random) {
            if (probability == 0 || (probability < 1 && random.nextDouble() >= probability)) {
                return null;
            }
            return failAt != null ? failAt : FailAt.values()[random.nextInt(FailAt.values().length)];
        }
    }

    /** The dongle's MQTT connection, as the flasher uses it. */
    public interface DongleLink {

        /** Publishes an answer on the dongle's status topic at QoS 1. */
        void publishStatus(byte[] payload);

        /** Drops the connection now, reconnects (same session) after {@code away}, then runs {@code back}. */
        void dropConnection(Duration away, Runnable back);
    }

    /** A firmware image and the version it installs ({@code null} when the source does not say). */
    public record FirmwareImage(byte[] bytes, String version) {
    }

    /** Where TRANSFER gets the firmware's image. */
    public interface ImageSource {

        /** The image of {@code firmwareId}, served at {@code imagePath}; throws when it cannot be had. */
        FirmwareImage download(String firmwareId, String imagePath) throws IOException;
    }

    /** An ECU of the simulated vehicle: its name, hardware and installed version. */
    public record Ecu(String ecu, String hardware, String version) {
    }

    /** How long a transfer block takes, and how long a disconnected dongle stays away. */
    public record Timing(Duration block, Duration away) {

        public static final Timing DEFAULT = new Timing(Duration.ofMillis(50), Duration.ofSeconds(3));
    }

    private final Map<String, Memory> memories = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > JOBS_KEPT;
        }
    };
    private final DongleLink link;
    private final ImageSource images;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RandomGenerator random;
    private final Timing timing;
    private final ObjectMapper json = new ObjectMapper();
    private Behaviour behaviour = Behaviour.RELIABLE;

    public SimulatedEcuFlasher(List<Ecu> ecus, DongleLink link, ImageSource images, ScheduledExecutorService scheduler,
                               Clock clock, RandomGenerator random, Timing timing) {
        ecus.forEach(ecu -> memories.put(ecu.ecu(), new Memory(syntheticImage(ecu.ecu(), ecu.version()),
                ecu.version())));
        this.link = link;
        this.images = images;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
        this.timing = timing;
    }

    /** Deterministic bytes standing for the image of {@code version} of {@code ecu}. */
    public static byte[] syntheticImage(String ecu, String version) {
        byte[] image = new byte[IMAGE_SIZE];
        MessageDigest digest = sha256();
        byte[] seed = ("axle-sim:" + ecu + ":" + version).getBytes(StandardCharsets.UTF_8);
        for (int offset = 0, block = 0; offset < IMAGE_SIZE; block++) {
            digest.update(seed);
            digest.update(Integer.toString(block).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = digest.digest();
            int length = Math.min(chunk.length, IMAGE_SIZE - offset);
            System.arraycopy(chunk, 0, image, offset, length);
            offset += length;
        }
        return image;
    }

    /** The SHA-256 of {@code bytes} in lower-case hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** How the next flashes go. */
    public synchronized void behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** How many times ERASE erased for {@code flashJobId} (at most once, whatever was asked). */
    public synchronized int erases(String flashJobId) {
        Job job = jobs.get(flashJobId);
        return job == null ? 0 : job.erases;
    }

    /** The version installed on {@code ecu}, {@code null} when unknown or erased. */
    public synchronized String installedVersion(String ecu) {
        Memory memory = memories.get(ecu);
        return memory == null ? null : memory.version;
    }

    /** The SHA-256 of the image in {@code ecu}'s memory. */
    public synchronized String installedChecksum(String ecu) {
        Memory memory = memories.get(ecu);
        return memory == null ? null : sha256(memory.image);
    }

    /** Handles one command read on the dongle's command topic; a payload that is no command is ignored (logged). */
    public synchronized void onCommand(byte[] payload) {
        Command command;
        try {
            command = Command.read(json.readTree(payload));
        } catch (IOException | RuntimeException e) {
            log.warn("Simulated dongle ignored a flash command it cannot read: {}", e.getMessage());
            return;
        }
        Job job = jobs.computeIfAbsent(command.flashJobId(), id -> new Job(id, command.ecu(),
                behaviour.draw(random)));
        Answer done = job.answers.get(command.step());
        if (done != null) {
            answer(job, command.step(), command.attempt(), done);
            return;
        }
        if (job.ended) {
            answer(job, command.step(), command.attempt(), Answer.failed("The flash job is over"));
            return;
        }
        if (command.step() == FlashStep.TRANSFER && job.transfer != null) {
            job.transfer.attempt = command.attempt();
            return;
        }
        Memory memory = memories.get(job.ecu);
        if (memory == null) {
            finish(job, command, Answer.failed("No ECU " + job.ecu + " answers on this vehicle"));
            return;
        }
        switch (command.step()) {
            case DIAGNOSTIC_SESSION, SECURITY_ACCESS, TRANSFER_EXIT -> finish(job, command, Answer.OK);
            case BACKUP -> backup(job, command, memory);
            case ERASE -> erase(job, command, memory);
            case TRANSFER -> transfer(job, command);
            case VERIFY -> verify(job, command);
            case RESET -> reset(job, command, memory);
            case RESTORE -> restore(job, command, memory);
        }
    }

    private void backup(Job job, Command command, Memory memory) {
        if (job.failAt == FailAt.BACKUP) {
            finish(job, command, Answer.failed("The ECU's image could not be read"));
            return;
        }
        job.backup = memory.image.clone();
        job.backupVersion = memory.version;
        finish(job, command, Answer.read(job.backup, job.backupVersion));
    }

    private void erase(Job job, Command command, Memory memory) {
        if (job.backup == null) {
            finish(job, command, Answer.failed("No backup was taken: the ECU is not erased"));
            return;
        }
        job.erases++;
        memory.erase();
        finish(job, command, job.failAt == FailAt.ERASE ? Answer.failed("The ECU did not confirm the erase")
                : Answer.OK);
    }

    private void transfer(Job job, Command command) {
        if (!Answer.OK.equals(job.answers.get(FlashStep.ERASE))) {
            finish(job, command, Answer.failed("The ECU's memory is not erased"));
            return;
        }
        FirmwareImage image;
        try {
            image = images.download(command.firmwareId(), command.imagePath());
        } catch (IOException | RuntimeException e) {
            finish(job, command, Answer.failed("The image could not be downloaded: " + e.getMessage()));
            return;
        }
        if (command.sha256() != null && !command.sha256().equalsIgnoreCase(sha256(image.bytes()))) {
            finish(job, command, Answer.failed("The downloaded image's SHA-256 is not the firmware's"));
            return;
        }
        job.transfer = new Transfer(image, command.attempt());
        if (job.failAt == FailAt.TIMEOUT) {
            // the ECU went silent: the transfer is never answered, not even with progress
            job.transfer.stopped = true;
            return;
        }
        scheduleBlock(job);
    }

    private synchronized void nextBlock(Job job) {
        Transfer transfer = job.transfer;
        if (transfer == null || transfer.stopped) {
            return;
        }
        byte[] bytes = transfer.image.bytes();
        int from = bytes.length * transfer.blocks / BLOCKS;
        transfer.blocks++;
        int to = bytes.length * transfer.blocks / BLOCKS;
        transfer.written.write(bytes, from, to - from);
        int percent = transfer.blocks * 100 / BLOCKS;
        boolean halfWay = transfer.blocks == BLOCKS / 2;
        Command command = new Command(job.id, job.ecu, FlashStep.TRANSFER, transfer.attempt, null, null, null);
        if (halfWay && (job.failAt == FailAt.TRANSFER || job.failAt == FailAt.RESTORE)) {
            transfer.stopped = true;
            finish(job, command, Answer.failed("The ECU stopped accepting blocks at " + percent + " %"));
            return;
        }
        if (transfer.blocks == BLOCKS) {
            transfer.stopped = true;
            job.written = transfer.written.toByteArray();
            job.writtenVersion = transfer.image.version();
            finish(job, command, new Answer(FlashOutcome.OK, 100, null, null, null));
            return;
        }
        answer(job, FlashStep.TRANSFER, transfer.attempt, new Answer(FlashOutcome.PROGRESS, percent, null, null,
                null));
        if (halfWay && job.failAt == FailAt.DISCONNECT && !transfer.disconnected) {
            transfer.disconnected = true;
            link.dropConnection(timing.away(), () -> scheduleBlock(job));
            return;
        }
        scheduleBlock(job);
    }

    private void scheduleBlock(Job job) {
        scheduler.schedule(() -> nextBlock(job), timing.block().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void verify(Job job, Command command) {
        if (job.written == null) {
            finish(job, command, Answer.failed("Nothing was transferred to verify"));
            return;
        }
        String checksum = sha256(job.written);
        if (job.failAt == FailAt.VERIFY) {
            byte[] corrupted = Arrays.copyOf(job.written, job.written.length + 1);
            checksum = sha256(corrupted);
        }
        finish(job, command, new Answer(FlashOutcome.OK, null, checksum, null, null));
    }

    private void reset(Job job, Command command, Memory memory) {
        if (job.written != null) {
            memory.write(job.written, job.writtenVersion);
        }
        job.release();
        finish(job, command, Answer.OK);
    }

    private void restore(Job job, Command command, Memory memory) {
        if (job.transfer != null) {
            job.transfer.stopped = true;
        }
        if (job.backup == null) {
            finish(job, command, Answer.failed("No backup to restore"));
            return;
        }
        if (job.failAt == FailAt.RESTORE) {
            memory.erase();
            job.release();
            finish(job, command, Answer.failed("The ECU did not accept the backup: it has no image"));
            return;
        }
        memory.write(job.backup, job.backupVersion);
        job.release();
        finish(job, command, Answer.read(memory.image, memory.version));
    }

    private void finish(Job job, Command command, Answer answer) {
        job.answers.put(command.step(), answer);
        answer(job, command.step(), command.attempt(), answer);
    }

    private void answer(Job job, FlashStep step, int attempt, Answer answer) {
        ObjectNode status = json.createObjectNode()
                .put("flashJobId", job.id)
                .put("step", step.name())
                .put("attempt", attempt)
                .put("outcome", answer.outcome().name().toLowerCase(Locale.ROOT));
        if (answer.progressPct() != null) {
            status.put("progressPct", answer.progressPct());
        }
        if (answer.checksum() != null) {
            status.put("checksum", answer.checksum());
        }
        if (answer.version() != null) {
            status.put("version", answer.version());
        }
        if (answer.reason() != null) {
            status.put("reason", answer.reason());
        }
        status.put("at", clock.instant().toString());
        try {
            link.publishStatus(json.writeValueAsBytes(status));
        } catch (IOException | RuntimeException e) {
            log.debug("Simulated dongle could not answer {} of job {}: {}", step, job.id, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one ECU's memory holds. */
    private static final class Memory {
        private byte[] image;
        private String version;

        private Memory(byte[] image, String version) {
            write(image, version);
        }

        private void write(byte[] image, String version) {
            this.image = image;
            this.version = version;
        }

        private void erase() {
            write(new byte[0], null);
        }
    }

    /** One flash job as the dongle lives it. */
    private static final class Job {
        private final String id;
        private final String ecu;
        private final FailAt failAt;
        private final Map<FlashStep, Answer> answers = new EnumMap<>(FlashStep.class);
        private int erases;
        private boolean ended;
        private byte[] backup;
        private String backupVersion;
        private Transfer transfer;
        private byte[] written;
        private String writtenVersion;

        private Job(String id, String ecu, FailAt failAt) {
            this.id = id;
            this.ecu = ecu;
            this.failAt = failAt;
        }

        /** Drops the images of a job that ended: only its answers are kept, to be given again. */
        private void release() {
            ended = true;
            backup = null;
            written = null;
            transfer = null;
        }
    }

    /** A transfer under way. */
    private static final class Transfer {
        private final FirmwareImage image;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private int attempt;
        private int blocks;
        private boolean stopped;
        private boolean disconnected;

        private Transfer(FirmwareImage image, int attempt) {
            this.image = image;
            this.attempt = attempt;
        }
    }

    /** The answer to a step, sent again as it was when the step is asked again. */
    private record Answer(FlashOutcome outcome, Integer progressPct, String checksum, String version, String reason) {

        static final Answer OK = new Answer(FlashOutcome.OK, null, null, null, null);

        /** The answer of a step that read an image: its checksum, and the version it holds. */
        static Answer read(byte[] image, String version) {
            return new Answer(FlashOutcome.OK, null, sha256(image), version, null);
        }

        static Answer failed(String reason) {
            return new Answer(FlashOutcome.FAILED, null, null, null, reason);
        }
    }

    /** The fields of a flash command the dongle needs. */
    private record Command(String flashJobId, String ecu, FlashStep step, int attempt, String firmwareId,
                           String sha256, String imagePath) {

        static Command read(JsonNode command) {
            return new Command(command.get("flashJobId").asText(), command.get("ecu").asText(),
                    FlashStep.valueOf(command.get("step").asText()), command.path("attempt").asInt(),
                    text(command, "firmwareId"), text(command, "sha256"), text(command, "imagePath"));
        }

        private static String text(JsonNode command, String field) {
            JsonNode value = command.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}
