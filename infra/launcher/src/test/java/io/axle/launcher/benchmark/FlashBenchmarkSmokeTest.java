package io.axle.launcher.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flash benchmark of {@code scripts/benchmark.sh flashes} on a few vehicles for a few seconds: it runs to its end,
 * flashes every vehicle with none failing, and reports its figures and the raw commit rate. No timing is asserted:
 * the build machine's speed is not the benchmark's.
 */
class FlashBenchmarkSmokeTest {

    @Test
    void flashesAFewVehiclesAndReportsBesideTheRawCommitRate() throws Exception {
        FlashBenchmark.Report report = FlashBenchmark.run(3, 4, 1, List.of());

        assertThat(report.flashes()).as("jobs asked for 3 vehicles").isGreaterThanOrEqualTo(3);
        assertThat(report.failures()).as("jobs that did not complete").isEmpty();
        assertThat(report.eventsPerFlash()).as("events of one flash").isGreaterThan(10);
        assertThat(report.rawCommitsPerSecond()).isPositive();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.print(printed.toString(StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("flashes/s", "request -> COMPLETED", "ratio events appended/s : raw commits/s");
    }
}
