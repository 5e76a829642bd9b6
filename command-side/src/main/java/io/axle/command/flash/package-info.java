/** ECU flash jobs: the FlashJob aggregate, the checks before a flash, and the flash-jobs command endpoints. */
package io.axle.command.flash;
