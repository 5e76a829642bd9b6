package io.axle.documents.understanding.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.axle.documents.understanding.GeneratedCorpus;
import io.axle.documents.understanding.GeneratedCorpus.Labelled;

/** Field precision and recall on the generated invoices and registration certificates. */
class CorpusFieldsTest {

    @Test
    void readsTheFieldsOfTheGeneratedDocuments() {
        FieldExtractor extractor = new FieldExtractor(ConfidenceThresholds.defaults());
        int expected = 0;
        int found = 0;
        int right = 0;
        for (Labelled document : GeneratedCorpus.documents()) {
            for (Map.Entry<String, String> field : document.fields().entrySet()) {
                expected++;
                Optional<ExtractedField> read = extractor.extract(List.of(document.text()), document.type(),
                        document.language()).stream().filter(f -> f.name().equals(field.getKey())).findFirst();
                if (read.isPresent()) {
                    found++;
                    if (read.get().value().equals(field.getValue())) {
                        right++;
                    } else {
                        System.out.printf("  %s %s: read %s, expected %s%n", document.type(), field.getKey(),
                                read.get().value(), field.getValue());
                    }
                } else {
                    System.out.printf("  %s %s: not found, expected %s%n", document.type(), field.getKey(),
                            field.getValue());
                }
            }
        }
        double precision = (double) right / found;
        double recall = (double) right / expected;
        System.out.printf("field precision %d/%d = %.3f, recall %d/%d = %.3f%n", right, found, precision, right,
                expected, recall);

        assertThat(expected).isGreaterThan(60);
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }
}
