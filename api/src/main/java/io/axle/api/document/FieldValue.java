package io.axle.api.document;

/** A field's value as an operator gives it, before it is normalised ({@code 12/03/2026} becomes {@code 2026-03-12}). */
public record FieldValue(String name, String value) {
}
