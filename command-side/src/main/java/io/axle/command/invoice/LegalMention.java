package io.axle.command.invoice;

import java.util.Locale;

/** A mention the law requires on an invoice, in French and English. */
public enum LegalMention {
    REVERSE_CHARGE("Autoliquidation — article 196 de la directive 2006/112/CE",
            "Reverse charge — Article 196 of Council Directive 2006/112/EC");

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
