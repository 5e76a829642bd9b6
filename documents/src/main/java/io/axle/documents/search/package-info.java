/**
 * Full-text search of documents on Apache Lucene: an analysis per language (French, English, German) beside a folded,
 * unstemmed one, a query that tolerates typos, relevance ranking, filters by type and upload date, and highlighted
 * snippets as escaped HTML.
 */
package io.axle.documents.search;
