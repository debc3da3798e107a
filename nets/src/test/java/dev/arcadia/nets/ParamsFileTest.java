package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsFileTest {

    @TempDir
    Path tmp;

    private static Network mlp(long seed, int... hidden) {
        List<Integer> h = Arrays.stream(hidden).boxed().toList();
        return Networks.create("mlp", new int[] {4}, 2, Map.of("hidden", h), new SplittableRandom(seed));
    }

    @Test
    void savedParametersLoadBackBitIdentically() throws IOException {
        Params a = mlp(1, 64, 64).parameters();
        a.list().get(0).value().set(0, Float.MIN_VALUE); // a subnormal survives too
        a.list().get(0).value().set(1, -0.0f);
        Path file = tmp.resolve("net.params");
        a.save(file);
        Params b = mlp(2, 64, 64).parameters();
        b.load(file);
        for (int i = 0; i < a.list().size(); i++) {
            float[] x = a.list().get(i).value().toArray();
            float[] y = b.list().get(i).value().toArray();
            for (int j = 0; j < x.length; j++) {
                assertEquals(Float.floatToRawIntBits(x[j]), Float.floatToRawIntBits(y[j]));
            }
        }
        assertArrayEquals(a.toFlat(), b.toFlat());
    }

    @Test
    void damagedOrForeignFilesFailClearlyAndChangeNothing() throws IOException {
        Params a = mlp(1, 8).parameters();
        Path file = tmp.resolve("net.params");
        a.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Params target = mlp(3, 8).parameters();
        float[] before = target.toFlat();

        Path truncated = tmp.resolve("truncated.params");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 5));
        assertMessage(target, truncated, "is truncated or corrupt");

        Path tampered = tmp.resolve("tampered.params");
        byte[] t = bytes.clone();
        t[t.length - 3] ^= 0x10;
        Files.write(tampered, t);
        assertMessage(target, tampered, "fails its checksum");

        Path junk = tmp.resolve("junk.params");
        Files.writeString(junk, "hello");
        assertMessage(target, junk, "not an Arcadia parameter file");

        assertMessage(mlp(1, 16).parameters(), file, "tensor 0 is 0.weight[4, 8], this network expects 0.weight[4, 16]");
        assertMessage(target, tmp.resolve("missing.params"), "does not exist");
        assertArrayEquals(before, target.toFlat(), "failed loads leave the parameters untouched");
    }

    private static void assertMessage(Params p, Path file, String expected) {
        IOException e = assertThrows(IOException.class, () -> p.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void copyAndSoftUpdateBetweenNetworks() {
        Params online = mlp(1, 8).parameters();
        Params target = mlp(2, 8).parameters();
        target.softUpdate(online, 0.25);
        float w = online.list().get(0).value().get(0);
        float before = mlp(2, 8).parameters().list().get(0).value().get(0);
        assertEquals(before + 0.25f * (w - before), target.list().get(0).value().get(0), 1e-6f);
        target.copyFrom(online);
        assertArrayEquals(online.toFlat(), target.toFlat());
        assertThrows(IllegalArgumentException.class, () -> mlp(1, 9).parameters().copyFrom(online));
    }

    @Test
    void networkPluginsAreFoundByName() {
        assertTrue(Networks.names().contains("mlp"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Networks.create("mpl", new int[] {4}, 2, Map.of(), new SplittableRandom(0)));
        assertTrue(e.getMessage().startsWith("unknown network 'mpl' (did you mean 'mlp'?)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Networks.create("mlp", new int[] {4}, 2, Map.of("hiden", List.of(3)), new SplittableRandom(0)));
        assertTrue(e.getMessage().startsWith("unknown option 'hiden' for network mlp (did you mean 'hidden'?)"), e.getMessage());
    }
}
