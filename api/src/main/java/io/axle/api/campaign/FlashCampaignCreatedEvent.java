package io.axle.api.campaign;

import java.time.Instant;
import java.util.List;

/** A campaign was created with its vehicles in groups; WAITING_FOR_APPROVAL when it requires approval, else READY. */
public record FlashCampaignCreatedEvent(String campaignId, String name, String firmwareId, String ecu,
                                        String toVersion, CampaignTarget target, List<List<String>> groups,
                                        int successThresholdPct, int errorThresholdPct, boolean requiresApproval,
                                        Instant deadline, String createdBy, Instant createdAt) {
}
