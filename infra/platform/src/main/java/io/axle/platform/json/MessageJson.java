package io.axle.platform.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How Axle reads the JSON it wrote itself (events, commands, sagas, tokens, dead letters): with read limits no tighter
 * than what Jackson lets it write, so that a message stored once can always be read back, whatever it holds. Bounds on
 * what may enter a message belong to the edge ({@link StrictJson}) and the domain, never to the store.
 */
public final class MessageJson {

    private MessageJson() {
    }

    /** Lifts {@code mapper}'s read limits to its write limits, and returns it. */
    public static ObjectMapper readsWhatItWrites(ObjectMapper mapper) {
        StreamWriteConstraints written = mapper.getFactory().streamWriteConstraints();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .maxDocumentLength(0L)
                .maxTokenCount(0L)
                .maxNestingDepth(written.getMaxNestingDepth())
                .build());
        return mapper;
    }
}
