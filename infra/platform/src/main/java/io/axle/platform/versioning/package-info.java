/** Upcasters: stored events of older revisions read in the shape the code now has. */
package io.axle.platform.versioning;
