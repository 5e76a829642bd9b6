/** What modules other than the command side may ask of vehicles: enrolment (register, pair a dongle). */
package io.axle.platform.vehicle;
