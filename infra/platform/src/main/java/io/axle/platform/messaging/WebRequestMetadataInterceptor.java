package io.axle.platform.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Adds {@code user}, {@code client}, {@code correlationId} and {@code causationId} to commands dispatched from a web
 * request. Commands dispatched while handling another message get them from Axon's correlation data providers instead.
 */
public class WebRequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final Supplier<Map<String, String>> currentRequestMetadata;

    /** @param currentRequestMetadata the metadata of the request on this thread, empty when there is none */
    public WebRequestMetadataInterceptor(Supplier<Map<String, String>> currentRequestMetadata) {
        this.currentRequestMetadata = currentRequestMetadata;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return command;
            }
            Map<String, String> request = currentRequestMetadata.get();
            if (request.isEmpty()) {
                return command;
            }
            Map<String, Object> missing = new HashMap<>();
            request.forEach((key, value) -> {
                if (value != null && !command.getMetaData().containsKey(key)) {
                    missing.put(key, value);
                }
            });
            return missing.isEmpty() ? command : command.andMetaData(missing);
        };
    }
}
