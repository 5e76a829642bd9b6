/** What the document pipeline does to a file, independent of how its steps are recorded: the parts the Document
 * aggregate's processors call. */
package io.axle.documents;
