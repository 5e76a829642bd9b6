package io.axle.query.vehicle;

import static io.axle.query.vehicle.VehicleEvents.AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.FindCampaignTargetsQuery;
import io.axle.api.vehicle.EcuRecordedEvent;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import io.axle.query.InMemoryMongo;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which vehicles a campaign targets, asked of the vehicle read model written by its projection on the embedded MongoDB
 * wire server: make, model, year range, listed ids, the ECU, the order of registration and the limit.
 */
class CampaignTargetsTest {

    private InMemoryMongo mongo;
    private VehicleProjection projection;
    private CampaignTargets targets;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        projection = new VehicleProjection(mongo.template(), SimpleQueryUpdateEmitter.builder().build(),
                new OnlineVehicles(Map.of()), () -> { });
        targets = new CampaignTargets(mongo.template());
        // registered in this order, one minute apart: v-5 first, so that the order is not the ids'
        register(5, "v-5", "Renault", "Master", 2020, 2020, "ECM");
        register(1, "v-1", "RENAULT", "master", 2018, 2018, "ECM");
        register(2, "v-2", "Renault", "Master", null, 2021, "ECM");
        register(3, "v-3", "Renault", "Trafic", 2020, 2020, "ECM");
        register(4, "v-4", "Renault", "Master", 2020, 2020, "TCU");
        register(6, "v-6", "Iveco", "Daily", 2022, 2022, "ECM");
        register(7, "v-7", "Renault", "Master (LWB)", 2020, 2020, "ECM");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private long registered;

    private void register(int vin, String vehicleId, String make, String model, Integer year, Integer modelYear,
            String ecu) {
        projection.on(new VehicleRegisteredEvent(vehicleId, "VIN" + vin, "AB-" + vin, "FR", make, model, year,
                "maker", "FR", modelYear, null, List.of(), "admin"), 0, AT.plusSeconds(60 * registered++));
        projection.on(new EcuRecordedEvent(vehicleId, ecu, "hw-1", "1.0.0", "admin", AT), 1);
    }

    private List<String> ask(CampaignTarget target, String ecu, int limit) {
        return targets.handle(new FindCampaignTargetsQuery(target, ecu, limit));
    }

    @Test
    void theCommandSideAsksThroughTheQueryBusForAListOfIds() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(targets).subscribe(bus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(bus).build();

        List<String> ids = gateway.query(new FindCampaignTargetsQuery(new CampaignTarget("Iveco", null, null, null,
                null), "ECM", 10), ResponseTypes.multipleInstancesOf(String.class)).join();

        assertThat(ids).containsExactly("v-6");
    }

    @Test
    void makeAndModelMatchInAnyCaseButWhole() {
        assertThat(ask(new CampaignTarget("renault", "MASTER", null, null, null), "ECM", 100))
                .containsExactly("v-5", "v-1", "v-2");
    }

    @Test
    void aModelIsTakenLiterallyNotAsAPattern() {
        assertThat(ask(new CampaignTarget(null, "master (lwb)", null, null, null), "ECM", 100))
                .containsExactly("v-7");
    }

    @Test
    void theYearRangeReadsTheRegisteredYearElseTheModelYear() {
        assertThat(ask(new CampaignTarget("Renault", "Master", 2019, 2021, null), "ECM", 100))
                .containsExactly("v-5", "v-2");
        assertThat(ask(new CampaignTarget(null, null, 2021, null, null), "ECM", 100))
                .containsExactly("v-2", "v-6");
        assertThat(ask(new CampaignTarget(null, null, null, 2018, null), "ECM", 100))
                .containsExactly("v-1");
    }

    @Test
    void noCriteriaTargetsEveryVehicleWithTheEcuOldestRegistrationFirst() {
        assertThat(ask(new CampaignTarget(null, null, null, null, null), "ECM", 100))
                .containsExactly("v-5", "v-1", "v-2", "v-3", "v-6", "v-7");
        assertThat(ask(new CampaignTarget(null, null, null, null, null), "TCU", 100)).containsExactly("v-4");
    }

    @Test
    void listedIdsAreTakenExactlyWithoutTheUnknownOnesOrThoseWithoutTheEcu() {
        assertThat(ask(new CampaignTarget("Iveco", null, null, null, List.of("v-3", "v-x", "v-4", "v-1")), "ECM",
                100)).containsExactly("v-1", "v-3");
    }

    @Test
    void atMostTheLimit() {
        assertThat(ask(new CampaignTarget("Renault", null, null, null, null), "ECM", 2))
                .containsExactly("v-5", "v-1");
        assertThat(ask(new CampaignTarget("Renault", null, null, null, null), "ECM", 0)).isEmpty();
    }

    @Test
    void aVehicleOnlySeenByItsFramesIsNotRegisteredSoNotTargeted() {
        mongo.template().insert(new Document("_id", "v-9").append("ecus", List.of(new Document("ecu", "ECM"))),
                VehicleProjection.COLLECTION);

        assertThat(ask(new CampaignTarget(null, null, null, null, List.of("v-9", "v-1")), "ECM", 100))
                .containsExactly("v-1");
    }
}
