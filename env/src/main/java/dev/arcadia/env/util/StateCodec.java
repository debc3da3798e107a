package dev.arcadia.env.util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes and reads snapshot bytes. Each snapshot starts with a tag naming its owner, so restoring a snapshot into
 * the wrong kind of environment or wrapper fails with a message naming both.
 */
public final class StateCodec {

    private StateCodec() {
    }

    /** Builds snapshot bytes. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Writer(String tag) {
            writeString(tag);
        }

        public Writer writeInt(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer writeLong(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer writeDouble(double v) {
            return writeLong(Double.doubleToRawLongBits(v));
        }

        public Writer writeBoolean(boolean v) {
            return writeInt(v ? 1 : 0);
        }

        public Writer writeString(String s) {
            try {
                out.writeUTF(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer writeLongs(long[] values) {
            writeInt(values.length);
            for (long v : values) {
                writeLong(v);
            }
            return this;
        }

        public Writer writeBytes(byte[] b) {
            writeInt(b.length);
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** Reads snapshot bytes written by {@link Writer}; every malformed input becomes an IllegalArgumentException. */
    public static final class Reader {
        private final DataInputStream in;
        private final String tag;

        /**
         * @param expectedTag the tag the writer used
         * @throws IllegalArgumentException if the bytes do not start with that tag
         */
        public Reader(byte[] snapshot, String expectedTag) {
            if (snapshot == null) {
                throw new IllegalArgumentException("snapshot is null; expected bytes from snapshot() of " + expectedTag);
            }
            this.in = new DataInputStream(new ByteArrayInputStream(snapshot));
            this.tag = expectedTag;
            String found;
            try {
                found = in.readUTF();
            } catch (IOException e) {
                throw new IllegalArgumentException("not a snapshot of " + expectedTag + ": " + snapshot.length
                        + " bytes without a readable tag", e);
            }
            if (!found.equals(expectedTag)) {
                throw new IllegalArgumentException("snapshot is of '" + found + "', expected '" + expectedTag + "'");
            }
        }

        private IllegalArgumentException truncated(IOException e) {
            return new IllegalArgumentException("snapshot of " + tag + " is truncated or corrupt", e);
        }

        public int readInt() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        public long readLong() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        public double readDouble() {
            return Double.longBitsToDouble(readLong());
        }

        public boolean readBoolean() {
            return readInt() != 0;
        }

        public String readString() {
            try {
                return in.readUTF();
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        public long[] readLongs() {
            int n = readInt();
            if (n < 0 || n > 1 << 20) {
                throw new IllegalArgumentException("snapshot of " + tag + " is corrupt: array length " + n);
            }
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = readLong();
            }
            return v;
        }

        public byte[] readBytes() {
            int n = readInt();
            try {
                if (n < 0 || n > in.available()) {
                    throw new IllegalArgumentException("snapshot of " + tag + " is corrupt: " + n
                            + " bytes announced, " + in.available() + " left");
                }
                return in.readNBytes(n);
            } catch (IOException e) {
                throw truncated(e);
            }
        }

        /** Fails unless every byte was consumed. */
        public void end() {
            try {
                if (in.available() != 0) {
                    throw new IllegalArgumentException("snapshot of " + tag + " has " + in.available()
                            + " unexpected trailing bytes");
                }
            } catch (IOException e) {
                throw truncated(e);
            }
        }
    }
}
