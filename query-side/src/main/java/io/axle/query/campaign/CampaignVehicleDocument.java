package io.axle.query.campaign;

import io.axle.query.campaign.CampaignDocument.VehicleState;
import org.springframework.data.annotation.Id;

/**
 * Where one vehicle of a campaign is, in the {@value CampaignProjection#VEHICLES} collection ({@code id} is
 * {@code <campaignId>/<vehicleId>}), written by the campaign's events on that vehicle: {@code state} now and
 * {@code previous} before the event of aggregate sequence number {@code sequence}, so that an event applied again
 * after a crash moves the group's counts by the same step, once.
 */
record CampaignVehicleDocument(
        @Id String id,
        String campaignId,
        String vehicleId,
        int group,
        String flashJobId,
        VehicleState state,
        VehicleState previous,
        long sequence) {

    static String idOf(String campaignId, String vehicleId) {
        return campaignId + "/" + vehicleId;
    }
}
