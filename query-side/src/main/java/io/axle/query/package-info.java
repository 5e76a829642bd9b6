/** The query side: projections of the event stream into MongoDB read models, their query handlers and the REST read API. */
package io.axle.query;
