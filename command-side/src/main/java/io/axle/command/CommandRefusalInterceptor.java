package io.axle.command;

import io.axle.api.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Refuses commands holding control characters ({@link CommandText}), and turns the command side's refusals into {@link CommandExecutionException}s whose details are a {@link Refusal}:
 * {@link RuleViolationException} keeps its refusal, {@link AggregateNotFoundException} becomes 404 (rule
 * {@code must-exist}) and {@link AggregateStreamCreationException} 409 (rule {@code must-be-unique}), both naming the
 * command's target identifier field.
 *
 * <p>A duplicate aggregate id is normally detected only when the events are stored, after every handler interceptor
 * has returned; so for the commands that create an aggregate the interceptor first asks whether the stream exists.
 */
public class CommandRefusalInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final ClassValue<String> TARGET_FIELD = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(TargetAggregateIdentifier.class)) {
                    return field.getName();
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(TargetAggregateIdentifier.class)) {
                    return method.getName();
                }
            }
            return "id";
        }
    };

    private final Set<Class<?>> creationCommands;
    private final Predicate<String> aggregateExists;

    /** Converts refusals only, without checking creation commands for duplicate ids. */
    public CommandRefusalInterceptor() {
        this(Set.of(), id -> false);
    }

    /**
     * @param creationCommands payload types whose handler creates a new aggregate
     * @param aggregateExists  whether an event stream already exists for an aggregate id
     */
    public CommandRefusalInterceptor(Set<Class<?>> creationCommands, Predicate<String> aggregateExists) {
        this.creationCommands = Set.copyOf(creationCommands);
        this.aggregateExists = aggregateExists;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        String field = TARGET_FIELD.get(payload.getClass());
        try {
            CommandText.check(payload);
            rejectDuplicateCreation(payload, field);
            return chain.proceed();
        } catch (RuleViolationException e) {
            throw refused(e.refusal(), e);
        } catch (AggregateNotFoundException e) {
            throw refused(new Refusal(404, field, "must-exist",
                    field + " '" + e.getAggregateIdentifier() + "' does not exist"), e);
        } catch (AggregateStreamCreationException e) {
            throw refused(duplicate(field, targetId(payload, field)), e);
        }
    }

    /** The exception the command bus hands back to the sender for a refusal. */
    public static CommandExecutionException refused(Refusal refusal, Throwable cause) {
        return new CommandExecutionException(refusal.detail(), cause, refusal);
    }

    private void rejectDuplicateCreation(Object payload, String field) {
        if (!creationCommands.contains(payload.getClass())) {
            return;
        }
        String id = targetId(payload, field);
        if (id != null && aggregateExists.test(id)) {
            throw new RuleViolationException(duplicate(field, id));
        }
    }

    private static Refusal duplicate(String field, String id) {
        return new Refusal(409, field, "must-be-unique", field + " '" + id + "' already exists");
    }

    private static String targetId(Object payload, String field) {
        try {
            Method accessor = payload.getClass().getMethod(field);
            Object id = accessor.invoke(payload);
            return id == null ? null : id.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
