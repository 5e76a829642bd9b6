/** The text of a document page by page: a PDF page's own text layer when it has one, Tesseract OCR otherwise. */
package io.axle.documents.text;
