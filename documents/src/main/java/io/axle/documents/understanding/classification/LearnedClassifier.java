package io.axle.documents.understanding.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.classification.ClassificationResult;
import org.apache.lucene.classification.KNearestNeighborClassifier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * A classifier that learns from corrections: every labelled document is indexed in a Lucene {@link Directory} given
 * by the caller, and a document is classified by Lucene's {@link KNearestNeighborClassifier} over that index
 * (MoreLikeThis query, BM25, the {@code k} nearest labelled documents vote, each weighted by its score relative to the
 * nearest; the share is the type's part of all the votes). Learning is indexing one document; there
 * is no batch retraining. Besides the vote, each suggestion says how many neighbours agree and how close the closest
 * of them is (Jaccard similarity of the two documents' word sets, numbers left out), so that a caller can tell a
 * look-alike from a document that merely shares a few words with the only examples there are. One instance per
 * directory (it holds Lucene's write lock); its methods are thread-safe.
 */
public final class LearnedClassifier implements AutoCloseable {

    static final String TEXT = "text";
    static final String TYPE = "type";
    static final String KEY = "key";

    private final Analyzer analyzer = new FoldingAnalyzer();
    private final IndexWriter writer;
    private final int k;
    private DirectoryReader reader;

    /** What the labelled neighbours say about a document. */
    public record Suggestion(String type, double share, int agreeing, double closeness) {
    }

    public LearnedClassifier(Directory directory, int k) {
        this.k = k;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            writer.commit();
            reader = DirectoryReader.open(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the classification index", e);
        }
    }

    /** Records that {@code text} is a document of {@code type}; the next classification takes it into account. */
    public synchronized void learn(String text, String type) {
        learn(null, text, type);
    }

    /**
     * Records that {@code text}, the document known as {@code key}, is of {@code type}: a later lesson of the same key
     * replaces this one (the latest correction of a document counts, and a lesson given twice counts once).
     */
    public synchronized void learn(String key, String text, String type) {
        Document doc = new Document();
        doc.add(new TextField(TEXT, text, Field.Store.YES));
        doc.add(new StringField(TYPE, type, Field.Store.YES));
        try {
            if (key == null) {
                writer.addDocument(doc);
            } else {
                doc.add(new StringField(KEY, key, Field.Store.YES));
                writer.updateDocument(new Term(KEY, key), doc);
            }
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index a labelled document", e);
        }
    }

    /** Forgets every labelled document, so that the corrections can be taught again from the first one. */
    public synchronized void clear() {
        try {
            writer.deleteAll();
            writer.commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the classification index", e);
        }
    }

    private void refresh() throws IOException {
        DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
        if (newer != null) {
            reader.close();
            reader = newer;
        }
    }

    public synchronized int examples() {
        return reader.numDocs();
    }

    /** The neighbours' answer, or empty when no labelled document resembles the text at all. */
    public synchronized Optional<Suggestion> suggest(String text) {
        if (reader.numDocs() == 0) {
            return Optional.empty();
        }
        try {
            NeighbourClassifier knn = new NeighbourClassifier(reader, analyzer, k);
            List<ClassificationResult<BytesRef>> classes = new ArrayList<>(knn.getClasses(text));
            if (classes.isEmpty()) {
                return Optional.empty();
            }
            classes.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
            String type = classes.get(0).getAssignedClass().utf8ToString();
            Set<String> words = words(text);
            int agreeing = 0;
            double closeness = 0;
            for (ScoreDoc neighbour : knn.neighbours.scoreDocs) {
                Document doc = reader.storedFields().document(neighbour.doc);
                if (type.equals(doc.get(TYPE))) {
                    agreeing++;
                    closeness = Math.max(closeness, jaccard(words, words(doc.get(TEXT))));
                }
            }
            double total = classes.stream().mapToDouble(ClassificationResult::getScore).sum();
            return Optional.of(new Suggestion(type, classes.get(0).getScore() / total, agreeing, closeness));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the classification index", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        reader.close();
        writer.close();
    }

    Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / (a.size() + b.size() - common.size());
    }

    /** Lucene's classifier, keeping the neighbours it found so that their texts can be compared. */
    private static final class NeighbourClassifier extends KNearestNeighborClassifier {

        private TopDocs neighbours = new TopDocs(null, new ScoreDoc[0]);

        NeighbourClassifier(DirectoryReader reader, Analyzer analyzer, int k) throws IOException {
            super(reader, null, analyzer, null, k, 1, 1, TYPE, TEXT);
        }

        @Override
        protected List<ClassificationResult<BytesRef>> buildListFromTopDocs(TopDocs topDocs) throws IOException {
            neighbours = topDocs;
            return super.buildListFromTopDocs(topDocs);
        }
    }

    /**
     * Words of a document in French, English or German: lower case, accents folded, stop words of the three languages
     * and anything containing a digit (amounts, dates, numbers that differ from one document to the next) left out.
     */
    static final class FoldingAnalyzer extends Analyzer {

        private static final CharArraySet STOP_WORDS;

        static {
            CharArraySet set = new CharArraySet(600, true);
            set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            set.addAll(FrenchAnalyzer.getDefaultStopSet());
            set.addAll(GermanAnalyzer.getDefaultStopSet());
            STOP_WORDS = CharArraySet.unmodifiableSet(set);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new ASCIIFoldingFilter(stream);
            stream = new FilteringTokenFilter(stream) {
                private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

                @Override
                protected boolean accept() {
                    if (term.length() < 2) {
                        return false;
                    }
                    for (int i = 0; i < term.length(); i++) {
                        if (Character.isDigit(term.charAt(i))) {
                            return false;
                        }
                    }
                    return true;
                }
            };
            return new TokenStreamComponents(source, stream);
        }
    }
}
