package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentPageReadEvent;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A document's latest pipeline run as its events tell it, for the processors: whether a step is still to be done, the
 * pages already recorded (so a resumed run reads only the others) and the type an operator gave.
 *
 * @param sha256            the original's hash, under which it is stored
 * @param run               the latest run (1 = the upload's)
 * @param pages             the pages recorded for that run, by page number
 * @param textRecorded      whether that run's text was recorded (every page read)
 * @param processed         whether that run ended with its text understood (a failed run is not: the retry of its
 *                          dead letter goes on with it)
 * @param correctedType     the type an operator gave last, or null
 * @param awaitingFieldsFor the corrected type whose fields are not recorded yet, or null
 * @param fieldsValidated   whether an operator validated the fields in that run
 */
record DocumentRun(String sha256, int run, Map<Integer, DocumentPageReadEvent> pages, boolean textRecorded,
                   boolean processed, String correctedType, String awaitingFieldsFor, boolean fieldsValidated) {

    /** Whether run {@code number} still has its text to read (also when reading it failed, for the retry). */
    boolean readingText(int number) {
        return number == run && !textRecorded && !processed;
    }

    /** The texts of the pages recorded for the run, in page order. */
    List<String> pageTexts() {
        return pages.values().stream().sorted(Comparator.comparingInt(DocumentPageReadEvent::page))
                .map(DocumentPageReadEvent::text).toList();
    }
}
