package io.axle.api.order;

/** Asks for the order numbered {@code number} ({@code SO-2026-000001}) with its status history. */
public record FindOrderByNumberQuery(String number) {
}
