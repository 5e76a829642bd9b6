package io.axle.documents.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The documents' search index in one Lucene {@link Directory}: one Lucene document per document, replaced whole by
 * {@link #put}, searched by {@link #search}. Writes become visible to searches at {@link #refresh} (near real time,
 * without a commit) and durable at {@link #commit}; a writer that dies before its commit loses only what it wrote
 * since the last one. One instance per directory (it holds Lucene's write lock); its methods are thread-safe.
 *
 * <p>Each page's text is indexed in the analysis of the document's language and in the folded one; a document whose
 * language has no stemmer here (or is not known yet) is indexed in every analysis. The title is indexed the same way,
 * tags folded. The pages' texts are stored, page by page, for the snippets and for {@link #find}.
 */
public final class DocumentSearchIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String TAGS = "tags_folded";
    private static final String STORED_TITLE = "stored_title";
    private static final String STORED_TAG = "stored_tag";
    private static final String TYPE = "type";
    private static final String LANGUAGE = "language";
    private static final String UPLOADED_AT = "uploadedAt";
    private static final String RUN = "run";
    private static final String PAGE = "page";
    private static final String PAGE_TEXT = "page_text";

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final TypoTolerantQuery queries = new TypoTolerantQuery();
    private final Snippets snippets = new Snippets();

    /** The index in {@code directory}, created if there is none. */
    public DocumentSearchIndex(Directory directory) {
        Analyzer analyzer = SearchAnalyzers.perField(List.of(TEXT, TITLE));
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the document search index", e);
        }
    }

    /** The index in folder {@code folder}, created with its parents if need be. */
    public static DocumentSearchIndex open(Path folder) {
        try {
            Files.createDirectories(folder);
            return new DocumentSearchIndex(FSDirectory.open(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the document search index in " + folder, e);
        }
    }

    /** Indexes {@code document}, replacing what the index held for it. */
    public void put(SearchableDocument document) {
        try {
            writer.updateDocument(new Term(ID, document.documentId()), toLucene(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index document " + document.documentId(), e);
        }
    }

    /** Drops every document from the index (committed by the next {@link #commit}). */
    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the document search index", e);
        }
    }

    /** Makes every write so far durable. */
    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the document search index", e);
        }
    }

    /** Makes every write so far visible to searches and to {@link #find}, committed or not. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the document search index", e);
        }
    }

    /** The document as the index held it at the last {@link #refresh}. */
    public Optional<SearchableDocument> find(String documentId) {
        return withSearcher(searcher -> {
            TopDocs found = searcher.search(new TermQuery(new Term(ID, documentId)), 1);
            if (found.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(fromLucene(searcher.storedFields().document(found.scoreDocs[0].doc)));
        });
    }

    /**
     * The page of hits {@code request} asks for, best first, each with up to three snippets; no hit for a text
     * without words. The total counts every match.
     */
    public SearchResults search(SearchRequest request) {
        Query words = queries.parse(request.text());
        if (words == null) {
            return new SearchResults(List.of(), 0);
        }
        BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST);
        if (request.type() != null) {
            filtered.add(new TermQuery(new Term(TYPE, request.type())), BooleanClause.Occur.FILTER);
        }
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli() - 1;
            filtered.add(LongPoint.newRangeQuery(UPLOADED_AT, from, to), BooleanClause.Occur.FILTER);
        }
        Query query = filtered.build();
        int size = Math.max(request.size(), 1);
        int skip = Math.max(request.page(), 0) * size;
        return withSearcher(searcher -> {
            long total = searcher.count(query);
            if (skip >= total) {
                return new SearchResults(List.of(), total);
            }
            TopDocs top = searcher.search(query, skip + size);
            StoredFields stored = searcher.storedFields();
            List<SearchHit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = skip; i < docs.length; i++) {
                SearchableDocument document = fromLucene(stored.document(docs[i].doc));
                hits.add(new SearchHit(document.documentId(), document.title(), document.type(),
                        document.uploadedAt(), docs[i].score, snippets.of(words, document)));
            }
            return new SearchResults(hits, total);
        });
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the document search index", e);
        }
    }

    private static Document toLucene(SearchableDocument document) {
        Document lucene = new Document();
        lucene.add(new StringField(ID, document.documentId(), Field.Store.YES));
        List<String> analyses = analysesOf(document.language());
        if (document.title() != null) {
            lucene.add(new StoredField(STORED_TITLE, document.title()));
            for (String analysis : analyses) {
                lucene.add(new TextField(SearchAnalyzers.field(TITLE, analysis), document.title(), Field.Store.NO));
            }
        }
        for (String tag : document.tags()) {
            lucene.add(new StoredField(STORED_TAG, tag));
            lucene.add(new TextField(TAGS, tag, Field.Store.NO));
        }
        if (document.type() != null) {
            lucene.add(new StringField(TYPE, document.type(), Field.Store.YES));
        }
        if (document.language() != null) {
            lucene.add(new StoredField(LANGUAGE, document.language()));
        }
        if (document.uploadedAt() != null) {
            long at = document.uploadedAt().toEpochMilli();
            lucene.add(new LongPoint(UPLOADED_AT, at));
            lucene.add(new StoredField(UPLOADED_AT, at));
        }
        lucene.add(new StoredField(RUN, document.run()));
        for (Map.Entry<Integer, String> page : document.pageTexts()) {
            lucene.add(new StoredField(PAGE, page.getKey()));
            lucene.add(new StoredField(PAGE_TEXT, page.getValue()));
            for (String analysis : analyses) {
                lucene.add(new TextField(SearchAnalyzers.field(TEXT, analysis), page.getValue(), Field.Store.NO));
            }
        }
        return lucene;
    }

    private static SearchableDocument fromLucene(Document lucene) {
        IndexableField uploadedAt = lucene.getField(UPLOADED_AT);
        IndexableField run = lucene.getField(RUN);
        IndexableField[] numbers = lucene.getFields(PAGE);
        String[] texts = lucene.getValues(PAGE_TEXT);
        SortedMap<Integer, String> pages = new TreeMap<>();
        for (int i = 0; i < numbers.length && i < texts.length; i++) {
            pages.put(numbers[i].numericValue().intValue(), texts[i]);
        }
        return new SearchableDocument(lucene.get(ID), lucene.get(STORED_TITLE), List.of(lucene.getValues(STORED_TAG)),
                lucene.get(TYPE), lucene.get(LANGUAGE),
                uploadedAt == null ? null : Instant.ofEpochMilli(uploadedAt.numericValue().longValue()),
                run == null ? 1 : run.numericValue().intValue(), pages);
    }

    /** The analyses a document of {@code language} is indexed in: its language's and the folded one, else all. */
    static List<String> analysesOf(String language) {
        String analysis = SearchAnalyzers.ofLanguage(language);
        return analysis == null ? SearchAnalyzers.ALL : List.of(analysis, SearchAnalyzers.FOLDED);
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the document index", e);
        }
    }

    /** Work on a searcher that may fail with an I/O error. */
    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
