package io.axle.billing;

import java.util.List;

/** The invoice templates: built in, and added from the templates folder without code. */
public interface InvoiceTemplates {

    /**
     * The template to use: {@code templateId} when given (refused with {@link UnknownTemplateException} when there is
     * none of that id), otherwise the best match for company, language and customer type, falling back to any company,
     * then to English.
     */
    TemplateDescriptor choose(String templateId, String company, String language, CustomerType customerType);

    List<TemplateDescriptor> all();
}
