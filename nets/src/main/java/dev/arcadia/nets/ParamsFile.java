package dev.arcadia.nets;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Parameter files: the 8 bytes {@code ARCPARM1}, a little-endian int with the header length, a JSON header (format,
 * dtype, every tensor's name, shape and kind, the value count and a CRC-32 of the values), then the values as raw
 * little-endian float32. No Java serialization: reading a file never runs code from it. Files are written to a
 * temporary file and renamed, so a crash never leaves a half-written file; a load checks everything before it
 * changes any parameter.
 */
public final class ParamsFile {

    private static final byte[] MAGIC = "ARCPARM1".getBytes(StandardCharsets.US_ASCII);

    private ParamsFile() {
    }

    private static List<Param> all(Params params) {
        List<Param> all = new ArrayList<>(params.list());
        all.addAll(params.buffers());
        return all;
    }

    /** Writes {@code params} to {@code file} atomically. */
    public static void write(Path file, Params params) throws IOException {
        List<Param> all = all(params);
        int floats = 0;
        for (Param p : all) {
            floats += p.value().size();
        }
        ByteBuffer values = ByteBuffer.allocate(floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (Param p : all) {
            Tensor t = p.value();
            for (int i = 0; i < t.size(); i++) {
                values.putFloat(t.get(i));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(values.array());
        JsonObject header = new JsonObject();
        header.addProperty("format", "arcadia-params");
        header.addProperty("version", 1);
        header.addProperty("dtype", "float32");
        header.addProperty("byteOrder", "little-endian");
        JsonArray tensors = new JsonArray();
        for (Param p : all) {
            JsonObject t = new JsonObject();
            t.addProperty("name", p.name());
            JsonArray shape = new JsonArray();
            for (int d : p.value().shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            t.addProperty("kind", params.list().contains(p) ? "param" : "buffer");
            tensors.add(t);
        }
        header.add("tensors", tensors);
        header.addProperty("floats", floats);
        header.addProperty("crc32", Long.toHexString(crc.getValue()));
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + h.length + floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(h.length).put(h).put(values.array());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, out.array());
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads {@code file} into {@code params} (same names and shapes, in order).
     *
     * @throws IOException naming the file and what is wrong: not a parameter file, truncated, checksum mismatch
     *                     (tampered or corrupt), or a different architecture (first differing tensor)
     */
    public static void read(Path file, Params params) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("parameter file " + file + " does not exist", e);
        }
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException("not an Arcadia parameter file: " + file + " does not start with ARCPARM1 ("
                    + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int headerLength = in.getInt();
        if (headerLength <= 0 || headerLength > bytes.length - in.position()) {
            throw new IOException("parameter file " + file + " is truncated or corrupt: header of " + headerLength
                    + " bytes announced, " + (bytes.length - in.position()) + " bytes left");
        }
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(bytes, in.position(), headerLength, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("parameter file " + file + " has a corrupt header: " + e.getMessage(), e);
        }
        in.position(in.position() + headerLength);
        List<Param> all = all(params);
        try {
            if (!"float32".equals(header.get("dtype").getAsString())) {
                throw new IOException("parameter file " + file + " holds dtype " + header.get("dtype") + ", expected float32");
            }
            JsonArray tensors = header.getAsJsonArray("tensors");
            if (tensors.size() != all.size()) {
                throw new IOException("parameter file " + file + " holds " + tensors.size() + " tensors, this network has "
                        + all.size() + " (another architecture?)");
            }
            for (int i = 0; i < all.size(); i++) {
                JsonObject t = tensors.get(i).getAsJsonObject();
                int[] shape = new int[t.getAsJsonArray("shape").size()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = t.getAsJsonArray("shape").get(d).getAsInt();
                }
                String name = t.get("name").getAsString();
                Param p = all.get(i);
                if (!name.equals(p.name()) || !p.value().hasShape(shape)) {
                    throw new IOException("parameter file " + file + ": tensor " + i + " is " + name + Arrays.toString(shape)
                            + ", this network expects " + p.name() + Arrays.toString(p.value().shape()));
                }
            }
            int floats = header.get("floats").getAsInt();
            int expected = 0;
            for (Param p : all) {
                expected += p.value().size();
            }
            if (floats != expected || in.remaining() != floats * 4) {
                throw new IOException("parameter file " + file + " is truncated or corrupt: " + in.remaining()
                        + " bytes of values, expected " + expected * 4);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, in.position(), in.remaining());
            String stored = header.get("crc32").getAsString();
            if (!stored.equals(Long.toHexString(crc.getValue()))) {
                throw new IOException("parameter file " + file + " fails its checksum (stored " + stored + ", computed "
                        + Long.toHexString(crc.getValue()) + "): it is corrupt or was modified");
            }
        } catch (NullPointerException | ClassCastException | IllegalStateException | NumberFormatException e) {
            throw new IOException("parameter file " + file + " has an incomplete header: " + e.getMessage(), e);
        }
        for (Param p : all) {
            Tensor t = p.value();
            for (int i = 0; i < t.size(); i++) {
                t.set(i, in.getFloat());
            }
        }
    }
}
