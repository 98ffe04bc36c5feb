package io.scalecast.predict.service;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.Candidates;
import io.scalecast.core.plan.NextRuns;
import io.scalecast.core.plan.Plan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Plans which runs to train next for a family's target, wiring the law and its observed points into NextRuns. */
@ApplicationScoped
public class NextRunsService {

    private final PredictionService predictions;

    public NextRunsService(PredictionService predictions) {
        this.predictions = predictions;
    }

    /**
     * The target: N and D, or the compute-optimal point of a FLOP budget (exactly one of the two is given).
     *
     * @param params N, or null with flops
     * @param tokens D, or null with flops
     * @param flops a budget whose compute-optimal point is the target, or null
     */
    public record Target(Double params, Double tokens, Double flops) {
    }

    /**
     * Ranks {@code candidates} (the default grid around the family's sizes when null) for the target under the
     * family's law of kind {@code kind}.
     *
     * @param budget the most one candidate may cost, or null
     * @param checkpoints fitted checkpoints per candidate, or null for as many as the family's runs keep
     * @param limit how many of the ranked candidates to return
     */
    public NextRunsAnswer plan(String lab, String family, String kind, Target target, List<double[]> candidates,
                               Double budget, Integer checkpoints, int limit) {
        FittedLaw fitted = predictions.lossLaw(lab, family, kind);
        ChinchillaLaw law = PredictionService.toLaw(fitted);
        FamilyData data = fittedPoints(fitted);
        double[] at = resolve(law, target);
        Plan plan;
        try {
            plan = Plan.of(law, data, at[0], at[1], candidates, budget, checkpoints);
        } catch (Plan.NothingWithinBudget e) {
            throw RefusedException.badField("budget", e.getMessage());
        }
        List<ChinchillaLaw> draws = PredictionService.draws(fitted);
        NextRunsAnswer.Target t = new NextRunsAnswer.Target(at[0], at[1], 6 * at[0] * at[1], law.loss(at[0], at[1]),
                plan.width(), PredictionService.interval(draws, l -> l.loss(at[0], at[1])));
        Candidates.Shape shape = plan.shape();
        return new NextRunsAnswer(family, fitted.law(), fitted.version(), t,
                new NextRunsAnswer.RunShape(shape.checkpoints(), shape.firstShare()), plan.considered(), budget,
                plan.top(limit), plan.checkRun(), NextRuns.assumptions(shape));
    }

    private static double[] resolve(ChinchillaLaw law, Target target) {
        if (target.flops() == null) {
            return new double[] {target.params(), target.tokens()};
        }
        ChinchillaLaw.Allocation a = law.computeOptimal(target.flops());
        if (!(Double.isFinite(a.params()) && Double.isFinite(a.tokens()))) {
            throw RefusedException.badField("flops", "the law gives no finite allocation at flops=" + target.flops());
        }
        return new double[] {a.params(), a.tokens()};
    }

    /** The points the law was fitted on (its observed points the token cut kept); 404 when it carries none. */
    private static FamilyData fittedPoints(FittedLaw law) {
        FittedLaw.Observed observed = law.observed();
        List<double[]> kept = observed == null ? List.of()
                : observed.points().stream().filter(p -> p[4] > 0).toList();
        if (kept.size() <= ChinchillaLaw.PARAMETERS) {
            throw RefusedException.notFound("the " + law.law() + " law of family '" + law.family() + "' (version "
                    + law.version() + ") carries " + kept.size() + " fitted points; a plan needs the points it was"
                    + " fitted on (more than " + ChinchillaLaw.PARAMETERS + ")");
        }
        double[] n = new double[kept.size()];
        double[] d = new double[kept.size()];
        double[] loss = new double[kept.size()];
        int[] run = new int[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            double[] p = kept.get(i);
            run[i] = (int) p[0];
            n[i] = p[1];
            d[i] = p[2];
            loss[i] = p[3];
        }
        return new FamilyData(n, d, loss, run, observed.runs());
    }
}
