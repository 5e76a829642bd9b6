package io.axle.billing;

/** No template has the id asked for. */
public class UnknownTemplateException extends RuntimeException {

    private final String templateId;

    public UnknownTemplateException(String templateId) {
        super("no invoice template has id " + templateId);
        this.templateId = templateId;
    }

    public String templateId() {
        return templateId;
    }
}
