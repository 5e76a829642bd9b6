package io.axle.billing.mail;

/** The mail server refused the recipient for good (a 5xx answer): trying again would not help. */
public class RecipientRejectedException extends RuntimeException {

    public RecipientRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
