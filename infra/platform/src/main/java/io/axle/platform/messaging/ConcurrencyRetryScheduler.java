package io.axle.platform.messaging;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;

/**
 * Retries at a fixed interval what {@link ConcurrencyRetryPolicy} finds worth it, judging the failure as a whole: Axon's
 * own check also tests every cause, and the database exception under a real ConcurrencyException would veto the retry.
 */
public class ConcurrencyRetryScheduler extends IntervalRetryScheduler {

    public ConcurrencyRetryScheduler(IntervalRetryScheduler.Builder builder) {
        super(builder);
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !ConcurrencyRetryPolicy.isRetryable(failure);
    }
}
