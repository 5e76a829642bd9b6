/** Flash campaigns: the FlashCampaign aggregate, the start of a campaign vehicle's flash, and the campaign endpoints. */
package io.axle.command.campaign;
