package dev.arcadia.env.util;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Info maps for {@link dev.arcadia.env.Step}: {@link #with} adds one entry to an existing (immutable) info map in
 * constant time and space, without copying it, so wrappers that annotate steps stay cheap on hot paths.
 */
public final class Infos {

    private Infos() {
    }

    /** An immutable view of {@code base} plus {@code key -> value} (replacing any {@code key} in base). */
    public static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        return new Overlay(base, Objects.requireNonNull(key), value);
    }

    private static final class Overlay extends AbstractMap<String, Object> {
        private final Map<String, Object> base;
        private final String key;
        private final Object value;

        Overlay(Map<String, Object> base, String key, Object value) {
            this.base = base;
            this.key = key;
            this.value = value;
        }

        @Override
        public Object get(Object k) {
            return key.equals(k) ? value : base.get(k);
        }

        @Override
        public boolean containsKey(Object k) {
            return key.equals(k) || base.containsKey(k);
        }

        @Override
        public int size() {
            return base.containsKey(key) ? base.size() : base.size() + 1;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return Overlay.this.size();
                }

                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, Object>> rest = base.entrySet().iterator();
                    return new Iterator<>() {
                        private boolean ownDone;
                        private Entry<String, Object> next = advance();

                        private Entry<String, Object> advance() {
                            if (!ownDone) {
                                ownDone = true;
                                return new SimpleImmutableEntry<>(key, value);
                            }
                            while (rest.hasNext()) {
                                Entry<String, Object> e = rest.next();
                                if (!key.equals(e.getKey())) {
                                    return e;
                                }
                            }
                            return null;
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next == null) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Object> e = next;
                            next = advance();
                            return e;
                        }
                    };
                }
            };
        }
    }
}
