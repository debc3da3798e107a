package dev.arcadia.experiments.reproduce;

import com.google.gson.JsonObject;

/**
 * One row of a reproduced table, in the form every {@code arcadia reproduce} command shares.
 *
 * @param row       what the row measures
 * @param reference the published figure, as published
 * @param measured  our mean
 * @param spread    our standard deviation across seeds
 * @param target    the pass bar (its meaning is in {@code passRule})
 * @param unit      unit of measured, spread and target
 * @param pass      whether the row meets its bar
 * @param extra     further fields for this kind of table
 */
public record ReproductionRow(String row, String reference, double measured, double spread, double target, String unit,
                              boolean pass, JsonObject extra) {

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("row", row);
        o.addProperty("reference", reference);
        o.addProperty("measured", measured);
        o.addProperty("spread", spread);
        o.addProperty("target", target);
        o.addProperty("unit", unit);
        o.addProperty("pass", pass);
        extra.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }
}
