/** Long-running processes that coordinate several aggregates, runnable on their own with {@link io.axle.saga.SagaApplication}. */
package io.axle.saga;
