package io.axle.query;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Paging parameters of the list endpoints, bound from {@code ?page=&size=}: the page counts from zero (default 0),
 * the size is 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}).
 */
public record PageParams(@Min(0) Integer page, @Min(1) @Max(MAX_SIZE) Integer size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public int pageOrDefault() {
        return page == null ? 0 : page;
    }

    public int sizeOrDefault() {
        return size == null ? DEFAULT_SIZE : size;
    }

    /** The number of documents to skip for a page; tolerates out-of-range values by falling back to the defaults. */
    public static long skip(int page, int size) {
        return (long) Math.max(page, 0) * clampSize(size);
    }

    /** A size between 1 and {@value #MAX_SIZE}; query handlers use it so that a direct query cannot ask for everything. */
    public static int clampSize(int size) {
        return size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
    }
}
