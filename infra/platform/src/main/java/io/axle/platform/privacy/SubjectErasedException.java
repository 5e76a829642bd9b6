package io.axle.platform.privacy;

/** Personal data was about to be written for a data subject that has been erased. */
public class SubjectErasedException extends IllegalStateException {

    private final String subject;

    public SubjectErasedException(String subject) {
        super("Data subject " + subject + " was erased: no personal data may be stored for it any more");
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
