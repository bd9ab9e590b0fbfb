package org.segdiampick.io;

/**
 * A command-line option with a value that is not allowed (out of its range, a bad --out): bad input, so the
 * CLI maps it to exit code 2 and one line {@code --option: problem} without a stack trace, as for any
 * {@link InputFormatException}; the option takes the place of the file name.
 */
public class OptionException extends InputFormatException {
    public OptionException(String option, String problem) {
        super(option, problem);
    }
}
