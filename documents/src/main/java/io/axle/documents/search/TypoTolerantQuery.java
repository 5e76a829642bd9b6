package io.axle.documents.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns the words a user typed into a Lucene query. Every word must match (in the text, the title or a tag); a word
 * matches in any of the analyses (French, English, German stems and the folded word), the best of them counting, so
 * that {@code factures} finds {@code facture} and {@code echeance} finds {@code échéance}. A word of five letters or
 * more also matches words one edit away (two from eight letters on; a swap of two neighbouring letters is one edit),
 * so that {@code invioce} finds {@code invoice}, at half the weight of an exact match. A match in the title weighs
 * twice one in the text. Punctuation and operators are not syntax: everything typed is a word or a separator.
 */
public final class TypoTolerantQuery {

    static final int FUZZY_FROM_LETTERS = 5;
    static final int TWO_EDITS_FROM_LETTERS = 8;
    static final float FUZZY_WEIGHT = 0.5f;
    static final float TITLE_WEIGHT = 2f;
    static final float TAG_WEIGHT = 1.5f;
    private static final float TIE_BREAKER = 0.1f;
    private static final int FUZZY_EXPANSIONS = 50;

    /** Words split at Unicode word boundaries and left as typed. */
    private static final Analyzer AS_TYPED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new StandardTokenizer());
        }
    };

    private final List<Analysis> analyses;
    private final Analyzer folded = SearchAnalyzers.analyzer(SearchAnalyzers.FOLDED);

    private record Analysis(String name, Analyzer analyzer) {
    }

    public TypoTolerantQuery() {
        analyses = SearchAnalyzers.ALL.stream().map(name -> new Analysis(name, SearchAnalyzers.analyzer(name)))
                .toList();
    }

    /** The query for {@code text}, or null if it holds no word. */
    public Query parse(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            all.add(word(word), BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    private Query word(String word) {
        List<Query> ways = new ArrayList<>();
        int letters = (int) word.codePoints().filter(Character::isLetterOrDigit).count();
        int edits = letters >= TWO_EDITS_FROM_LETTERS ? 2 : letters >= FUZZY_FROM_LETTERS ? 1 : 0;
        for (Analysis analysis : analyses) {
            for (String term : terms(analysis.analyzer(), word)) {
                for (String prefix : List.of(DocumentSearchIndex.TEXT, DocumentSearchIndex.TITLE)) {
                    String field = SearchAnalyzers.field(prefix, analysis.name());
                    float weight = prefix.equals(DocumentSearchIndex.TITLE) ? TITLE_WEIGHT : 1f;
                    ways.add(new BoostQuery(new TermQuery(new Term(field, term)), weight));
                    if (edits > 0) {
                        ways.add(new BoostQuery(new FuzzyQuery(new Term(field, term), edits, 0, FUZZY_EXPANSIONS,
                                true), weight * FUZZY_WEIGHT));
                    }
                }
            }
        }
        for (String term : terms(folded, word)) {
            ways.add(new BoostQuery(new TermQuery(new Term(DocumentSearchIndex.TAGS, term)), TAG_WEIGHT));
        }
        return new DisjunctionMaxQuery(ways, TIE_BREAKER);
    }

    /** The words of {@code text} as typed, split at Unicode word boundaries. */
    static List<String> words(String text) {
        return text == null ? List.of() : terms(AS_TYPED, text);
    }

    /** The terms {@code analyzer} makes of {@code word}. */
    static List<String> terms(Analyzer analyzer, String word) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
