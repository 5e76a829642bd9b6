/** The documents read model: one record per uploaded document with its history, and its read endpoints. */
package io.axle.query.document;
