package io.axle.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Whatever Axle's message serializer writes, it reads back. */
class MessageJsonTest {

    record Priced(String note, BigDecimal amount) {
    }

    private static final Priced HUGE = new Priced("x".repeat(25_000_000), new BigDecimal("1e1000000"));

    private static JacksonSerializer serializer(ObjectMapper mapper) {
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Test
    void aMessageWithAHugeNumberAndAHugeTextIsReadBack() {
        JacksonSerializer serializer = serializer(MessageJson.readsWhatItWrites(
                Jackson2ObjectMapperBuilder.json().build()));

        SerializedObject<String> written = serializer.serialize(HUGE, String.class);
        Priced read = serializer.deserialize(written);

        assertThat(read.amount()).isEqualByComparingTo(HUGE.amount());
        assertThat(read.note()).hasSize(25_000_000);
    }

    @Test
    void jacksonsDefaultsWouldWriteWhatTheyCannotRead() {
        JacksonSerializer serializer = serializer(Jackson2ObjectMapperBuilder.json().build());

        SerializedObject<String> written = serializer.serialize(new Priced("x".repeat(25_000_000), BigDecimal.ONE),
                String.class);

        assertThatThrownBy(() -> serializer.deserialize(written)).hasStackTraceContaining("String value length");
    }
}
