package io.pulse.cli;

import io.pulse.core.PulseInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code pulse} command: verbs as subcommands; each parses, calls one API, prints. */
@Command(name = "pulse",
        mixinStandardHelpOptions = true,
        versionProvider = PulseMain.Version.class,
        description = {
                "Pulse tells an e-commerce team how active its customers are, who they are, and what to do about it.",
                "",
                "Start with 'pulse demo', or: pulse generate -> pulse ingest -> pulse activity / features / clv / segments / validate / predict."},
        subcommands = {
                DemoCommand.class,
                GenerateCommand.class,
                IngestCommand.class,
                ActivityCommand.class,
                FeaturesCommand.class,
                ClvCommand.class,
                SegmentsCommand.class,
                ValidateCommand.class,
                PredictCommand.class,
                ThresholdsCommand.class,
                RecommendCommand.class,
                ActionsCommand.class,
                BacktestCommand.class,
                NabCommand.class,
                TagsCommand.class,
                ReportCommand.class,
                StreamCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad input (the message says file, line, field and why), 1 internal error.",
                "Docs: docs/<verb>.md in the Pulse repository."})
public final class PulseMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new PulseMain());
        cli.setExecutionExceptionHandler(PulseMain::handle);
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("pulse: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = e;
        while (cause != null && !(cause instanceof PulseInputException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof PulseInputException input) {
            err.println("pulse: " + input.describe());
            return 2;
        }
        err.println("pulse: internal error: " + e);
        e.printStackTrace(err);
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pulse " + io.pulse.core.Provenance.pulseVersion()};
        }
    }
}
