package io.axle.api.campaign;

import java.util.List;

/**
 * Which vehicles a campaign flashes: those of {@code make} and {@code model} (any case; null for any) whose year is
 * within {@code yearFrom}..{@code yearTo} (null for open), or exactly {@code vehicleIds} when given.
 */
public record CampaignTarget(String make, String model, Integer yearFrom, Integer yearTo, List<String> vehicleIds) {
}
