package io.axle.api.common;

import java.util.List;

/** A page of query results; {@code page} counts from zero. */
public record PageResult<T>(List<T> content, int page, int size, long totalElements) {
}
