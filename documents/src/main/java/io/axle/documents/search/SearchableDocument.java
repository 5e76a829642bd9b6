package io.axle.documents.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the search index holds of one document: its title, tags, type, language and upload instant, and the text of
 * each page as the latest run read it. Immutable; the {@code with…} methods answer changed copies.
 *
 * @param run   the latest run any page comes from; a page of an older run than that is stale and ignored
 * @param pages page number (from 1) to its text
 */
public record SearchableDocument(String documentId, String title, List<String> tags, String type, String language,
                                 Instant uploadedAt, int run, SortedMap<Integer, String> pages) {

    public SearchableDocument {
        tags = tags == null ? List.of() : List.copyOf(tags);
        pages = pages == null ? new TreeMap<>() : new TreeMap<>(pages);
    }

    /** A document just uploaded: nothing read yet. */
    public static SearchableDocument uploaded(String documentId, String title, List<String> tags,
                                              Instant uploadedAt) {
        return new SearchableDocument(documentId, title, tags, null, null, uploadedAt, 1, null);
    }

    @Override
    public SortedMap<Integer, String> pages() {
        return new TreeMap<>(pages);
    }

    /** With the title, tags and upload instant of the upload (a document may be known by its text first). */
    public SearchableDocument withUpload(String newTitle, List<String> newTags, Instant newUploadedAt) {
        return new SearchableDocument(documentId, newTitle, newTags, type, language, newUploadedAt, run, pages);
    }

    /** With page {@code page} as run {@code pageRun} read it, replacing an older run's; unchanged if that run is older. */
    public SearchableDocument withPage(int pageRun, int page, String text) {
        if (pageRun < run) {
            return this;
        }
        SortedMap<Integer, String> changed = new TreeMap<>(pages);
        changed.put(page, text == null ? "" : text);
        return new SearchableDocument(documentId, title, tags, type, language, uploadedAt, pageRun, changed);
    }

    /** Run {@code textRun} read {@code count} pages: pages beyond them, left from an older run, are dropped. */
    public SearchableDocument withPageCount(int textRun, int count) {
        if (textRun < run) {
            return this;
        }
        SortedMap<Integer, String> kept = new TreeMap<>(pages.headMap(count + 1));
        return new SearchableDocument(documentId, title, tags, type, language, uploadedAt, textRun, kept);
    }

    public SearchableDocument withType(String newType) {
        return new SearchableDocument(documentId, title, tags, newType, language, uploadedAt, run, pages);
    }

    public SearchableDocument withLanguage(String newLanguage) {
        return new SearchableDocument(documentId, title, tags, type, newLanguage, uploadedAt, run, pages);
    }

    /** The pages' texts in page order. */
    List<Map.Entry<Integer, String>> pageTexts() {
        return List.copyOf(pages.entrySet());
    }
}
