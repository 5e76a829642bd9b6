package io.axle.platform.versioning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.axle.api.customer.CustomerRegisteredEvent;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link CustomerRegisteredEvent} from revision 1 (stored without revision, before personal data was encrypted) to
 * revision 2: an optional detail stored blank (VAT number, language, phone) becomes null, as revision 2 never stores
 * one, and the details that did not exist yet (phone, billing address) are written out as null. Personal fields stay
 * as stored: plain values of revision 1 are read as they are. The payload is rewritten from its bytes with decimals
 * kept exact, so the credit limit keeps its scale (a JSON tree of Axon's mapper would read it as a double).
 */
public final class CustomerRegisteredEventUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(CustomerRegisteredEvent.class.getName(), null);
    private static final String REVISION_2 = "2";
    private static final List<String> OPTIONAL = List.of("vatNumber", "language", "phone");
    private static final List<String> ADDED_LATER = List.of("phone", "billingAddress");
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(CustomerRegisteredEvent.class.getName(), REVISION_2),
                byte[].class, CustomerRegisteredEventUpcaster::toRevision2);
    }

    private static byte[] toRevision2(byte[] payload) {
        try {
            return EXACT.writeValueAsBytes(toRevision2((ObjectNode) EXACT.readTree(payload)));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable CustomerRegisteredEvent of revision 1", e);
        }
    }

    private static ObjectNode toRevision2(ObjectNode event) {
        for (String field : ADDED_LATER) {
            if (!event.has(field)) {
                event.putNull(field);
            }
        }
        for (String field : OPTIONAL) {
            JsonNode value = event.get(field);
            if (value != null && value.isTextual() && value.asText().isBlank()) {
                event.putNull(field);
            }
        }
        return event;
    }
}
