package org.segdiampick.io;

/**
 * Unreadable or malformed input: names the file (or other source) and, where known, the 1-based line.
 * The CLI maps it to exit code 2 (README "Exit codes").
 */
public class InputFormatException extends RuntimeException {
    private final String source;
    private final long line;

    public InputFormatException(String source, long line, String problem) {
        this(source, line, problem, null);
    }

    public InputFormatException(String source, long line, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    public InputFormatException(String source, String problem) {
        this(source, 0, problem, null);
    }

    public InputFormatException(String source, String problem, Throwable cause) {
        this(source, 0, problem, cause);
    }

    /** The file, URI or other source that is malformed. */
    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }
}
