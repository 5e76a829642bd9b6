package io.axle.platform.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.axle.api.privacy.DataSubject;
import io.axle.api.privacy.PersonalData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jackson module of the event serializer (never of the HTTP mapper): writes each {@link PersonalData} property as a
 * {@link PersonalDataCipher} token of the same object's {@link DataSubject}, holding the property's JSON; reads such a
 * token back as the value, or as null once the subject is erased. A plain value (stored before encryption) is read as
 * it is, so old events stay readable. A type with personal data but no data subject cannot be written.
 */
public final class PersonalDataModule extends SimpleModule {

    private static final JsonFactory JSON = new JsonFactory();

    private final transient PersonalDataCipher cipher;

    public PersonalDataModule(PersonalDataCipher cipher) {
        super("axle-personal-data");
        this.cipher = cipher;
        setSerializerModifier(new EncryptingModifier(cipher));
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.insertAnnotationIntrospector(new DecryptingIntrospector(cipher));
    }

    /** Replaces the writers of personal properties by encrypting ones, given the writer of the subject's id. */
    private static final class EncryptingModifier extends BeanSerializerModifier {

        private final PersonalDataCipher cipher;

        EncryptingModifier(PersonalDataCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                         List<BeanPropertyWriter> writers) {
            if (writers.stream().noneMatch(writer -> writer.getAnnotation(PersonalData.class) != null)) {
                return writers;
            }
            BeanPropertyWriter subject = writers.stream()
                    .filter(writer -> writer.getAnnotation(DataSubject.class) != null)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(description.getBeanClass().getName()
                            + " holds @PersonalData but names no @DataSubject"));
            List<BeanPropertyWriter> changed = new ArrayList<>(writers.size());
            for (BeanPropertyWriter writer : writers) {
                changed.add(writer.getAnnotation(PersonalData.class) == null
                        ? writer : new EncryptingWriter(writer, subject, cipher));
            }
            return changed;
        }
    }

    /** Writes a non-null value as a token of the subject named by the same object. */
    private static final class EncryptingWriter extends BeanPropertyWriter {

        private final BeanPropertyWriter subject;
        private final transient PersonalDataCipher cipher;

        EncryptingWriter(BeanPropertyWriter base, BeanPropertyWriter subject, PersonalDataCipher cipher) {
            super(base);
            this.subject = subject;
            this.cipher = cipher;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value == null) {
                super.serializeAsField(bean, gen, provider);
                return;
            }
            Object subjectId = subject.get(bean);
            if (subjectId == null && subject.getAnnotation(DataSubject.class).optional()) {
                super.serializeAsField(bean, gen, provider);
                return;
            }
            if (subjectId == null) {
                throw JsonMappingException.from(provider, bean.getClass().getName() + "." + getName()
                        + " is personal data of a null " + subject.getName());
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            try (JsonGenerator plain = JSON.createGenerator(json)) {
                provider.defaultSerializeValue(value, plain);
            }
            gen.writeFieldName(_name);
            gen.writeString(cipher.encrypt(subjectId.toString(), json.toByteArray()));
        }
    }

    /** Gives every personal property (field, accessor or creator parameter) the decrypting deserializer. */
    private static final class DecryptingIntrospector extends NopAnnotationIntrospector {

        private final transient PersonalDataCipher cipher;

        DecryptingIntrospector(PersonalDataCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public Object findDeserializer(Annotated annotated) {
            if (!annotated.hasAnnotation(PersonalData.class)) {
                return null;
            }
            JavaType type = annotated instanceof AnnotatedMethod setter && setter.getParameterCount() == 1
                    ? setter.getParameterType(0) : annotated.getType();
            return new DecryptingDeserializer(cipher, type);
        }

        @Override
        public Version version() {
            return Version.unknownVersion();
        }
    }

    /** Reads a token as its value (null once erased), anything else as the plain value it is. */
    private static final class DecryptingDeserializer extends StdDeserializer<Object> {

        private final transient PersonalDataCipher cipher;
        private final JavaType type;

        DecryptingDeserializer(PersonalDataCipher cipher, JavaType type) {
            super(type);
            this.cipher = cipher;
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonDeserializer<Object> plain = context.findRootValueDeserializer(type);
            if (parser.currentToken() != JsonToken.VALUE_STRING || !PersonalDataCipher.isToken(parser.getText())) {
                return plain.deserialize(parser, context);
            }
            Optional<byte[]> json = cipher.decrypt(parser.getText());
            if (json.isEmpty()) {
                return null;
            }
            try (JsonParser value = JSON.createParser(json.get())) {
                value.setCodec(parser.getCodec());
                value.nextToken();
                return value.currentToken() == JsonToken.VALUE_NULL ? null : plain.deserialize(value, context);
            }
        }
    }
}
