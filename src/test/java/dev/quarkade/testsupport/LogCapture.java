package dev.quarkade.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the server logs while a test runs, through a handler on the root logger (JBoss LogManager implements
 * java.util.logging, so every Quarkus, Vert.x and Netty log line passes through it). A test asserts that a hostile
 * client left no warning and no stack trace behind.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts recording every record of level INFO and above. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Records of level WARNING and above, and any record that carries a throwable, formatted for a failure message. */
    public synchronized List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null) {
                problems.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]"));
            }
        }
        return problems;
    }

    public synchronized void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
