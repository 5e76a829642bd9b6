package io.axle.command.invoice;

import java.util.Locale;

/** A mention the law requires on an invoice, in French and English. */
public enum LegalMention {
    /** Intra-EU supply to a business: the buyer accounts for the VAT. */
    REVERSE_CHARGE("Autoliquidation — article 196 de la directive 2006/112/CE",
            "Reverse charge — Article 196 of Council Directive 2006/112/EC"),
    /** Supply to a buyer outside the EU: exempt as an export. */
    EXPORT_EXEMPTION("Exonération de TVA, article 262 I du CGI",
            "VAT exempt — export outside the EU, Article 146 of Directive 2006/112/EC");

    private final String french;
    private final String english;

    LegalMention(String french, String english) {
        this.french = french;
        this.english = english;
    }

    /** The mention in French for a French locale, in English otherwise. */
    public String text(Locale locale) {
        return Locale.FRENCH.getLanguage().equals(locale.getLanguage()) ? french : english;
    }
}
