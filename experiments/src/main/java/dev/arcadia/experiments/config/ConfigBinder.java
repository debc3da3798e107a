package dev.arcadia.experiments.config;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.arcadia.env.util.Suggestions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds JSON (parsed by Gson) onto config classes: final classes with a public no-argument constructor and public
 * fields whose initial values are the defaults. Unlike Gson's default binding it is strict: an unknown key fails
 * with its JSON path, the closest valid key and the list of valid keys; a value of the wrong type fails with the
 * actual and the expected value. Supported field types: numbers, booleans, strings, enums (written in lower case
 * with dashes, e.g. {@code "epsilon-greedy"}), nested config classes, {@code List<String>}, {@code List<Integer>}, free-form
 * {@code Map<String, Object>} and raw {@link JsonObject}.
 */
public final class ConfigBinder {

    private static final Gson GSON = new Gson();

    private ConfigBinder() {
    }

    /** Parses JSON text; a syntax error becomes a ConfigException naming the source. */
    public static JsonObject parse(String json, String source) {
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new ConfigException("$", "the config in " + source + " must be a JSON object {...}, got " + kind(e));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ConfigException("$", "malformed JSON in " + source + ": " + cause);
        }
    }

    /** Binds {@code json} onto a new instance of {@code type}; {@code path} locates it in messages. */
    public static <T> T bind(JsonElement json, Class<T> type, String path) {
        if (json == null || !json.isJsonObject()) {
            throw new ConfigException(path, "expected an object {...}, got " + kind(json));
        }
        T target = newInstance(type, path);
        Map<String, Field> fields = fields(type);
        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
            Field f = fields.get(e.getKey());
            String at = path + "." + e.getKey();
            if (f == null) {
                throw new ConfigException(at, "unknown key '" + e.getKey() + "'"
                        + Suggestions.didYouMean(e.getKey(), fields.keySet())
                        + "; valid keys here: " + String.join(", ", fields.keySet()));
            }
            try {
                f.set(target, value(e.getValue(), f.getType(), f.getGenericType(), at));
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException("config field " + f + " must be public", ex);
            }
        }
        return target;
    }

    /** The JSON form of a config object, every field included (defaults resolved), enums in config spelling. */
    public static JsonObject toJson(Object config) {
        JsonObject o = new JsonObject();
        for (Field f : fields(config.getClass()).values()) {
            try {
                o.add(f.getName(), toJsonValue(f.get(config)));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    private static JsonElement toJsonValue(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Enum<?> en) {
            return new JsonPrimitive(enumName(en));
        }
        if (v instanceof JsonElement j) {
            return j.deepCopy();
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof Map || v instanceof List) {
            return GSON.toJsonTree(v);
        }
        return toJson(v);
    }

    /** The config spelling of an enum constant: {@code EPSILON_GREEDY} is {@code "epsilon-greedy"}. */
    public static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Field> fields(Class<?> type) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : type.getFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) && !Modifier.isFinal(m)) {
                out.put(f.getName(), f);
            }
        }
        return out;
    }

    private static <T> T newInstance(Class<T> type, String path) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config class " + type.getName() + " needs a public no-argument constructor ("
                    + path + ")", e);
        }
    }

    private static Object value(JsonElement v, Class<?> type, Type generic, String at) {
        boolean isNull = v == null || v.isJsonNull();
        if (type.isPrimitive() && isNull) {
            throw new ConfigException(at, "expected " + (type == boolean.class ? "true or false" : "a number") + ", got null");
        }
        if (isNull) {
            return null;
        }
        if (type == double.class || type == Double.class) {
            return number(v, at).doubleValue();
        }
        if (type == int.class || type == Integer.class) {
            return (int) integer(v, at, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return integer(v, at, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
                return v.getAsBoolean();
            }
            throw new ConfigException(at, "expected true or false, got " + kind(v));
        }
        if (type == String.class) {
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                return v.getAsString();
            }
            throw new ConfigException(at, "expected a string, got " + kind(v));
        }
        if (type.isEnum()) {
            return enumValue(v, type, at);
        }
        if (type == JsonObject.class) {
            if (!v.isJsonObject()) {
                throw new ConfigException(at, "expected an object {...}, got " + kind(v));
            }
            return v.getAsJsonObject();
        }
        if (type == Map.class) {
            if (!v.isJsonObject()) {
                throw new ConfigException(at, "expected an object {...}, got " + kind(v));
            }
            return GSON.fromJson(v, Map.class);
        }
        if (type == List.class) {
            return list(v, generic, at);
        }
        return bind(v, type, at);
    }

    private static Number number(JsonElement v, String at) {
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            return v.getAsNumber();
        }
        throw new ConfigException(at, "expected a number, got " + kind(v));
    }

    private static long integer(JsonElement v, String at, long min, long max) {
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            try {
                long x = v.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
                if (x >= min && x <= max) {
                    return x;
                }
            } catch (ArithmeticException ignored) {
                // not an integer: reported below
            }
        }
        throw new ConfigException(at, "expected an integer" + (max == Integer.MAX_VALUE ? " (int range)" : "")
                + ", got " + kind(v));
    }

    private static Object enumValue(JsonElement v, Class<?> type, String at) {
        List<String> names = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            names.add(enumName((Enum<?>) c));
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            String s = v.getAsString().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Object c : type.getEnumConstants()) {
                if (enumName((Enum<?>) c).equals(s)) {
                    return c;
                }
            }
            throw new ConfigException(at, "expected one of " + String.join(", ", names) + ", got " + kind(v)
                    + Suggestions.didYouMean(v.getAsString(), names));
        }
        throw new ConfigException(at, "expected one of " + String.join(", ", names) + ", got " + kind(v));
    }

    private static List<Object> list(JsonElement v, Type generic, String at) {
        Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
        if (element != String.class && element != Integer.class) {
            throw new IllegalStateException("config lists must be List<String> or List<Integer> (" + at + ")");
        }
        String what = element == String.class ? "strings" : "integers";
        if (!v.isJsonArray()) {
            throw new ConfigException(at, "expected a list of " + what + " [...], got " + kind(v));
        }
        List<Object> out = new ArrayList<>();
        JsonArray a = v.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (element == String.class) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new ConfigException(at + "[" + i + "]", "expected a string, got " + kind(e));
                }
                out.add(e.getAsString());
            } else {
                out.add((int) integer(e, at + "[" + i + "]", Integer.MIN_VALUE, Integer.MAX_VALUE));
            }
        }
        return List.copyOf(out);
    }

    /** A JSON value as shown in messages: the value and its JSON type. */
    static String kind(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "null";
        }
        if (v.isJsonObject()) {
            return "an object";
        }
        if (v.isJsonArray()) {
            return "a list " + shorten(v.toString());
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        if (p.isString()) {
            return shorten(p.toString()) + " (a string)";
        }
        if (p.isBoolean()) {
            return p + " (a boolean)";
        }
        return p + " (a number)";
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
