package io.axle.api.document;

import java.time.Instant;

/**
 * Why a document's latest run failed: at {@code step} ({@code text} or {@code understanding}), on {@code page} (0 for
 * the whole document), with {@code reason}, at {@code at}.
 */
public record DocumentFailure(String step, int page, String reason, Instant at) {
}
