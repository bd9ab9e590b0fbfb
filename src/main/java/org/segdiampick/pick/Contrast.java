package org.segdiampick.pick;

/** Particle contrast in the raw micrograph ({@code pcontrast}); the picker wants bright particles. */
public enum Contrast {
    /** Particles darker than the background (usual cryo-EM): the image is negated. */
    BLACK,
    /** Particles brighter than the background: the image is used as it is. */
    WHITE;

    public static Contrast parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "black" -> BLACK;
            case "white" -> WHITE;
            default -> throw new IllegalArgumentException("pcontrast must be black or white, not '" + s + "'");
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
