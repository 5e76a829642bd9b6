package io.axle.documents.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * Snippets of a found document's text as HTML: the words the query matched in {@code <mark>…</mark>}, everything else
 * HTML-escaped (so that a page reading {@code <script>} shows as text). The text is analysed again as the document's
 * language was indexed, so that a word matched through its stem or by a typo is marked as written on the page; a
 * document found by its title or tags alone gets the beginning of its text.
 */
final class Snippets {

    static final String MARK = "<mark>";
    static final String END_MARK = "</mark>";
    static final int MAX_SNIPPETS = 3;
    static final int SNIPPET_CHARS = 160;

    private final Map<String, Analyzer> analyzers = new HashMap<>();

    Snippets() {
        SearchAnalyzers.ALL.forEach(name -> analyzers.put(name, SearchAnalyzers.analyzer(name)));
    }

    /** Up to {@value #MAX_SNIPPETS} snippets of {@code document}'s pages where {@code words} matched. */
    List<String> of(Query words, SearchableDocument document) {
        List<String> texts = document.pageTexts().stream().map(Map.Entry::getValue)
                .filter(text -> !text.isBlank()).toList();
        for (String analysis : order(document.language())) {
            List<String> found = marked(words, analysis, texts);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return texts.isEmpty() ? List.of() : List.of(beginning(texts.get(0)));
    }

    private List<String> marked(Query words, String analysis, List<String> texts) {
        String field = SearchAnalyzers.field(DocumentSearchIndex.TEXT, analysis);
        QueryScorer scorer = new QueryScorer(words, field);
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(MARK, END_MARK), new SimpleHTMLEncoder(),
                scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, SNIPPET_CHARS));
        List<String> snippets = new ArrayList<>();
        for (String text : texts) {
            try {
                for (String fragment : highlighter.getBestFragments(analyzers.get(analysis), field, text,
                        MAX_SNIPPETS - snippets.size())) {
                    snippets.add(fragment.strip().replaceAll("\\s+", " "));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidTokenOffsetsException e) {
                throw new IllegalStateException("the analysis of " + field + " gave offsets outside the text", e);
            }
            if (snippets.size() >= MAX_SNIPPETS) {
                break;
            }
        }
        return snippets;
    }

    /** The analyses to mark with: the document's language's first, then the folded one, then the others. */
    private static List<String> order(String language) {
        String own = SearchAnalyzers.ofLanguage(language);
        List<String> order = new ArrayList<>();
        if (own != null) {
            order.add(own);
        }
        order.add(SearchAnalyzers.FOLDED);
        SearchAnalyzers.LANGUAGES.stream().filter(name -> !name.equals(own)).forEach(order::add);
        return order;
    }

    private static String beginning(String text) {
        String collapsed = text.strip().replaceAll("\\s+", " ");
        String cut = collapsed.length() <= SNIPPET_CHARS ? collapsed : collapsed.substring(0, SNIPPET_CHARS) + "…";
        return SimpleHTMLEncoder.htmlEncode(cut);
    }
}
