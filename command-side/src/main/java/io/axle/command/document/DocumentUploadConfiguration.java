package io.axle.command.document;

import io.axle.documents.detect.TypeDetector;
import jakarta.servlet.MultipartConfigElement;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The upload's parts: originals in GridFS beside the read models, and the multipart limits taken from
 * {@code axle.documents.max-size} (default 50MB). The servlet container spools each part to disk as it arrives and
 * stops reading, with a 413, as soon as a file passes the limit, so an oversized upload is never stored whole.
 */
@Configuration(proxyBeanMethods = false)
class DocumentUploadConfiguration {

    /** Room for the parts beside the file (title, tags) and the multipart boundaries. */
    private static final DataSize FORM_FIELDS = DataSize.ofMegabytes(1);
    /** Parts up to this size stay in memory; larger ones go to disk. */
    private static final DataSize IN_MEMORY = DataSize.ofKilobytes(64);

    @Bean
    OriginalStore documentOriginalStore(MongoTemplate mongo) {
        return new GridFsOriginalStore(mongo.getDb());
    }

    @Bean
    DocumentUploads documentUploads(CommandGateway commandGateway, OriginalStore originals,
                                    @Value("${axle.documents.max-size:50MB}") DataSize maxSize) {
        return new DocumentUploads(commandGateway, originals, new TypeDetector(), maxSize.toBytes());
    }

    @Bean
    MultipartConfigElement multipartConfigElement(@Value("${axle.documents.max-size:50MB}") DataSize maxSize) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(maxSize);
        factory.setMaxRequestSize(DataSize.ofBytes(maxSize.toBytes() + FORM_FIELDS.toBytes()));
        factory.setFileSizeThreshold(IN_MEMORY);
        return factory.createMultipartConfig();
    }

    @Bean
    DocumentUploadLimitAdvice documentUploadLimitAdvice(
            @Value("${axle.documents.max-size:50MB}") DataSize maxSize) {
        return new DocumentUploadLimitAdvice(maxSize.toBytes());
    }
}
