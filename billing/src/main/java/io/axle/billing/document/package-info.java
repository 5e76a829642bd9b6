/**
 * Invoice and credit-note documents: Handlebars templates (built in and from a folder), their rendering to PDF with
 * embedded fonts, and the deterministic signature that lets an issued document be produced again byte for byte.
 */
package io.axle.billing.document;
