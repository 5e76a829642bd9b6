package io.axle.platform.web;

/** The caller sent more requests than its allowance; mapped to a 429 problem. */
public class RateLimitExceededException extends RuntimeException {

    public RateLimitExceededException(String message) {
        super(message);
    }
}
