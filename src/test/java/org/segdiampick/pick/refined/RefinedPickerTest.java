package org.segdiampick.pick.refined;

import org.junit.jupiter.api.Test;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.pick.Contrast;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The refined picker end to end on micrographs generated here. */
class RefinedPickerTest {
    private static final RefinedPicker PICKER = new RefinedPicker(Contrast.BLACK);

    private static RefinedDecision at(double particleA, double threshold, int box) {
        return new RefinedDecision(particleA, ParticleSizeLearner.DETECTOR_TO_PARTICLE * particleA, threshold, box);
    }

    @Test
    void aDarkDiscIsFoundAtItsCentreWithinOnePixel() {
        // 4 Å/px, disc of radius 10 px (80 Å) at a non-integer centre, on noise
        Image2D img = Micrographs.noise(256, 256, 4, 1);
        Micrographs.darkDisc(img, 121.3, 133.7, 10, 40);
        List<RefinedPick> picks = PICKER.pick(img, 4, at(80, 3, 24), "disc.mrc");
        assertEquals(1, picks.size(), picks.toString());
        assertEquals(121.3, picks.get(0).x(), 1.0);
        assertEquals(133.7, picks.get(0).y(), 1.0);
    }

    @Test
    void aDarkRingIsFoundAtItsCentreWithinOnePixel() {
        // apoferritin-like: a dark shell (radii 7–10 px, mean R = 8.5 px) around a lighter core. The centre response
        // of a thin ring, ∝ u(2 − u)e^(−u/2) with u = R²/σ², is largest at u = 3 − √5, σ = 1.144 R = 9.7 px, i.e.
        // a detection diameter 2√2 σ = 27.5 px = 110 Å: there the shell blurs into one blob centred on the core
        Image2D img = Micrographs.noise(256, 256, 4, 2);
        Micrographs.darkRing(img, 140.6, 101.2, 7, 10, 40);
        List<RefinedPick> picks = PICKER.pick(img, 4, new RefinedDecision(110, 110, 3, 24), "ring.mrc");
        assertEquals(1, picks.size(), picks.toString());
        assertEquals(140.6, picks.get(0).x(), 1.0);
        assertEquals(101.2, picks.get(0).y(), 1.0);
    }

    @Test
    void picksTooCloseToTheEdgeForABoxAreDropped() {
        Image2D img = Micrographs.noise(256, 256, 4, 3);
        Micrographs.darkDisc(img, 20, 128, 10, 40);     // 20 px from the left edge
        Micrographs.darkDisc(img, 128, 128, 10, 40);
        assertEquals(2, PICKER.pick(img, 4, at(80, 3, 24), "edge.mrc").size());   // half box 12 px: both fit
        List<RefinedPick> boxed = PICKER.pick(img, 4, at(80, 3, 64), "edge.mrc");  // half box 32 px: the first does not
        assertEquals(1, boxed.size());
        assertEquals(128, boxed.get(0).x(), 1.0);
    }

    @Test
    void veryDarkContaminationIsRejected() {
        List<double[]> centres = new ArrayList<>();
        Image2D img = Micrographs.particles(512, 512, 4, 20, 40, 15, 4, centres);
        Micrographs.darkDisc(img, 256, 256, 14, 400);   // an ethane drop: 27 times darker than a particle
        List<RefinedPick> picks = PICKER.pick(img, 4, at(80, 2, 24), "ice.mrc");
        assertTrue(picks.size() >= 20, "particles still picked: " + picks.size());
        for (RefinedPick p : picks) assertTrue(Math.hypot(p.x() - 256, p.y() - 256) > 14, "pick on the contaminant: " + p);
    }

    @Test
    void pureNoiseGivesAtMostTwoPicksPerMillionPixels() {
        // the decision a batch of real particles would give, applied to noise micrographs of several sizes
        SizeEvidence batch = SizeEvidence.empty();
        for (int i = 0; i < 3; i++) batch = batch.plus(PICKER.evidence(Micrographs.particles(768, 768, 2, 60, 60, 12, 100 + i, null), 2));
        RefinedDecision learned = RefinedDecision.learn(batch, Double.NaN, 96);
        long pixels = 0, picks = 0;
        int[][] sizes = {{512, 512}, {1024, 768}, {1240, 1200}, {2048, 2048}};
        for (int[] s : sizes) {
            Image2D noise = Micrographs.noise(s[0], s[1], 2, s[0] * 31L + s[1]);
            pixels += (long) s[0] * s[1];
            picks += PICKER.pick(noise, 2, learned, "noise.mrc").size();
            // even with a threshold far below any particle's, noise has no structure to pick
            assertTrue(PICKER.pick(noise, 2, learned.withThreshold(0.5), "noise.mrc").size() <= 2 * s[0] * (long) s[1] / 1_000_000 + 0);
        }
        assertTrue(picks <= 2 * pixels / 1_000_000, picks + " picks on " + pixels + " noise pixels");
    }

