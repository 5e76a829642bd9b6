package io.axle.api.flash;

/**
 * Where a flash job is. REQUESTED until its first step is sent, RUNNING while steps go forward, ROLLING_BACK once the
 * backup is being restored; then one of the ends: COMPLETED (the new version installed), ROLLED_BACK (the backup
 * restored, the version unchanged), ABORTED (stopped before anything was written, the ECU untouched), FAILED (the
 * restore failed: the ECU needs a technician; a critical alarm), CANCELLED (cancelled before erasing).
 */
public enum FlashJobStatus {
    REQUESTED,
    RUNNING,
    ROLLING_BACK,
    COMPLETED,
    ROLLED_BACK,
    ABORTED,
    FAILED,
    CANCELLED;

    /** Whether the job ended. */
    public boolean finished() {
        return ordinal() >= COMPLETED.ordinal();
    }
}
