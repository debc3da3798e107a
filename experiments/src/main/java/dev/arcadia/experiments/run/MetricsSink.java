package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;

/** Receives metrics records (one JSON object each). Records hold no wall-clock values, so they are reproducible. */
@FunctionalInterface
public interface MetricsSink {

    void accept(JsonObject record);

    /** A sink that drops everything. */
    MetricsSink NONE = record -> { };
}
