package io.scalecast.cli;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.Candidates;
import io.scalecast.core.plan.NextRuns;
import io.scalecast.core.plan.Plan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./scalecast plan}: which runs to train next for a target, from a Chinchilla fit file and the checkpoints it
 * was fitted on, as predict-service's next-runs query answers.
 */
@Command(name = "plan", description = "Rank candidate runs by how much each would narrow the interval of the loss at"
        + " a target per FLOP, from a Chinchilla fit and its data.")
final class PlanCommand implements JsonCommand {

    @Option(names = "--fit", paramLabel = "FIT.json", required = true, description = "a Chinchilla fit of"
            + " ./scalecast fit on the --input files")
    Path fit;

    @Mixin
    DataOptions data;

    @Option(names = "--drop-highest-loss", paramLabel = "K", description = "leave out the K points of highest loss;"
            + " default: as many as the fit left out")
    Integer dropHighestLoss;

    @Option(names = "--params", paramLabel = "N", description = "the target's parameters, with --tokens")
    String params;

    @Option(names = "--tokens", paramLabel = "D", description = "the target's tokens, with --params")
    String tokens;

    @Option(names = "--flops", paramLabel = "C", description = "or a FLOP budget whose compute-optimal point is the"
            + " target")
    String flops;

    @Option(names = "--candidates", paramLabel = "N:D,...", description = "the runs the lab can train; default: each"
            + " fitted size, 2x and 4x it, at 5, 10, 20, 40 and 80 tokens per parameter")
    String candidates;

    @Option(names = "--budget", paramLabel = "C", description = "the most FLOPs (6ND) one candidate may cost")
    String budget;

    @Option(names = "--checkpoints", paramLabel = "K", description = "fitted checkpoints per candidate; default: as"
            + " many as the median fitted run keeps, at most 8")
    Integer checkpoints;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "candidates to list")
    int top;

    private final CliContext context;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> answer() {
        FitFile file = FitFile.read(fit);
        ChinchillaLaw law = file.chinchilla().estimate();
        int drop = dropHighestLoss != null ? dropHighestLoss : file.droppedHighestLoss();
        FamilyData fitted = FamilyData.of(data.tokenCut(TokenCut.HITCHHIKER)
                .apply(Dataset.dropHighestLoss(data.points(context.err()), drop)));
        double[] target = target(law);
        if (checkpoints != null && checkpoints < 1) {
            throw new CliException("--checkpoints must be >= 1, was " + checkpoints);
        }
        context.err().printf("ranking candidates on %,d fitted points of %d runs%n", fitted.size(), fitted.runs());
        Plan plan;
        try {
            plan = Plan.of(law, fitted, target[0], target[1], candidates == null ? null : parse(candidates),
                    budget == null ? null : Numbers.positive(budget, "--budget"), checkpoints);
        } catch (Plan.NothingWithinBudget e) {
            throw new CliException("--budget: " + e.getMessage());
        }
        return answer(law, target, plan);
    }

    private Map<String, Object> answer(ChinchillaLaw law, double[] target, Plan plan) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("params", target[0]);
        t.put("tokens", target[1]);
        t.put("flops", 6 * target[0] * target[1]);
        t.put("loss", law.loss(target[0], target[1]));
        t.put("width", plan.width());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", t);
        out.put("runShape", plan.shape());
        out.put("considered", plan.considered());
        out.put("candidates", plan.top(top));
        out.put("checkRun", plan.checkRun());
        out.put("assumptions", NextRuns.assumptions(plan.shape()));
        return out;
    }

    /** N and D of the target: as given, or the compute-optimal point of --flops. */
    private double[] target(ChinchillaLaw law) {
        if (flops != null) {
            if (params != null || tokens != null) {
                throw new CliException("give either --flops, or --params and --tokens");
            }
            ChinchillaLaw.Allocation a = law.computeOptimal(Numbers.positive(flops, "--flops"));
            return new double[] {a.params(), a.tokens()};
        }
        return new double[] {Numbers.positive(params, "--params"), Numbers.positive(tokens, "--tokens")};
    }

    private static List<double[]> parse(String list) {
        try {
            return Candidates.parse(list);
        } catch (IllegalArgumentException e) {
            throw new CliException("--candidates: " + e.getMessage());
        }
    }
}
