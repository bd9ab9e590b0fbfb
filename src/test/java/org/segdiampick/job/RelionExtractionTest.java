package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.StarFile;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The RELION-ready folder: Debian's RELION 3.1.3 extracts every particle of a run with the one documented command,
 * run inside OUT, for a batch whose micrographs sit in two sub-folders and two of which share a file name.
 * ({@code .ci/run} installs the {@code relion} package.)
 */
class RelionExtractionTest {
    @TempDir
    Path tmp;

    @Test
    void relionPreprocessExtractsEveryBoxedParticle() throws Exception {
        Path relion = executable("relion_preprocess");
        List<Path> apo = JobFixtures.apoferritin();
        Path mics = tmp.resolve("mics");
        Files.createDirectories(mics.resolve("a"));
        Files.createDirectories(mics.resolve("b"));
        Files.copy(apo.get(0), mics.resolve("a/mic.mrc"));
        Files.copy(apo.get(1), mics.resolve("b/mic.mrc"));
        Files.copy(apo.get(2), mics.resolve("b/other.mrc"));
        Path out = tmp.resolve("out");
        JobFixtures.Cli run = JobFixtures.cli("run", "--mics", mics + "/*/*.mrc", "--smpd", "1.5", "--out", out.toString());
        assertEquals(0, run.code(), run.toString());
        int box = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("box_in_pix").asInt();

        long boxLines = 0;
        try (Stream<Path> s = Files.list(out.resolve("boxes"))) {
            for (Path b : s.toList()) boxLines += Files.readAllLines(b).stream().filter(l -> !l.isBlank()).count();
        }
        assertEquals(3, Files.list(out.resolve("boxes")).count(), "mic.box, mic_2.box, other.box");
        assertTrue(boxLines > 30, "apoferritin holds dozens of particles per micrograph: " + boxLines);

        List<String> cmd = List.of(relion.toString(), "--i", "micrographs.star", "--coord_dir", "coords/", "--coord_suffix", ".star",
                "--part_star", "particles.star", "--part_dir", "Particles/", "--extract", "--extract_size", Integer.toString(box));
        Path log = tmp.resolve("relion.log");
        Process p = new ProcessBuilder(cmd).directory(out.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("relion_preprocess did not finish in 300 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        String star = Files.readString(out.resolve("particles.star"), StandardCharsets.UTF_8);
        StarFile.Loop particles = StarFile.parse(new StringReader(star), "particles.star").block("particles").loopWith("_rlnImageName");
        assertEquals(boxLines, particles.size(), "particles extracted by RELION vs box lines\n" + output);
        // every micrograph contributed, from its own coordinate file
        java.util.Set<String> from = new java.util.TreeSet<>();
        for (int i = 0; i < particles.size(); i++) from.add(particles.value(i, "_rlnMicrographName"));
        assertEquals(java.util.Set.of(mics.resolve("a/mic.mrc").toString(), mics.resolve("b/mic.mrc").toString(),
                mics.resolve("b/other.mrc").toString()), from);
    }

    static Path executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return fail(name + " not found on PATH; install RELION with `apt-get install -y relion` (.ci/run does this before `mvn -B verify`)");
    }
}
