package io.scalecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Entry point of {@code ./scalecast}: JSON on stdout, progress and errors on stderr, exit 2 for bad input. */
public final class ScaleCastCli {

    static final String USAGE = """
            usage: ./scalecast <command> [options]
              fit       --input FILE.csv [--input ...] [--law chinchilla|overtraining|loss-to-error|power]
                        [--axis C|N|D (power)] [--columns N=..,D=..,C=..,M=..,loss=..,error=..,accuracy=..,run=..]
                        [--filter column=value|value2] [--drop-highest-loss K] [--token-cut hitchhiker|none|TOKENS]
                        [--pin alpha=0.34 | --form full|tied-exponents] [--prior alpha=0.34:0.02]
                        [--prior-from DONOR_FIT.json] [--bootstrap 1000] [--seed 1] [--weighting point|run]
              predict   --fit FIT.json (--params N (--tokens D | --multiplier M) [--error-fit ERR.json]
                                        | --flops C | --loss L)
              backtest  --input FILE.csv [--columns ...] [--filter ...] [--token-cut ...] [--pin ... | --form ...]
                        [--min-train-runs 3] [--method hitchhiker|compute] [--windows 4 (compute)]
              keys      operator                      (a new site operator key and the SHA-256 the services get)
                        create --role read|write|admin [--lab LAB] [--name TEXT] [--url INGEST_URL]
                        list [--lab LAB] [--url INGEST_URL]
                        revoke --id KEY_ID [--lab LAB] [--url INGEST_URL]
                        (through ingest-service, default $SCALECAST_INGEST_URL or http://127.0.0.1:8081, with an
                        admin or the operator key in $SCALECAST_API_KEY)
              admin     republish [--what keys,laws,maps|observations] [--lab LAB] [--family FAMILY] [--wait 600]
                        [--ingest-url URL] [--fit-url URL] [--eval-url URL]
                        (the owning services send what their databases hold to the topics again: keys and
                        observations from ingest-service, laws from fit-service, maps from eval-service; default
                        keys, laws and maps; with the operator key, every lab unless --lab is given)
            Columns are found by common names (params, num_params, Model Size; tokens, token_num; flops, Training FLOP;
            token_multiplier; loss; error, accuracy; run, model, checkpoint); D may come from C = 6ND or M = D/N.
            Without a run column each row is its own run.""";

    private ScaleCastCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code (0 done, 1 failed, 2 bad usage or input). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            err.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Commands commands = new Commands(err);
        try {
            Map<String, Object> answer = switch (args[0]) {
                case "fit" -> commands.fit(Options.parse(rest, Commands.FIT_OPTIONS));
                case "predict" -> commands.predict(Options.parse(rest, Commands.PREDICT_OPTIONS));
                case "backtest" -> commands.backtest(Options.parse(rest, Commands.BACKTEST_OPTIONS));
                case "keys" -> new KeyCommands(System.getenv(), err).run(rest);
                case "admin" -> new AdminCommands(System.getenv(), err).run(rest);
                default -> throw new CliException("unknown command '" + args[0] + "'\n" + USAGE);
            };
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(answer));
            return 0;
        } catch (CliException e) {
            err.println("scalecast: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("scalecast: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("scalecast: " + e);
            return 1;
        }
    }
}
