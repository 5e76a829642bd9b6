/** The causation index: every event filed under the request it descends from, and the causation tree read from it. */
package io.axle.query.audit;
