/** A document's type: weighted phrases for a cold start, and a k-nearest-neighbour classifier over the documents
 * users have labelled, which learns from each correction. */
package io.axle.documents.understanding.classification;
