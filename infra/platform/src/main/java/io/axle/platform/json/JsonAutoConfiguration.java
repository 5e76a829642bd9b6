package io.axle.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.privacy.PersonalDataCipher;
import io.axle.platform.privacy.PersonalDataModule;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Two object mappers built alike by Spring Boot's builder (same modules, dates, unknown-field handling), used for two
 * kinds of JSON: the primary one, strict ({@link StrictJson}), for everything Axle receives (requests, device
 * payloads) and writes for clients; {@code defaultAxonObjectMapper}, which Axon picks by that name, for the messages
 * Axle stores and sends between its own processes ({@link MessageJson}), with personal data encrypted. Spring Boot's own mapper backs off once these
 * exist.
 */
@AutoConfiguration(before = {JacksonAutoConfiguration.class, AxonAutoConfiguration.class})
public class JsonAutoConfiguration {

    /** The bean name under which Axon's auto-configuration looks for the mapper of its Jackson serializers. */
    public static final String MESSAGE_MAPPER = "defaultAxonObjectMapper";

    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return StrictJson.apply(builder.createXmlMapper(false).build());
    }

    /**
     * Axon's mapper, behind its general, event and message serializers (events, snapshots, sagas, tokens, dead letters,
     * deadlines): it alone encrypts personal data ({@link PersonalDataModule}); the HTTP mapper shows plain values.
     */
    @Bean(MESSAGE_MAPPER)
    ObjectMapper defaultAxonObjectMapper(Jackson2ObjectMapperBuilder builder,
                                         ObjectProvider<PersonalDataCipher> personalData) {
        ObjectMapper mapper = MessageJson.readsWhatItWrites(builder.createXmlMapper(false).build());
        personalData.ifAvailable(cipher -> mapper.registerModule(new PersonalDataModule(cipher)));
        return mapper;
    }
}
