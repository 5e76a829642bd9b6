package io.axle.query;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets {@code ?format=csv} ask for what {@code Accept: text/csv} asks for, so that a plain link downloads a list's CSV
 * export (a link cannot set a header). Without the parameter the {@code Accept} header decides, as before. Ordered
 * last so that it is applied after Spring Boot's own content negotiation settings.
 */
@Configuration
@Order(Ordered.LOWEST_PRECEDENCE)
class CsvFormatParameter implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.favorParameter(true).parameterName("format").mediaType("csv", CsvExports.TEXT_CSV);
    }
}
