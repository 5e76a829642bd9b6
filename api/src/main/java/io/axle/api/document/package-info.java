/** Messages of the Document aggregate (an uploaded original and its pipeline), its content key and its read model. */
package io.axle.api.document;
