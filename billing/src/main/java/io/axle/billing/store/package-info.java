/** The store of issued PDFs, kept in MongoDB beside their number and SHA-256. */
package io.axle.billing.store;
