/** Fields read from a document's pages (numbers, dates, amounts, bank and company identifiers, vehicle identifiers),
 * normalised, checked where a check exists, each with a confidence and the page it came from. */
package io.axle.documents.understanding.fields;
