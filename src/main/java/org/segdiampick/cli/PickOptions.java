package org.segdiampick.cli;

import org.segdiampick.pick.Contrast;
import picocli.CommandLine.Option;

/** Options of pass 1, shared by {@code run} and {@code preprocess}. */
public class PickOptions {
    @Option(names = "--pcontrast", paramLabel = "black|white", defaultValue = "black",
            description = "Particle contrast in the raw micrographs (default: ${DEFAULT-VALUE}).")
    public Contrast pcontrast;

    @Option(names = "--moldiam-max", paramLabel = "Å", defaultValue = "500",
            description = "Largest molecule diameter, Å: bigger blobs are aggregates or carbon (default: ${DEFAULT-VALUE}).")
    public double moldiamMax;

    @Option(names = "--mic-to", paramLabel = "N",
            description = "Process only the first N selectable micrographs of the project (default: all).")
    public Integer micTo;

    @Option(names = "--fail-fast", description = "Stop at the first micrograph that cannot be processed.")
    public boolean failFast;

    @Option(names = "--max-failed-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "More failed micrographs than this fraction is an error, exit code 4 (default: ${DEFAULT-VALUE}).")
    public double maxFailedFraction;
}
