package io.axle.query.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.common.ListCriteria;
import io.axle.api.firmware.ExportFirmwareQuery;
import io.axle.api.firmware.FindFirmwareQuery;
import io.axle.api.firmware.FirmwareReleasedEvent;
import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.FirmwareView;
import io.axle.api.firmware.FirmwareWithdrawnEvent;
import io.axle.api.firmware.ListFirmwareQuery;
import io.axle.query.InMemoryMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The firmware projection's handlers called directly on the embedded MongoDB server: every event, twice, late. */
class FirmwareProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private InMemoryMongo mongo;
    private FirmwareProjection projection;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        projection = new FirmwareProjection(mongo.template());
        projection.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private FirmwareView find(String firmwareId) {
        return projection.handle(new FindFirmwareQuery(firmwareId));
    }

    private static FirmwareReleasedEvent released(String firmwareId, String ecu, String version, String notes,
            long seconds) {
        return new FirmwareReleasedEvent(firmwareId, ecu, version, "sha-" + firmwareId, 2048, ecu + "-" + version
                + ".bin", List.of(ecu + "-2*"), "[1.0.0,2.0.0)", notes, "admin", AT.plusSeconds(seconds));
    }

    @Nested
    class ReleaseAndWithdrawal {

        @Test
        void aReleasedFirmwareShowsEveryField() {
            projection.on(released("fw-1", "ECM", "1.1.0", "Idle fix", 0), 0);

            assertThat(find("fw-1")).isEqualTo(new FirmwareView("fw-1", "ECM", "1.1.0", "sha-fw-1", 2048,
                    "ECM-1.1.0.bin", List.of("ECM-2*"), "[1.0.0,2.0.0)", "Idle fix", FirmwareStatus.RELEASED, "admin",
                    AT, null, null));
        }

        @Test
        void releasingTwiceChangesNothing() {
            projection.on(released("fw-1", "ECM", "1.1.0", "Idle fix", 0), 0);
            projection.on(released("fw-1", "ECM", "9.9.9", "other", 5), 0);

            assertThat(find("fw-1").version()).isEqualTo("1.1.0");
        }

        @Test
        void aWithdrawnFirmwareKeepsItsFieldsAndShowsWhyOnceEvenWhenDeliveredTwice() {
            projection.on(released("fw-1", "ECM", "1.1.0", "Idle fix", 0), 0);
            projection.on(new FirmwareWithdrawnEvent("fw-1", "bricks ECM-2100", "admin", AT.plusSeconds(60)), 1);
            projection.on(new FirmwareWithdrawnEvent("fw-1", "again", "admin", AT.plusSeconds(90)), 1);

            FirmwareView firmware = find("fw-1");
            assertThat(firmware.status()).isEqualTo(FirmwareStatus.WITHDRAWN);
            assertThat(firmware.withdrawnReason()).isEqualTo("bricks ECM-2100");
            assertThat(firmware.withdrawnAt()).isEqualTo(AT.plusSeconds(60));
            assertThat(firmware.sha256()).isEqualTo("sha-fw-1");
        }

        @Test
        void anUnknownFirmwareIsNullAndAResetEmptiesTheCatalogue() {
            projection.on(released("fw-1", "ECM", "1.1.0", "Idle fix", 0), 0);
            projection.reset();

            assertThat(find("fw-1")).isNull();
            assertThat(find("fw-x")).isNull();
        }
    }

    @Nested
    class List_ {

        @BeforeEach
        void releaseThree() {
            projection.on(released("fw-1", "ECM", "1.0.0", "first", 1), 0);
            projection.on(released("fw-2", "TCU", "3.0", "Shift fix", 2), 0);
            projection.on(released("fw-3", "ECM", "1.1.0", "Idle fix", 3), 0);
            projection.on(new FirmwareWithdrawnEvent("fw-1", "old", "admin", AT.plusSeconds(9)), 1);
        }

        private List<String> ids(String ecu, FirmwareStatus status, String search) {
            return projection.page(new ListFirmwareQuery(ecu, status, ListCriteria.searching(search), 0, 20))
                    .content().stream().map(FirmwareView::firmwareId).toList();
        }

        @Test
        void newestFirstFilteredByEcuIgnoringCaseStatusAndSearch() {
            assertThat(ids(null, null, null)).containsExactly("fw-3", "fw-2", "fw-1");
            assertThat(ids("ecm", null, null)).containsExactly("fw-3", "fw-1");
            assertThat(ids(null, FirmwareStatus.RELEASED, null)).containsExactly("fw-3", "fw-2");
            assertThat(ids(null, null, "fix")).containsExactly("fw-3", "fw-2");
            assertThat(ids("ECM", FirmwareStatus.RELEASED, "1.1")).containsExactly("fw-3");
        }

        @Test
        void theExportStreamsWhatTheListMatchesInItsOrder() {
            List<FirmwareView> rows = projection.handle(new ExportFirmwareQuery(new ListFirmwareQuery(null, null,
                    new ListCriteria(null, null, null, "version", false), 0, 1), 10)).collectList().block();

            assertThat(rows).extracting(FirmwareView::firmwareId).containsExactly("fw-1", "fw-3", "fw-2");
        }
    }
}
