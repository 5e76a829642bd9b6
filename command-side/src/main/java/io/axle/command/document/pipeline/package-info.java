/**
 * The document pipeline on the command side: the processors that read an original's text page by page, understand it
 * (language, type, fields) and learn from operators' corrections, each step recorded on the Document by a command.
 */
package io.axle.command.document.pipeline;
