package io.axle.command.document;

import io.axle.command.UploadLimit;
import io.axle.documents.detect.TypeDetector;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The upload's parts: originals in GridFS beside the read models, and the upload limit taken from
 * {@code axle.documents.max-size} (default 50MB), which the command side's multipart limits include.
 */
@Configuration(proxyBeanMethods = false)
class DocumentUploadConfiguration {

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
    UploadLimit documentUploadLimit(@Value("${axle.documents.max-size:50MB}") DataSize maxSize) {
        return DocumentUploads.limit(maxSize.toBytes());
    }
}
