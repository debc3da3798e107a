package dev.arcadia.env.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions for error messages, by case-insensitive edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /** Up to {@code max} candidates close to {@code name}, closest first; empty if none is reasonably close. */
    public static List<String> closest(String name, Collection<String> candidates, int max) {
        String key = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, key.length() / 2);
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            if (distance(key, lower) <= limit || lower.contains(key) || key.contains(lower)) {
                close.add(c);
            }
        }
        close.sort(Comparator.comparingInt((String c) -> distance(key, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        return close.size() > max ? close.subList(0, max) : close;
    }

    /** " (did you mean 'x'?)" or " (did you mean one of 'x', 'y'?)", or "" when nothing is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        List<String> close = closest(name, candidates, 3);
        if (close.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(close.size() == 1 ? " (did you mean " : " (did you mean one of ");
        for (int i = 0; i < close.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(close.get(i)).append('\'');
        }
        return sb.append("?)").toString();
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
