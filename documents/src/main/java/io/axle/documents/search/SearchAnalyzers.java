package io.axle.documents.search;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analyses of the search index, one per kind of field: every one splits words with Lucene's standard tokenizer
 * (Unicode word boundaries), lower-cases them and folds accents to ASCII ({@code échéance} and {@code echeance} are
 * one word); the language ones then stem:
 * <ul>
 *   <li>{@link #FRENCH}: elisions dropped ({@code l'échéance} → {@code echeance}), then Lucene's light French stemmer
 *       ({@code factures} and {@code facture} meet);</li>
 *   <li>{@link #ENGLISH}: possessives dropped, then the Porter stemmer ({@code invoices}, {@code invoicing} and
 *       {@code invoice} meet);</li>
 *   <li>{@link #GERMAN}: German normalisation (ß, umlauts), then the light German stemmer ({@code Rechnungen} and
 *       {@code Rechnung} meet);</li>
 *   <li>{@link #FOLDED}: elisions dropped, no stemming, so that an exact word outranks its relatives and typos are
 *       measured against the words as written.</li>
 * </ul>
 * Accents are folded before stemming, so that a word typed without its accents stems as the accented one does.
 * No stop words are removed: a query's every word counts, and short words are rare in searches.
 */
public final class SearchAnalyzers {

    /** The analyses, each named by the suffix of the fields it analyses. */
    public static final String FRENCH = "fr";
    public static final String ENGLISH = "en";
    public static final String GERMAN = "de";
    public static final String FOLDED = "folded";

    /** The language analyses, in the order a document of unknown language is tried in. */
    public static final List<String> LANGUAGES = List.of(FRENCH, ENGLISH, GERMAN);
    /** Every analysis, the languages first. */
    public static final List<String> ALL = List.of(FRENCH, ENGLISH, GERMAN, FOLDED);

    private static final int GAP_BETWEEN_VALUES = 100;

    private SearchAnalyzers() {
    }

    /** The analysis named {@code name} (one of {@link #ALL}). */
    public static Analyzer analyzer(String name) {
        return switch (name) {
            case FRENCH -> chain(stream -> new FrenchLightStemFilter(new ASCIIFoldingFilter(
                    new LowerCaseFilter(new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES)))));
            case ENGLISH -> chain(stream -> new PorterStemFilter(new ASCIIFoldingFilter(
                    new LowerCaseFilter(new EnglishPossessiveFilter(stream)))));
            case GERMAN -> chain(stream -> new GermanLightStemFilter(new ASCIIFoldingFilter(
                    new GermanNormalizationFilter(new LowerCaseFilter(stream)))));
            case FOLDED -> chain(stream -> new ASCIIFoldingFilter(
                    new LowerCaseFilter(new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES))));
            default -> throw new IllegalArgumentException("no analysis named " + name);
        };
    }

    /** The analysis a field is indexed with: its name ends with {@code _<analysis>}; others are folded. */
    static Analyzer perField(List<String> prefixes) {
        Map<String, Analyzer> fields = new HashMap<>();
        for (String prefix : prefixes) {
            for (String name : ALL) {
                fields.put(field(prefix, name), analyzer(name));
            }
        }
        return new PerFieldAnalyzerWrapper(analyzer(FOLDED), fields);
    }

    /** The field of {@code prefix} analysed by {@code analysis}, e.g. {@code text_fr}. */
    static String field(String prefix, String analysis) {
        return prefix + "_" + analysis;
    }

    /** The analysis of an ISO 639-1 language code, or null for a language the index has no stemmer for. */
    static String ofLanguage(String language) {
        if (language == null) {
            return null;
        }
        String code = language.toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(code) ? code : null;
    }

    private static Analyzer chain(Function<TokenStream, TokenStream> filters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, filters.apply(tokenizer));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return GAP_BETWEEN_VALUES;
            }
        };
    }
}
