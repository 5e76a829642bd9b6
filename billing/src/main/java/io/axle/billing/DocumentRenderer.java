package io.axle.billing;

import io.axle.api.invoice.BillingDocument;

/**
 * Renders an invoice or credit note to a signed PDF. Rendering is deterministic: the same document, template and
 * signing certificate give the same bytes, so the SHA-256 recorded at issue identifies the file for good.
 */
public interface DocumentRenderer {

    /** The signed PDF of {@code document}; refuses an unknown template with {@link UnknownTemplateException}. */
    RenderedDocument render(BillingDocument document);
}
