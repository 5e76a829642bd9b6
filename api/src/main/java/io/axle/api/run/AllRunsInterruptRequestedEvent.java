package io.axle.api.run;

import java.util.List;

/** Someone asked every running run to stop; the runs named here are interrupted one by one. */
public record AllRunsInterruptRequestedEvent(String slotsId, List<String> runIds, String requestedBy) {
}
