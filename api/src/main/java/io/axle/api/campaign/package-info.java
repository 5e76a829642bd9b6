/** Messages of the FlashCampaign aggregate (a staged rollout of one firmware to many vehicles), its process and read model. */
package io.axle.api.campaign;
