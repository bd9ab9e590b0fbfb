package org.segdiampick.cli;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.io.Importer;
import org.segdiampick.io.InputFormatException;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.OptionRanges;
import org.segdiampick.io.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code import}: micrographs (STAR file, folder or glob) to a new project file. Parsing only; see {@link Importer}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Create a project file (JSON lines) from a RELION micrographs STAR file, a folder of .mrc files or a glob.")
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mics", required = true, paramLabel = "STAR|FOLDER|GLOB",
            description = "micrographs.star (RELION 3.0 or 3.1+), a folder (all *.mrc) or a quoted glob of .mrc files")
    String mics;

    @Option(names = "--smpd", paramLabel = "Å",
            description = "pixel size in Å/px; required when the STAR file has none; otherwise taken from the STAR file or the MRC headers")
    Double smpd;

    @Option(names = "--project", required = true, paramLabel = "OUT.jsonl", description = "project file to write")
    String project;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            OptionRanges.checkSmpd(smpd);
            Configuration conf = new Configuration();
            Importer.Result imported = Importer.importBatch(mics, smpd, conf);
            imported.warnings().forEach(w -> err.println("import: warning: " + oneLine(w)));
            List<MicRecord> recs = imported.records();
            ProjectStore.write(project, recs, conf);
            out.println(String.format(Locale.ROOT, "imported %d micrographs at %s Å/px into %s",
                    recs.size(), recs.get(0).smpd(), project));
            return ExitCodes.OK;
        } catch (InputFormatException e) {
            err.println(oneLine(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        } catch (IOException e) {
            err.println(oneLine("import: " + e.getMessage()));
            return ExitCodes.INTERNAL;
        } finally {
            err.flush();
            out.flush();
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
