package io.axle.command;

import io.axle.platform.json.StrictJson;
import io.axle.platform.values.Leaves;

/**
 * Refuses a command holding text with a control character other than tab and line breaks, wherever it comes from (the
 * REST edge refuses them already, more strictly; a command sent by another process over Axon Server is checked here):
 * a NUL in a name or a street would otherwise be stored for good and break every document made from it.
 */
final class CommandText {

    private CommandText() {
    }

    /** Throws a 422 {@link RuleViolationException} (rule {@code no-control-characters}) naming the first bad field. */
    static void check(Object payload) {
        Leaves.forEach(payload, (path, value) -> {
            String wrong = value instanceof String text ? StrictJson.controlCharacterIn(text, true) : null;
            if (wrong != null) {
                String field = path.isEmpty() ? "value" : path;
                throw RuleViolationException.unprocessable(field, "no-control-characters", field + " " + wrong);
            }
        });
    }
}
