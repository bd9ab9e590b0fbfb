package org.segdiampick.cli;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.estimate.EstimationException;
import org.segdiampick.io.DiameterFile;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.OptionRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code estimate}: policy stages 2–5 on diameter files (e.g. SIMPLE's or our preprocess
 * {@code *_diams.txt}), without touching any project. Prints the estimate JSON object.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
    description = {"Estimate box size and mask diameter from pick-time (uncorrected) particle diameters.",
        "Reads whitespace-separated diameters in Å (the +8 Å erosion correction is added here),",
        "clusters them, rejects outlier clusters and prints the decision as JSON."})
public class EstimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--diameters", required = true, arity = "1..*", paramLabel = "FILE",
        description = "Diameter files (Å, uncorrected), concatenated in the order given.")
    List<Path> diameterFiles;

    @Option(names = "--smpd", required = true, paramLabel = "Å", description = "Raw pixel size in Å (> 0).")
    double smpd;

    @Option(names = "--clustering", defaultValue = "kmeans", paramLabel = "kmeans|hac",
        converter = ClusteringConverter.class, description = "Clustering backend (default: ${DEFAULT-VALUE}).")
    Clustering clustering;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the JSON object to this file.")
    Path jsonOut;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            OptionRanges.checkSmpd(smpd);
            double[] diameters = readAll(diameterFiles);
            EstimateReport report = Estimate.run(diameters, smpd, clustering);
            String json = report.toJsonString();
            if (jsonOut != null) {
                try {
                    Files.writeString(jsonOut, json + System.lineSeparator(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("estimate: cannot write " + jsonOut + ": " + e.getMessage());
                    err.flush();
                    return ExitCodes.BAD_INPUT;
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(json);
            out.flush();
            return ExitCodes.OK;
        } catch (InputFormatException e) {
            err.println("estimate: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (EstimationException e) {
            err.println("estimate: " + e.getMessage());
            err.flush();
            return ExitCodes.of(e);
        }
    }

    static double[] readAll(List<Path> files) {
        double[] all = new double[0];
        int n = 0;
        for (Path f : files) {
            double[] d;
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                d = DiameterFile.read(r, f.toString());
            } catch (IOException e) {
                throw new InputFormatException(f.toString(), "cannot read: " + e.getMessage(), e);
            }
            if (n + d.length > all.length) all = Arrays.copyOf(all, Math.max(n + d.length, all.length * 2));
            System.arraycopy(d, 0, all, n, d.length);
            n += d.length;
        }
        return Arrays.copyOf(all, n);
    }

    /** "kmeans" or "hac"; anything else is a usage error (exit code 2). */
    static final class ClusteringConverter implements ITypeConverter<Clustering> {
        @Override
        public Clustering convert(String value) {
            return Clustering.parse(value);
        }
    }
}
