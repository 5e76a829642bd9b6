package io.axle.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value that is well formed but outside what Axle reads: a number too large or too precise, or text with
 * control characters. Carries the rule it broke; Jackson adds the path of the field.
 */
public class JsonLimitException extends JsonMappingException {

    private final String rule;

    JsonLimitException(JsonParser parser, String rule, String message) {
        super(parser, message);
        this.rule = rule;
    }

    /** The rule broken, such as {@code number-range} or {@code no-control-characters}. */
    public String rule() {
        return rule;
    }
}
