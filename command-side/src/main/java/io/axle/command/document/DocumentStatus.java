package io.axle.command.document;

import java.util.Set;

/** Where a document is in its pipeline (the same states as its read model). */
enum DocumentStatus {
    /** The original is stored; run 1 waits for the pipeline. */
    UPLOADED,
    /** A new run was asked for; its first page is not read yet. */
    REPROCESSING,
    /** Pages are being read (page n of m known). */
    READING,
    /** Every page is read; language, type and fields are under way. */
    UNDERSTANDING,
    /** The run ended and nothing needs an operator, or an operator validated the fields. */
    READY,
    /** The run ended with something below its threshold or missing: waits in the validation queue. */
    NEEDS_VALIDATION,
    /** The run failed, with the reason; a reprocess starts a new one. */
    FAILED;

    /** States in which a run is under way: no new run may start. */
    static final Set<DocumentStatus> RUN_UNDER_WAY = Set.of(UPLOADED, REPROCESSING, READING, UNDERSTANDING);
    /** States in which the text step of the run is under way. */
    static final Set<DocumentStatus> READING_TEXT = Set.of(UPLOADED, REPROCESSING, READING);
    /** States in which the run ended with its text understood. */
    static final Set<DocumentStatus> UNDERSTOOD = Set.of(READY, NEEDS_VALIDATION);
}
