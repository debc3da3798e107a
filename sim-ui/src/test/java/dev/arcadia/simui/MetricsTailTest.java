package dev.arcadia.simui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.simui.model.MetricsTail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTailTest {

    @TempDir
    Path dir;

    private void append(Path f, String s) throws Exception {
        Files.writeString(f, s, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void readsOnlyCompleteNewLines() throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        MetricsTail t = new MetricsTail(f);
        assertEquals(0, t.poll());
        assertFalse(t.exists());
        append(f, "{\"seed\":0,\"episode\":100,\"steps\":700,\"meanReturn\":0.1}\n{\"seed\":0,\"episode\":200,\"st");
        assertEquals(1, t.poll(), "the half-written second line waits");
        assertTrue(t.exists());
        append(f, "eps\":1500,\"meanReturn\":0.4}\n");
        assertEquals(1, t.poll());
        assertEquals(0, t.poll(), "nothing new");
        append(f, "not json\n{\"seed\":1,\"event\":\"eval\",\"steps\":900,\"greedyReturn\":0.5}\n"
                + "{\"seed\":0,\"event\":\"final\",\"steps\":1500,\"greedySampled\":0.7}\n");
        assertEquals(2, t.poll());
        assertEquals(1, t.skipped());
        assertTrue(t.lastProblem().contains("not json"));
        MetricsTail.Series s0 = t.seeds().get(0);
        assertEquals(2, s0.training.size());
        assertEquals(1500, s0.training.get(1)[0]);
        assertEquals(0.4, s0.training.get(1)[1]);
        assertEquals(0.7, s0.fin.get("greedySampled").getAsDouble());
        assertEquals(1, t.seeds().get(1).evaluations.size());
        assertFalse(t.finished(2));
        assertEquals(Files.size(f), t.offset());
    }

    @Test
    void aTruncatedFileIsReadAgain() throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        append(f, "{\"seed\":0,\"episode\":1,\"steps\":5,\"meanReturn\":0}\n{\"seed\":0,\"episode\":2,\"steps\":9,\"meanReturn\":1}\n");
        MetricsTail t = new MetricsTail(f);
        assertEquals(2, t.poll());
        Files.writeString(f, "{\"seed\":0,\"episode\":1,\"steps\":5,\"meanReturn\":0}\n"); // a resumed run truncates
        t.poll();
        assertEquals(1, t.records());
        assertEquals(1, t.seeds().get(0).training.size());
    }

    @Test
    void followsARealRunWhileItTrains() throws Exception {
        Path run = dir.resolve("run");
        Thread trainer = new Thread(() -> {
            try {
                Fixtures.frozenLakeRun(run);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        trainer.start();
        MetricsTail t = new MetricsTail(run.resolve("metrics.jsonl"));
        int polls = 0;
        while (trainer.isAlive()) {
            t.poll();
            polls++;
            Thread.sleep(2);
        }
        trainer.join();
        t.poll();
        long lines = Files.readAllLines(run.resolve("metrics.jsonl")).size();
        assertEquals(lines, t.records());
        assertEquals(15, t.seeds().get(0).training.size());
        assertTrue(t.finished(1));
        assertTrue(polls > 0);
    }
}
