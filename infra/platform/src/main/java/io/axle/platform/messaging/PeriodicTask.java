package io.axle.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.AxonThreadFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A task run on its own thread at a fixed delay while the application runs: started after Axon's processors, stopped
 * before them. The task catches its own failures; one that escapes ends the repetitions.
 */
class PeriodicTask implements SmartLifecycle {

    private final String threadName;
    private final Duration every;
    private final Runnable task;
    private ScheduledExecutorService executor;

    PeriodicTask(String threadName, Duration every, Runnable task) {
        this.threadName = threadName;
        this.every = every;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory(threadName));
        executor.scheduleWithFixedDelay(task, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
