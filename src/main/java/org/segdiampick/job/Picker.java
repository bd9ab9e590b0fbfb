package org.segdiampick.job;

import java.util.Locale;

/**
 * Which picker writes the final picks (policy stage 6 or the refined picker of docs/picking.md). Stages 1–5 are
 * the policy's either way; the box size and mask diameter are always the policy's.
 */
public enum Picker {
    /** Policy stage 6: the pass-1 components inside the accepted bounds (the default, byte-identical outputs). */
    SEGMENTATION("segmentation"),
    /** The size-aware blob detector at the batch's learned particle diameter ({@code pick.refined}). */
    REFINED("refined");

    private final String id;

    Picker(String id) {
        this.id = id;
    }

    /** The command-line and JSON spelling. */
    public String id() {
        return id;
    }

    /** Parses "segmentation" or "refined" (case-insensitive). */
    public static Picker parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Picker p : values()) if (p.id.equals(t)) return p;
        throw new IllegalArgumentException("unknown picker '" + s + "' (expected segmentation or refined)");
    }

    @Override
    public String toString() {
        return id;
    }
}
