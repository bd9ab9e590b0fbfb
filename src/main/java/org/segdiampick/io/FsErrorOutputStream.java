package org.segdiampick.io;

import org.apache.hadoop.fs.FSError;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream whose {@link FSError}s are IOExceptions naming the file. Hadoop's local file system reports a
 * full disk or an I/O error while writing as {@code FSError}, an {@link Error}; {@link Storage#create} wraps its
 * streams in this so callers classify one kind of storage failure, not two.
 */
final class FsErrorOutputStream extends FilterOutputStream {
    private final String location;

    FsErrorOutputStream(OutputStream out, String location) {
        super(out);
        this.location = location;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (FSError e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (FSError e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (FSError e) {
            throw failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (FSError e) {
            throw failed(e);
        }
    }

    private IOException failed(FSError e) {
        return new IOException(location + ": write failed: " + Storage.reason(e), e);
    }
}
