package org.segdiampick.testing;

import java.nio.file.Path;

/**
 * Where the tests and benchmarks find the project's shared data: the folder named by the system property
 * {@code segdiampick.shared} (set by the pom and bench/run), {@code ../shared} when it is not set.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder, absolute. */
    public static Path root() {
        return Path.of(System.getProperty("segdiampick.shared", "../shared")).toAbsolutePath().normalize();
    }

    /** SIMPLE's outputs at commit 14f07d941 ({@code data/oracle-simple-14f07d941}). */
    public static Path oracle() {
        return root().resolve("data/oracle-simple-14f07d941");
    }

    /** The real EMPIAR micrographs with their provenance ({@code data/micrographs}). */
    public static Path micrographs() {
        return root().resolve("data/micrographs");
    }
}
