package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.fit.Covariance;
import io.scalecast.core.fit.ErrorFit;
import io.scalecast.core.fit.ErrorLawFitter;
import io.scalecast.core.fit.OvertrainingFit;
import io.scalecast.core.fit.OvertrainingFitter;
import io.scalecast.core.law.LawKind;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fits of Gadre et al. (2024) for the CLI: the over-training loss law and the loss-to-error map, each with their
 * recipe, and with linearised Student-t intervals since five or six models leave a run bootstrap too few resamples.
 */
final class GadreCommands {

    static final String OVERTRAINING_FORM = "L(N, M) = E + a*N^p + b*6^(p/2)*(M*N)^p with M = D/N";
    static final String ERROR_FORM = "Err(L) = epsilon - k*exp(-gamma*L)";

    private final PrintStream progress;

    GadreCommands(PrintStream progress) {
        this.progress = progress;
    }

    /** Fits the over-training law to every point (each point one model, as in the paper's final-loss table). */
    Map<String, Object> fitOvertraining(List<CheckpointPoint> points) {
        double[] n = points.stream().mapToDouble(CheckpointPoint::params).toArray();
        double[] m = points.stream().mapToDouble(p -> p.tokens() / p.params()).toArray();
        double[] loss = points.stream().mapToDouble(CheckpointPoint::loss).toArray();
        progress.printf("fitting the over-training law to %d points from 128 Levenberg-Marquardt starts%n", n.length);
        OvertrainingFit fit = new OvertrainingFitter().fit(n, m, loss);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", LawKind.OVERTRAINING.wireName());
        out.put("form", OVERTRAINING_FORM);
        out.put("params", LawKind.overtraining().named(fit.law()));
        out.put("objective", fit.rmse());
        uncertainty(out, fit.covariance(), fit.law().toVector(), n.length);
        out.put("chinchillaForm", LawKind.chinchilla().named(LawKind.overtraining().query(fit.law())));
        out.put("diagnostics", Map.of("starts", fit.starts(), "converged", fit.diagnostics().convergedStarts(),
                "rmse", fit.rmse(), "selection", "lowest RMSE with n - 2 degrees of freedom"));
        out.put("config", Map.of("recipe", "Gadre et al. 2024: Levenberg-Marquardt on squared error, 128 starts"));
        out.put("data", Map.of("points", n.length, "maxParams", max(n), "maxMultiplier", max(m)));
        return out;
    }

    /** Fits Err(L) from the single start (1, 1, 1) as the paper does. */
    Map<String, Object> fitLossToError(List<Dataset.Downstream> pairs) {
        double[] loss = pairs.stream().mapToDouble(Dataset.Downstream::loss).toArray();
        double[] error = pairs.stream().mapToDouble(Dataset.Downstream::error).toArray();
        progress.printf("fitting the loss-to-error law to %d points%n", loss.length);
        ErrorFit fit = new ErrorLawFitter().fit(loss, error);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", "loss-to-error");
        out.put("form", ERROR_FORM);
        out.put("params", fit.law().named());
        out.put("objective", fit.rmse());
        uncertainty(out, fit.covariance(), fit.law().toVector(), loss.length);
        out.put("diagnostics", Map.of("starts", 1, "rmse", fit.rmse()));
        out.put("config", Map.of("recipe", "Gadre et al. 2024: Levenberg-Marquardt on squared error from (1, 1, 1)"));
        out.put("data", Map.of("points", loss.length, "minLoss", min(loss), "maxLoss", max(loss)));
        return out;
    }

    private static void uncertainty(Map<String, Object> out, Optional<Covariance> covariance, double[] estimate,
                                    int points) {
        if (covariance.isEmpty()) {
            out.put("uncertainty", Map.of("method", "none", "reason", "the data leave no residual freedom or do not"
                    + " constrain every parameter (" + points + " points)"));
            return;
        }
        Covariance c = covariance.get();
        Map<String, Object> intervals = new LinkedHashMap<>();
        for (int i = 0; i < estimate.length; i++) {
            intervals.put(c.names().get(i), Ranges.range(c.parameterKeepingSign(i, estimate[i], 0.95)));
        }
        out.put("intervals", intervals);
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("method", "linearised least squares, Student-t with " + c.dof() + " degrees of freedom");
        u.put("dof", c.dof());
        u.put("names", c.names());
        u.put("covariance", c.matrix());
        out.put("uncertainty", u);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }
}
