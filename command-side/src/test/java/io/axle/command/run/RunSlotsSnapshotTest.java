package io.axle.command.run;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.axle.api.run.RunSlotClaimedEvent;
import io.axle.api.run.RunSlotReleasedEvent;
import org.axonframework.serialization.SerializedObject;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static io.axle.api.run.RunSlots.ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The slots are snapshotted as JSON; a snapshot read back must hold the same runs in the same order. */
class RunSlotsSnapshotTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder().findAndAddModules().build())
            .build();

    @Test
    void theHoldersSurviveAJsonRoundTripInClaimOrder() {
        RunSlots slots = new RunSlots();
        slots.on(new RunSlotClaimedEvent(ID, "r-3", 1));
        slots.on(new RunSlotClaimedEvent(ID, "r-1", 2));
        slots.on(new RunSlotClaimedEvent(ID, "r-2", 3));
        slots.on(new RunSlotReleasedEvent(ID, "r-1", 2));

        SerializedObject<String> json = serializer.serialize(slots, String.class);
        RunSlots copy = serializer.deserialize(json);

        assertThat(json.getData()).isEqualTo("{\"slotsId\":\"" + ID + "\",\"holders\":[\"r-3\",\"r-2\"]}");
        assertThat(copy).usingRecursiveComparison().isEqualTo(slots);
        assertThat(copy).extracting("holders").asInstanceOf(InstanceOfAssertFactories.ITERABLE)
                .containsExactly("r-3", "r-2");
    }
}
