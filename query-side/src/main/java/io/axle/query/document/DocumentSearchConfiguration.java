package io.axle.query.document;

import io.axle.documents.search.DocumentSearchIndex;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The documents' search index of this process: a Lucene index in {@code axle.documents.search.index-dir} (by default
 * {@code ${axle.data-dir}/search/documents}), held open for the process's life and closed on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class DocumentSearchConfiguration {

    @Bean(destroyMethod = "close")
    DocumentSearchIndex documentSearchIndex(
            @Value("${axle.documents.search.index-dir:${axle.data-dir:./data}/search/documents}") Path folder) {
        return DocumentSearchIndex.open(folder);
    }
}
