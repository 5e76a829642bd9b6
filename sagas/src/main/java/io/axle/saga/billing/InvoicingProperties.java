package io.axle.saga.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The billing setting the sagas read, bound from {@code axle.billing.*} like the billing library's own settings: the
 * sagas talk to billing only through messages and do not depend on that library.
 *
 * @param autoInvoice whether a confirmed order is invoiced automatically; {@code axle.billing.auto-invoice}, default
 *                    true
 */
@ConfigurationProperties("axle.billing")
public record InvoicingProperties(Boolean autoInvoice) {

    public static final boolean DEFAULT_AUTO_INVOICE = true;

    public InvoicingProperties {
        if (autoInvoice == null) {
            autoInvoice = DEFAULT_AUTO_INVOICE;
        }
    }

    /** The settings used when nothing is configured. */
    public static InvoicingProperties defaults() {
        return new InvoicingProperties(DEFAULT_AUTO_INVOICE);
    }
}
