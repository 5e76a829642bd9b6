package io.axle.command.document.pipeline;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Sends the pipeline's commands so that each is stored as soon as it is handled. A command sent from an event handler's
 * own thread joins the handler's unit of work and transaction, and its events would be stored only when the handler
 * returns: a ten-page OCR would show no progress, and a process killed at page nine would lose the eight pages read.
 * Each command is therefore handled on a thread of {@code executor}, in its own unit of work, while the handler waits
 * for it; it carries the handler's correlation data, so the audit trail still links it to the event that caused it.
 */
class PipelineCommands implements AutoCloseable {

    private final CommandGateway commandGateway;
    private final Executor executor;
    private final Runnable shutdown;

    PipelineCommands(CommandGateway commandGateway, Executor executor) {
        this(commandGateway, executor, () -> {
        });
    }

    private PipelineCommands(CommandGateway commandGateway, Executor executor, Runnable shutdown) {
        this.commandGateway = commandGateway;
        this.executor = executor;
        this.shutdown = shutdown;
    }

    /**
     * Commands sent on {@code threads} threads of their own (not an application-wide executor bean, which would take
     * the place of Spring Boot's), stopped by {@link #close()}.
     */
    static PipelineCommands withThreads(CommandGateway commandGateway, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setThreadNamePrefix("document-pipeline-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return new PipelineCommands(commandGateway, executor, executor::shutdown);
    }

    @Override
    public void close() {
        shutdown.run();
    }

    /** Sends {@code command} and waits until it is stored; its failure is thrown here. */
    void send(Object command) {
        MetaData correlation = CurrentUnitOfWork.isStarted()
                ? MetaData.from(CurrentUnitOfWork.get().getCorrelationData()) : MetaData.emptyInstance();
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(correlation);
        try {
            CompletableFuture.runAsync(() -> commandGateway.sendAndWait(message), executor).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
