/** What kind of file an upload is, told from its bytes alone: the name and the declared type are never trusted. */
package io.axle.documents.detect;
