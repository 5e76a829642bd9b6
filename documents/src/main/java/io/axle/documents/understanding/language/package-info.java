/** Which language a document is written in, with OpenNLP's language-detection model. */
package io.axle.documents.understanding.language;
