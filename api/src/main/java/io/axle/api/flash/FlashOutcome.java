package io.axle.api.flash;

/** What a dongle answers about a step: done, failed, or still going with a progress figure (transfer). */
public enum FlashOutcome {
    OK,
    FAILED,
    PROGRESS
}
