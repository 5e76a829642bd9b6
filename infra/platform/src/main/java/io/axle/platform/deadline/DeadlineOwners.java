package io.axle.platform.deadline;

import java.util.Set;
import java.util.TreeSet;

import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;

/**
 * Names the owner of a deadline: the saga type or aggregate type whose scope it fires in. The owner is the db-scheduler
 * task name a deadline is stored under, so a process polls only the deadlines of the sagas and aggregates it hosts.
 */
final class DeadlineOwners {

    /** Task name prefix of every owned deadline. */
    static final String PREFIX = "axle-deadline:";
    /** Task name under which Axon's own db-scheduler deadline manager stored every deadline. */
    static final String LEGACY_TASK = "AxonDeadline";

    private DeadlineOwners() {
    }

    /** The task name of deadlines in the given scope: {@code axle-deadline:saga:<type>} or {@code ...:aggregate:<type>}. */
    static String taskName(ScopeDescriptor scope) {
        if (scope instanceof SagaScopeDescriptor saga) {
            return PREFIX + "saga:" + saga.getType();
        }
        if (scope instanceof AggregateScopeDescriptor aggregate) {
            return PREFIX + "aggregate:" + aggregate.getType();
        }
        return PREFIX + scope.getClass().getSimpleName();
    }

    /** A task name as an operator reads it: {@code saga RunLifecycleSaga}. */
    static String describe(String taskName) {
        return taskName.startsWith(PREFIX) ? taskName.substring(PREFIX.length()).replace(':', ' ') : taskName;
    }

    /** The task names of the sagas and aggregates the given Axon configuration hosts, as their scopes name them. */
    static Set<String> hostedBy(Configuration configuration) {
        Set<String> owners = new TreeSet<>();
        for (AggregateConfiguration<?> aggregate : configuration.findModules(AggregateConfiguration.class)) {
            owners.add(PREFIX + "aggregate:" + aggregateType(aggregate.aggregateType()));
        }
        for (SagaConfiguration<?> saga : configuration.eventProcessingConfiguration().sagaConfigurations()) {
            owners.add(PREFIX + "saga:" + saga.type().getSimpleName());
        }
        return owners;
    }

    /** As Axon's aggregate model names the type: {@code @AggregateRoot(type)} when given, else the simple name. */
    private static String aggregateType(Class<?> type) {
        return AnnotationUtils.findAnnotationAttributes(type, AggregateRoot.class)
                .map(attributes -> (String) attributes.get("type"))
                .filter(name -> !name.isEmpty())
                .orElse(type.getSimpleName());
    }
}
