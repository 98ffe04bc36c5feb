package io.scalecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** Entry point of {@code ./scalecast}: JSON on stdout, progress and errors on stderr, exit 2 for bad input. */
@Command(name = "scalecast", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "ScaleCast CLI",
        description = "Fit, predict and back-test scaling laws on CSV files offline with the engine fit-service uses;"
                + " import past runs, manage API keys and republish records through the services. JSON answers go to"
                + " stdout, progress to stderr; bad input exits with 2, a failure with 1.",
        subcommands = {FitCommand.class, PredictCommand.class, PlanCommand.class, CompareCommand.class,
            BacktestCommand.class, ImportCommand.class, KeysCommand.class, AdminCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Columns are found by common names (params, num_params, Model Size; tokens, token_num; flops,"
                + " Training FLOP; token_multiplier; loss; error, accuracy; run, model, checkpoint); D may come from"
                + " C = 6ND or M = D/N. Without a run column each row is its own run. Keys and admin go through the"
                + " services at $SCALECAST_INGEST_URL, $SCALECAST_FIT_URL and $SCALECAST_EVAL_URL with the key in"
                + " $SCALECAST_API_KEY. Shell completion: source <(./scalecast generate-completion)."})
public final class ScaleCastCli {

    /** Exit code of bad usage or input. */
    static final int BAD_INPUT = 2;
    /** Exit code of a failure. */
    static final int FAILED = 1;

    private ScaleCastCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs a command with the process's environment; returns the exit code (0 done, 1 failed, 2 bad input). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs a command; returns the exit code (0 done, 1 failed, 2 bad usage or input). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new ScaleCastCli(), new Factory(new CliContext(err, env)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, given) -> {
            err.println("scalecast: " + e.getMessage());
            CommandLine where = e.getCommandLine();
            if (where.getSubcommands().isEmpty()) {
                err.println("(./" + where.getCommandSpec().qualifiedName() + " --help lists its options)");
            } else {
                where.usage(err);
            }
            return BAD_INPUT;
        });
        cli.setExecutionStrategy(parsed -> execute(parsed, out, err));
        return cli.execute(args);
    }

    /** Runs the command named last, printing its answer as JSON; help and version as picocli prints them. */
    private static int execute(ParseResult parsed, PrintStream out, PrintStream err) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        List<CommandLine> chosen = parsed.asCommandLineList();
        CommandLine last = chosen.get(chosen.size() - 1);
        Object command = last.getCommand();
        if (command instanceof Runnable generator) {
            generator.run();
            return 0;
        }
        if (!(command instanceof JsonCommand json)) {
            throw new CommandLine.ParameterException(last, last.getCommandName().equals("scalecast")
                    ? "a command is needed" : last.getCommandName() + " needs an action: "
                    + String.join(", ", last.getSubcommands().keySet()));
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json.answer()));
            return 0;
        } catch (CliException e) {
            err.println("scalecast: " + e.getMessage());
            return BAD_INPUT;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("scalecast: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("scalecast: " + e);
            return FAILED;
        }
    }

    /** Makes each command with the context when its class takes one, as picocli does otherwise. */
    private record Factory(CliContext context) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withContext = type.getDeclaredConstructor(CliContext.class);
                withContext.setAccessible(true);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