    @Test
    void aBatchSaltedWithNoiseKeepsItsLearnedDiameter() {
        SizeEvidence clean = SizeEvidence.empty();
        for (int i = 0; i < 4; i++) clean = clean.plus(PICKER.evidence(Micrographs.particles(768, 768, 2, 60, 60, 12, 200 + i, null), 2));
        SizeEvidence salted = clean;
        for (int i = 0; i < 4; i++) salted = salted.plus(PICKER.evidence(Micrographs.noise(768 + 64 * i, 768, 2, 300 + i), 2));
        for (double prior : new double[]{Double.NaN, 130}) {
            double d0 = ParticleSizeLearner.learn(clean, prior).particleDiameter();
            double d1 = ParticleSizeLearner.learn(salted, prior).particleDiameter();
            assertEquals(d0, d1, 0.05 * d0, "prior " + prior);
        }
        // and the learned size is that of the particles (60 px × 2 Å = 120 Å), within the issue's ±15 %
        assertEquals(120, ParticleSizeLearner.learn(clean, 130).particleDiameter(), 0.15 * 120);
    }

    @Test
    void sameInputTwiceGivesTheSamePicksAndEvidence() {
        Image2D img = Micrographs.particles(600, 500, 3, 30, 30, 12, 7, null);
        RefinedDecision d = at(90, 2, 40);
        List<RefinedPick> a = PICKER.pick(img, 3, d, "same.mrc"), b = PICKER.pick(img.copy(), 3, d, "same.mrc");
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        SizeEvidence e1 = PICKER.evidence(img, 3), e2 = PICKER.evidence(img.copy(), 3);
        for (int j = 0; j < SizeEvidence.SCALES; j++) {
            assertEquals(e1.meanTopScore(j), e2.meanTopScore(j));
            assertEquals(e1.histogram(j), e2.histogram(j));
        }
    }

    @Test
    void particlesOfAGeneratedBatchAreFoundWithLearnedSizeAndThreshold() {
        List<List<double[]>> truth = new ArrayList<>();
        List<Image2D> mics = new ArrayList<>();
        SizeEvidence batch = SizeEvidence.empty();
        for (int i = 0; i < 3; i++) {
            List<double[]> c = new ArrayList<>();
            mics.add(Micrographs.particles(768, 768, 2, 60, 50, 12, 400 + i, c));
            truth.add(c);
            batch = batch.plus(PICKER.evidence(mics.get(i), 2));
        }
        RefinedDecision d = RefinedDecision.learn(batch, 130, 4);
        int matched = 0, picked = 0, total = 0;
        for (int i = 0; i < mics.size(); i++) {
            List<RefinedPick> picks = PICKER.pick(mics.get(i), 2, d, "gen" + i + ".mrc");
            picked += picks.size();
            total += truth.get(i).size();
            for (double[] t : truth.get(i))
                if (picks.stream().anyMatch(p -> Math.hypot(p.x() - t[0], p.y() - t[1]) < 0.35 * 60)) matched++;
        }
        assertTrue(matched >= 0.9 * total, matched + " of " + total + " found");
        assertTrue(picked <= 1.1 * total, picked + " picks for " + total + " particles");
    }

    @Test
    void decisionRoundTripsThroughJsonAndOldDecisionsGiveAClearError() {
        RefinedDecision d = new RefinedDecision(123.4, 98.7, 2.5, 128);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        root.put("box_in_pix", 128);
        d.writeTo(root);
        assertEquals(d, RefinedDecision.parse(root.toString(), "summary.json"));
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> RefinedDecision.parse("{\"box_in_pix\": 128, \"mskdiam\": 150, \"diam_min\": 40, \"diam_max\": 120}", "OLD/summary.json"));
        assertTrue(e.getMessage().startsWith("OLD/summary.json: no learned particle size"), e.getMessage());
    }
}
