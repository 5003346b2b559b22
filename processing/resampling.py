"""The RESAMPLES and RESAMPLE_RUNS parameters of cluster stability (core/stability.py), as a
mixin shared by 'K-means classification' and 'Compare numbers of clusters'."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterNumber

from .compat import NUMBER_INTEGER

# The defaults of core/stability.py, here so that loading the provider does not import numpy.
RESAMPLES = 20
RESAMPLE_RUNS = 5

RESAMPLES_HELP = (
    "Cluster stability: how many times 80 % of the areas, drawn at random (seeded), are "
    "clustered afresh with the same k and compared with the solution on all areas, as R's "
    "clusterboot does. With 20, a cluster's mean Jaccard has a standard error of about 0.03 "
    "to 0.06 on a borough's areas (clusterboot uses 100); 0 skips the check. The resamples "
    "can take several times as long as the classification itself: fewer RESAMPLES or "
    "RESAMPLE_RUNS are faster.")
RESAMPLE_RUNS_HELP = (
    "K-means runs per resample (at most RUNS). Fewer runs than the full solution keep the "
    "check affordable; a resample that settles in a poorer optimum makes its clusters look "
    "a little less stable, never more. Each resample keeps the best of these independent "
    "k-means runs (each finished with Hartigan moves), as clusterboot runs R's kmeans, "
    "whatever strategy made the classification.")


class ResamplingMixin:
    """Adds RESAMPLES and RESAMPLE_RUNS; reads them and logs what the check will do.

    Both are optional with defaults, so models and scripts saved before they existed still
    validate and run (with the default check)."""

    def add_resamples(self):
        self.add(QgsProcessingParameterNumber(
            "RESAMPLES", self.tr("Stability resamples (0: skip)"), NUMBER_INTEGER,
            RESAMPLES, optional=True, minValue=0, maxValue=1000), RESAMPLES_HELP)
        self.add(QgsProcessingParameterNumber(
            "RESAMPLE_RUNS", self.tr("K-means runs per stability resample"), NUMBER_INTEGER,
            RESAMPLE_RUNS, optional=True, minValue=1, maxValue=10_000), RESAMPLE_RUNS_HELP,
            advanced=True)

    def resamples(self, parameters, context, runs: int) -> tuple[int, int]:
        """(RESAMPLES, runs per resample capped at ``runs``)."""
        def read(name: str, default: int) -> int:
            if parameters.get(name) is None:
                return default
            return self.parameterAsInt(parameters, name, context)

        resamples = read("RESAMPLES", RESAMPLES)
        resample_runs = read("RESAMPLE_RUNS", RESAMPLE_RUNS)
        return resamples, max(1, min(resample_runs, runs))

    def log_resamples(self, n: int, k_sum: int, d: int, resamples: int,
                      resample_runs: int) -> None:
        """Say what the stability check does and, when long, roughly how long it takes."""
        from ..core.kmeans import estimate_seconds
        from ..core.stability import FRACTION
        from .base import LONG_RUN_SECONDS

        feedback = self._feedback
        if feedback is None:
            return
        if resamples == 0:
            feedback.pushInfo(self.tr("Cluster stability: not measured (RESAMPLES is 0)."))
            return
        feedback.pushInfo(self.tr(
            "Cluster stability: {resamples} resamples of {pct:.0f} % of the areas, each "
            "clustered afresh with {runs} k-means runs.").format(
            resamples=resamples, pct=100 * FRACTION, runs=resample_runs))
        seconds = estimate_seconds(int(FRACTION * n), k_sum, d, resamples * resample_runs,
                                   "best-of-runs")
        if seconds >= LONG_RUN_SECONDS:
            feedback.pushWarning(self.tr(
                "The stability resamples may take about {minutes:.0f} minute(s) more (rough "
                "estimate). Fewer RESAMPLES or RESAMPLE_RUNS are faster; 0 skips them.").format(
                minutes=max(seconds / 60, 1)))
