package io.axle.billing.document;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends openhtmltopdf's log to SLF4J under {@code com.openhtmltopdf.*}. Its INFO lines (stylesheet timings, font
 * loading) come with every document and are logged at DEBUG; warnings and errors keep their level.
 */
final class Slf4jXRLogger implements XRLogger {

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable failure) {
        Logger logger = LoggerFactory.getLogger(where);
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            logger.error(message, failure);
        } else if (value >= Level.WARNING.intValue()) {
            logger.warn(message, failure);
        } else if (value >= Level.INFO.intValue()) {
            logger.debug(message, failure);
        } else {
            logger.trace(message, failure);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // levels are set in the logging configuration
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        Logger logger = LoggerFactory.getLogger("com.openhtmltopdf");
        int value = diagnostic.getLevel().intValue();
        return value >= Level.WARNING.intValue() || (value >= Level.INFO.intValue() ? logger.isDebugEnabled()
                : logger.isTraceEnabled());
    }
}
