/** Understanding a document's text: its language, its type (rules, then a classifier that learns from corrections)
 * and its fields, each answer with a confidence. */
package io.axle.documents.understanding;
