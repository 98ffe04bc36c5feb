package io.scalecast.core.plan;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One next-run plan, the step predict-service's next-runs query and {@code ./scalecast plan} share: the candidates
 * within a budget ranked for a target under a law, fitted in the family's run shape.
 *
 * @param shape how a candidate is assumed to be fitted
 * @param considered how many candidates were ranked (after the budget)
 * @param ranking the ranking
 * @param check the run that tests the width before a lab bets on it
 */
public record Plan(Candidates.Shape shape, int considered, NextRuns.Ranking ranking, NextRuns.Check check) {

    /** Thrown when the budget leaves no candidate to rank. */
    public static final class NothingWithinBudget extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        NothingWithinBudget(double budget) {
            super(String.format(Locale.ROOT, "no candidate costs at most %.3g FLOPs", budget));
        }
    }

    /**
     * Ranks {@code candidates} for the prediction at {@code (params, tokens)}.
     *
     * @param law the family's law
     * @param data the points it was fitted on
     * @param candidates {@code {N, D}} pairs, or null for {@link Candidates#grid the default grid} around the data
     * @param budget the most FLOPs one candidate may cost, or null
     * @param checkpoints fitted checkpoints per candidate, or null for as many as the family's runs keep
     * @throws NothingWithinBudget when no candidate fits the budget
     */
    public static Plan of(ChinchillaLaw law, FamilyData data, double params, double tokens, List<double[]> candidates,
                          Double budget, Integer checkpoints) {
        List<double[]> within = Candidates.within(candidates == null ? Candidates.grid(data) : candidates, budget);
        if (within.isEmpty()) {
            throw new NothingWithinBudget(budget);
        }
        Candidates.Shape shape = Candidates.Shape.of(data);
        if (checkpoints != null) {
            shape = shape.withCheckpoints(checkpoints);
        }
        NextRuns plan = new NextRuns(law, data, shape);
        return new Plan(shape, within.size(), plan.rank(params, tokens, within), plan.check(params, tokens));
    }

    /** The target interval's width now, or null when the data leave a parameter free. */
    public Double width() {
        return finite(ranking.width());
    }

    /** The best {@code limit} candidates as listed to a lab, best first. */
    public List<Listed> top(int limit) {
        boolean bounded = Double.isFinite(ranking.width());
        List<Listed> out = new ArrayList<>();
        for (NextRuns.Candidate c : ranking.candidates().subList(0, Math.min(limit, ranking.candidates().size()))) {
            out.add(new Listed(out.size() + 1, c.params(), c.tokens(), c.tokens() / c.params(), c.flops(),
                    finite(c.widthAfter()), bounded ? ranking.width() - c.widthAfter() : null,
                    bounded ? c.shrinkPerFlop() : null, c.why()));
        }
        return out;
    }

    /** The check run as listed to a lab. */
    public CheckRun checkRun() {
        boolean bounded = Double.isFinite(check.upper());
        return new CheckRun(check.params(), check.tokens(), check.tokens() / check.params(), check.flops(),
                check.loss(), bounded ? check.lower() : null, bounded ? check.upper() : null, CheckRun.USE);
    }

    /**
     * The run to train once the width meets the lab's goal, before betting on it ({@link NextRuns#check}).
     *
     * @param params its N
     * @param tokens its D
     * @param tokensPerParam D/N, the target's
     * @param flops its cost, 6ND
     * @param loss the law's loss there
     * @param lower the 95% interval its final loss should land in; null while the data leave a parameter free
     * @param upper its upper end; null while the data leave a parameter free
     * @param use what to do with it
     */
    public record CheckRun(double params, double tokens, double tokensPerParam, double flops, double loss,
                           Double lower, Double upper, String use) {

        static final String USE = "once the width meets your goal, train this run before betting on it: a final loss"
                + " outside the interval says the law is off (fit the run and ask again); widths met with small runs"
                + " are optimistic";
    }

    /**
     * A ranked candidate as listed.
     *
     * @param rank 1 for the best
     * @param params its N
     * @param tokens its D
     * @param tokensPerParam D/N
     * @param flops its cost, 6ND
     * @param widthAfter the target interval's expected width once it is fitted; null if still unbounded
     * @param shrink how much narrower the interval is expected to get; null while the width now is unbounded
     * @param shrinkPerFlop shrink over flops; null while the width now is unbounded
     * @param why why it ranks there
     */
    public record Listed(int rank, double params, double tokens, double tokensPerParam, double flops,
                         Double widthAfter, Double shrink, Double shrinkPerFlop, String why) {
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
