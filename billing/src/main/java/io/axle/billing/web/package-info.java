/** Serves issued invoice and credit-note PDFs, checked against their recorded SHA-256 before they leave. */
package io.axle.billing.web;
