package io.axle.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Records, on every message created while a command is handled, which command that was ({@link MessageMetadata#COMMAND})
 * and what caused it ({@link MessageMetadata#COMMAND_CAUSATION_ID}). Commands are not stored, so this is how a
 * causation chain keeps its command links: event, then the command it made a handler send, then that command's events.
 */
public class CommandOriginProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (!(message instanceof CommandMessage<?> command)) {
            return Map.of();
        }
        Map<String, Object> origin = new HashMap<>();
        String name = command.getCommandName();
        origin.put(MessageMetadata.COMMAND, name.substring(name.lastIndexOf('.') + 1));
        Object causation = command.getMetaData().get(MessageMetadata.CAUSATION_ID);
        if (causation != null) {
            origin.put(MessageMetadata.COMMAND_CAUSATION_ID, causation);
        }
        return origin;
    }
}
