package org.segdiampick.io;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class Sha256Test {
    @Test
    void eachStringEntersAsItsBigEndianLengthThenItsUtf8Bytes() throws Exception {
        byte[] input = {0, 0, 0, 1, 'a', 0, 0, 0, 2, (byte) 0xC3, (byte) 0xA5};
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        assertEquals(expected, Sha256.ofStrings("a", "å"));
        assertEquals(expected, Sha256.ofStrings(List.of("a", "å")));
    }

    @Test
    void differentListsWithTheSameConcatenationHashDifferently() {
        assertNotEquals(Sha256.ofStrings("ab", "c"), Sha256.ofStrings("a", "bc"));
        assertNotEquals(Sha256.ofStrings("a\nb"), Sha256.ofStrings("a", "b"));
    }
}
