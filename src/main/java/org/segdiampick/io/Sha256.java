package org.segdiampick.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a list of strings, each entered as its UTF-8 length (4 bytes, big-endian) followed by its bytes, so that
 * no two different lists hash the same input (a string may contain any character, even a separator). Lower-case hex.
 * Used for the batch digest of an output folder and for the keys of resume checkpoints.
 */
public final class Sha256 {
    private Sha256() {
    }

    public static String ofStrings(Iterable<String> parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String s : parts) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            md.update(new byte[]{(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
            md.update(b);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String ofStrings(String... parts) {
        return ofStrings(java.util.Arrays.asList(parts));
    }
}
