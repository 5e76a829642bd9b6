/**
 * The Document aggregate and its front door: uploads checked at the edge, originals stored once by their SHA-256, and
 * the content register that keeps one document per set of bytes.
 */
package io.axle.command.document;
