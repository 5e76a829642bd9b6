package io.axle.api.run;

import io.axle.api.common.ListCriteria;

/**
 * Asks for a page of runs, newest first unless {@code criteria} sorts them; a null status matches every run. The
 * search finds run names and ids holding it; the dates bound when the run started.
 */
public record ListRunsQuery(RunStatus status, ListCriteria criteria, int page, int size) {

    /** A page of the runs in {@code status}, newest first. */
    public ListRunsQuery(RunStatus status, int page, int size) {
        this(status, ListCriteria.NONE, page, size);
    }
}
