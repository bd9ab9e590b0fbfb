package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a script of the project with a time limit; stdout and stderr are merged. */
record Proc(int exit, String output) {
    static Proc run(List<String> cmd, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("proc", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(cmd + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
            }
            return new Proc(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
