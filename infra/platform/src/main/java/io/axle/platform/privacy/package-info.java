/**
 * Crypto-shredding of personal data: a key per data subject kept outside the event store, and the event serializer's
 * Jackson module that encrypts {@code @PersonalData} with it, so that destroying the key erases the data everywhere.
 */
package io.axle.platform.privacy;
