/** What an OBD-II dongle's answers mean: SAE J1979 mode 01 readings, mode 03 trouble codes and their descriptions. */
package io.axle.vehicles.obd;
