package io.axle.documents.search;

import java.util.List;

/** One page of a search's hits, best first, and how many documents match in all. */
public record SearchResults(List<SearchHit> hits, long total) {
}
