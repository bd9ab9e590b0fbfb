package org.segdiampick.estimate;

import java.util.Locale;

/** The two clustering backends of policy stage 3 (3a k-means, 3b HAC); independent paths (policy "Do Not"). */
public enum Clustering {
    KMEANS("kmeans"),
    HAC("hac");

    private final String id;

    Clustering(String id) {
        this.id = id;
    }

    /** The command-line and JSON spelling ("kmeans", "hac"). */
    public String id() {
        return id;
    }

    /** Parses "kmeans" or "hac" (case-insensitive). */
    public static Clustering parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Clustering c : values()) if (c.id.equals(t)) return c;
        throw new IllegalArgumentException("unknown clustering '" + s + "' (expected kmeans or hac)");
    }

    @Override
    public String toString() {
        return id;
    }
}
