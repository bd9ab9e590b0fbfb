package org.segdiampick.binary;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MorphologyTest {

    @Test
    void erosionRemovesOneRingAndTheBorderDoesNotErode() {
        BinaryImage b = TestImages.parse(
                "######.",
                "######.",
                "######.",
                "######.",
                ".......");
        Morphology.erode3x3(b);
        // Only neighbours inside the image count: the top and left edges keep their pixels.
        assertEquals(
                "#####..\n" +
                "#####..\n" +
                "#####..\n" +
                ".......\n" +
                ".......\n", TestImages.render(b));
    }

    @Test
    void erosionIsSimultaneous() {
        // A sequential update would let the first cleared pixel clear the whole row.
        BinaryImage b = TestImages.parse(
                "#####",
                "#####",
                "#####",
                "####.");
        Morphology.erode3x3(b);
        assertEquals(
                "#####\n" +
                "#####\n" +
                "###..\n" +
                "###..\n", TestImages.render(b));
    }

    @Test
    void fullImageDoesNotErodeAndSinglePixelVanishes() {
        BinaryImage full = TestImages.parse("###", "###");
        assertEquals(6, Morphology.erode3x3(full).count());
        BinaryImage dot = TestImages.parse("...", ".#.", "...");
        assertEquals(0, Morphology.erode3x3(dot).count());
    }

    @Test
    void discOfRadiusFiveErodesToRadiusFour() {
        BinaryImage b = new BinaryImage(21, 21);
        TestImages.disc(b, 10, 10, 5);
        BinaryImage expected = new BinaryImage(21, 21);
        // 3 × 3 erosion of the r ≤ 5 disc: pixels whose whole 3 × 3 neighbourhood lies in the disc
        for (int y = 0; y < 21; y++)
            for (int x = 0; x < 21; x++) {
                boolean in = true;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int u = x + dx - 10, v = y + dy - 10;
                        if (u * u + v * v > 25) in = false;
                    }
                expected.set(x, y, in);
            }
        assertEquals(expected, Morphology.erode3x3(b));
        // by hand: (|u|+1)² + (|v|+1)² ≤ 25 holds for |u|, |v| ≤ 3 except |u| = |v| = 3 → 7 × 7 − 4 corners
        assertEquals(45, expected.count());
    }

    @Test
    void ringWithHoleBecomesFilledDisc() {
        BinaryImage ring = TestImages.parse(
                ".........",
                "..#####..",
                ".##...##.",
                ".#.....#.",
                ".#.....#.",
                ".##...##.",
                "..#####..",
                ".........");
        Morphology.fillHoles(ring);
        assertEquals(
                ".........\n" +
                "..#####..\n" +
                ".#######.\n" +
                ".#######.\n" +
                ".#######.\n" +
                ".#######.\n" +
                "..#####..\n" +
                ".........\n", TestImages.render(ring));
    }

    @Test
    void largerOfTwoBackgroundRegionsStaysBackground() {
        // A wall splits the background into a left part (2 columns × 4 = 8 px) and a right part (12 px).
        BinaryImage b = TestImages.parse(
                "..#...",
                "..#...",
                "..#...",
                "..#...");
        Morphology.fillHoles(b);
        assertEquals(
                "###...\n" +
                "###...\n" +
                "###...\n" +
                "###...\n", TestImages.render(b));
    }

    @Test
    void backgroundTiesKeepTheFirstInRasterOrder() {
        BinaryImage b = TestImages.parse(
                "..#..",
                "..#..");
        Morphology.fillHoles(b);
        assertEquals("..###\n..###\n", TestImages.render(b));
    }

    @Test
    void diagonalGapKeepsBackgroundConnected() {
        // Background is 8-connected: the two background pixels touch diagonally and form one region.
        BinaryImage b = TestImages.parse(
                "#.",
                ".#");
        Morphology.fillHoles(b);
        assertEquals(2, b.count());
    }

    @Test
    void noBackgroundOrNoForegroundIsLeftAlone() {
        BinaryImage full = TestImages.parse("##", "##");
        assertEquals(4, Morphology.fillHoles(full).count());
        BinaryImage empty = TestImages.parse("..", "..");
        assertEquals(0, Morphology.fillHoles(empty).count());
    }
}
