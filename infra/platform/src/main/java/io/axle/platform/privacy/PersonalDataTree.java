package io.axle.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reveals the personal data tokens in a JSON tree kept as Axon's mapper wrote it (a copy of an event payload in a read
 * model): each token becomes the value it holds, or null once its subject is erased. So a read model keeping payloads
 * keeps no plaintext personal data, and needs no rewrite when a subject is erased.
 */
public final class PersonalDataTree {

    private final PersonalDataCipher cipher;
    private final ObjectMapper json;

    public PersonalDataTree(PersonalDataCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** {@code tree} with its tokens replaced by their values (null when erased); other values as they are. */
    public JsonNode reveal(JsonNode tree) {
        if (tree == null) {
            return null;
        }
        if (tree.isTextual() && PersonalDataCipher.isToken(tree.asText())) {
            Optional<byte[]> value = cipher.decrypt(tree.asText());
            try {
                return value.isEmpty() ? NullNode.getInstance() : json.readTree(value.get());
            } catch (IOException e) {
                throw new UncheckedIOException("A personal data token holds no JSON", e);
            }
        }
        if (tree instanceof ObjectNode object) {
            ObjectNode revealed = object.objectNode();
            object.properties().forEach(field -> revealed.set(field.getKey(), reveal(field.getValue())));
            return revealed;
        }
        if (tree instanceof ArrayNode array) {
            ArrayNode revealed = array.arrayNode();
            array.forEach(element -> revealed.add(reveal(element)));
            return revealed;
        }
        return tree;
    }
}
