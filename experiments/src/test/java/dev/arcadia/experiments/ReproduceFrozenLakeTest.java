package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.arcadia.experiments.reproduce.FrozenLakeTable;
import dev.arcadia.experiments.reproduce.ReproductionRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The full table, 10 seeds per row and 10,000 evaluation episodes per seed, as {@code arcadia reproduce frozenlake}. */
class ReproduceFrozenLakeTest {

    @Test
    void everyRowMeetsItsBarAndTheJsonHasTheSharedShape() {
        List<ReproductionRow> rows = new FrozenLakeTable(10, 10_000, true).run();
        JsonObject doc = FrozenLakeTable.toJson(rows);
        assertEquals("frozenlake", doc.get("name").getAsString());
        JsonArray array = doc.getAsJsonArray("rows");
        assertEquals(8, array.size());
        for (JsonElement e : array) {
            JsonObject r = e.getAsJsonObject();
            for (String key : List.of("row", "reference", "measured", "spread", "target", "unit", "pass", "meanExact",
                    "meanSampled", "optimum")) {
                assertTrue(r.has(key), r.get("row") + " lacks " + key);
            }
            assertTrue(r.get("pass").getAsBoolean(), r.toString());
        }
        JsonObject slippery = array.get(4).getAsJsonObject();
        assertEquals(0.7442, slippery.get("optimum").getAsDouble(), 5e-5);
        long atLeast70 = 0;
        for (JsonElement s : slippery.getAsJsonArray("perSeed")) {
            atLeast70 += s.getAsJsonObject().get("sampled").getAsDouble() >= 0.70 ? 1 : 0;
        }
        assertTrue(atLeast70 >= 9, "slippery 4x4: " + atLeast70 + " of 10 seeds at >= 0.70");
        JsonObject big = array.get(5).getAsJsonObject();
        assertEquals(0.9132, big.get("optimum").getAsDouble(), 5e-5);
        assertEquals(0.0139, array.get(0).getAsJsonObject().get("meanExact").getAsDouble(), 5e-5);
    }
}
