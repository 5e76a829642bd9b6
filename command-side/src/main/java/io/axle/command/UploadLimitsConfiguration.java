package io.axle.command;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * The multipart limits of the command side, from the {@link UploadLimit}s its upload endpoints declare: the servlet
 * container spools each part to disk as it arrives and stops reading, with a 413, as soon as a file passes the largest
 * of them, so an oversized upload is never stored whole; each endpoint then checks its own, smaller or equal, limit.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimitsConfiguration {

    /** Room for the parts beside the file (title, tags, versions, release notes) and the multipart boundaries. */
    private static final DataSize FORM_FIELDS = DataSize.ofMegabytes(1);
    /** Parts up to this size stay in memory; larger ones go to disk. */
    private static final DataSize IN_MEMORY = DataSize.ofKilobytes(64);

    @Bean
    MultipartConfigElement multipartConfigElement(List<UploadLimit> limits) {
        long largest = limits.stream().mapToLong(UploadLimit::maxSize).max().orElse(FORM_FIELDS.toBytes());
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(largest));
        factory.setMaxRequestSize(DataSize.ofBytes(largest + FORM_FIELDS.toBytes()));
        factory.setFileSizeThreshold(IN_MEMORY);
        return factory.createMultipartConfig();
    }

    @Bean
    UploadLimitAdvice uploadLimitAdvice(List<UploadLimit> limits) {
        return new UploadLimitAdvice(limits);
    }
}
