package org.coophub.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one class logs, kept for a test to read. Attach it after a hub has started: Spring Boot sets logging up afresh
 * when a context starts, dropping appenders attached before.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source, Level level) {
        logger = (Logger) LoggerFactory.getLogger(source);
        levelBefore = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        if (level != null) {
            logger.setLevel(level);
        }
    }

    /** At the level logging is set to. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source, null);
    }

    /** At {@code level}, until closed. */
    public static LogCapture of(Class<?> source, Level level) {
        return new LogCapture(source, level);
    }

    /** The events so far whose message contains {@code text}, oldest first. */
    public List<ILoggingEvent> containing(String text) {
        List<ILoggingEvent> events;
        synchronized (appender) { // the appender adds under this lock
            events = List.copyOf(appender.list);
        }
        return events.stream().filter(event -> event.getFormattedMessage().contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }
}
