package io.axle.api.campaign;

import java.time.Instant;
import java.util.List;

/** Group {@code group} (from 0) starts: its vehicles are flashed ({@code vehicleIds}). */
public record CampaignGroupStartedEvent(String campaignId, int group, List<String> vehicleIds, String firmwareId,
                                        String ecu, Instant startedAt) {
}
