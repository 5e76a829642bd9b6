package io.axle.platform.json;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How Axle reads JSON it did not write (requests, device payloads): one value per body, no duplicate keys, no type
 * coercion ({@code "2"} or {@code 1.5} for a whole number, {@code 7} for a text), no number longer than
 * {@value #MAX_NUMBER_LENGTH} characters or with more than {@value #MAX_DIGITS} digits before or after the point
 * (so {@code 1e1000000} is refused before anything expands it), no non-finite floating-point value, and no control
 * character in text except tab and line breaks in fields marked {@link FreeText}. The domain then applies its own,
 * tighter bounds; these limits keep anything unbounded from reaching it.
 */
public final class StrictJson {

    /** Longest number literal read, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Most digits a decimal may have before the point, and after it. */
    public static final int MAX_DIGITS = 32;
    /** Longest text value read, in characters (request bodies are small; files travel as multipart). */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Deepest nesting of objects and arrays read. */
    public static final int MAX_NESTING_DEPTH = 64;

    static final String NUMBER_RANGE = "number-range";
    static final String CONTROL_CHARACTERS = "no-control-characters";

    private StrictJson() {
    }

    /** Makes {@code mapper} strict as described above, and returns it. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("axle-strict-json");
        module.addDeserializer(String.class, new Text(false));
        module.addKeyDeserializer(String.class, new KeyText());
        module.addDeserializer(BigDecimal.class, new Decimal());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        module.addDeserializer(double.class, new FiniteDouble(Double.TYPE, 0.0));
        mapper.registerModule(module);
        return mapper;
    }

    /**
     * The position of the first control character in {@code text} (U+0000–U+001F, U+007F), tab and line breaks
     * excepted where {@code freeText}; -1 if there is none.
     */
    static int forbiddenCharacter(String text, boolean freeText) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 || c == 0x7F) && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What is wrong with {@code text} ("contains the control character U+0000 at position 5"), or null when it holds no
     * control character beyond those {@code freeText} allows.
     */
    public static String controlCharacterIn(String text, boolean freeText) {
        int at = forbiddenCharacter(text, freeText);
        return at < 0 ? null : String.format("contains the control character U+%04X at position %d",
                (int) text.charAt(at), at);
    }

    /** Text without control characters; tab and line breaks allowed where the field is {@link FreeText}. */
    static final class Text extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final boolean freeText;

        Text(boolean freeText) {
            super(String.class);
            this.freeText = freeText;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean free = property != null && property.getAnnotation(FreeText.class) != null;
            return free == freeText ? this : new Text(free);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String wrong = text == null ? null : controlCharacterIn(text, freeText);
            if (wrong != null) {
                throw new JsonLimitException(parser, CONTROL_CHARACTERS,
                        wrong + (freeText ? "; only tab and line breaks are allowed here" : ""));
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Map keys without any control character. */
    static final class KeyText extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            String wrong = controlCharacterIn(key, false);
            if (wrong != null) {
                throw new JsonLimitException(context.getParser(), CONTROL_CHARACTERS, "a key " + wrong);
            }
            return key;
        }
    }

    /** Decimals with at most {@value #MAX_DIGITS} digits before and after the point. */
    static final class Decimal extends NumberDeserializers.BigDecimalDeserializer {

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = super.deserialize(parser, context);
            if (value != null && value.signum() != 0
                    && (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS)) {
                throw new JsonLimitException(parser, NUMBER_RANGE, "has more than " + MAX_DIGITS
                        + " digits before or after the decimal point");
            }
            return value;
        }
    }

    /** Floating-point numbers that stay finite (a literal such as {@code 1e400} would otherwise become infinity). */
    static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {

        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Double value = super.deserialize(parser, context);
            if (value != null && !Double.isFinite(value)) {
                throw new JsonLimitException(parser, NUMBER_RANGE, "is not a finite number");
            }
            return value;
        }
    }
}
