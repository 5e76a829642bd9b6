package io.axle.command.firmware;

import io.axle.command.UploadLimit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The release's parts: images in GridFS beside the read models, and the image size limit taken from
 * {@code axle.firmware.max-image-size} (default 64MB), which the command side's multipart limits include.
 */
@Configuration(proxyBeanMethods = false)
class FirmwareConfiguration {

    @Bean
    FirmwareImages firmwareImages(MongoTemplate mongo) {
        return new GridFsFirmwareImages(mongo.getDb());
    }

    @Bean
    FirmwareReleases firmwareReleases(CommandGateway commandGateway, FirmwareImages images,
                                      FirmwareCatalogue catalogue,
                                      @Value("${axle.firmware.max-image-size:64MB}") DataSize maxSize) {
        return new FirmwareReleases(commandGateway, images, catalogue, maxSize.toBytes());
    }

    @Bean
    UploadLimit firmwareImageLimit(@Value("${axle.firmware.max-image-size:64MB}") DataSize maxSize) {
        return FirmwareReleases.limit(maxSize.toBytes());
    }
}
