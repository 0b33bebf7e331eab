package io.github.aemclient.it;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to two streams: the console stays visible while a test keeps a copy of what the server printed. */
public final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    public Tee(OutputStream first, OutputStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
        first.write(b);
        second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        first.write(b, off, len);
        second.write(b, off, len);
    }
}
