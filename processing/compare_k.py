"""segmentation:comparek: k-means for a range of k, scored side by side (step 5)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFileDestination, QgsProcessingParameterNumber

from ..core.errors import SegmentationError
from .base import SegmentationAlgorithm, feedback_progress
from .compat import NUMBER_INTEGER
from .resampling import ResamplingMixin


class CompareKAlgorithm(ResamplingMixin, SegmentationAlgorithm):
    """Elbow, validity indices, resampling stability and a clustergram for every k."""

    ALG_ID = "comparek"
    DISPLAY = "Compare numbers of clusters (k)"
    HELP = (
        "Runs k-means for every k in a range (Hull ran 3 to 10) and scores each solution: total "
        "within-cluster sum of squares (look for the elbow), silhouette (higher is better), "
        "Calinski-Harabasz (higher), Davies-Bouldin (lower), the smallest and largest cluster, "
        "and cluster stability: RESAMPLES times, 80 % of the areas drawn at random are "
        "clustered afresh and compared with the solution on all areas (as R's clusterboot "
        "does). 'stability' is the mean adjusted Rand index (1 = the same clusters every "
        "time); 'weakest_jaccard' is the lowest mean Jaccard similarity of any cluster with "
        "its best match (below 0.6 a cluster dissolves, 0.6-0.75 a pattern whose membership is "
        "doubtful, 0.75 stable, 0.85 highly stable); 'stable_clusters' counts the clusters at "
        "0.75 or more. 'search_repeatability' only says whether differently seeded batches of "
        "runs found the same optimum on the same data: it can be near 1 on random noise and "
        "is not a measure of cluster stability. 'searches', 'distinct_optima' and "
        "'best_reached' say how many local optima the search saw for each k, how many were "
        "distinct and how often the best was reached (reached once: more RUNS may find "
        "better). The HTML report charts the scores and the "
        "stability and draws a clustergram of how areas split as k grows. No single score "
        "decides: choose k that is stable, interpretable and useful to the council."
    )

    def initAlgorithm(self, config=None):
        self.add_input()
        self.add_fields()
        self.add_id_field()
        self.add(QgsProcessingParameterNumber("K_MIN", self.tr("Smallest k"),
                                              NUMBER_INTEGER, 3,
                                              minValue=1),
                 "First number of clusters to try.")
        self.add(QgsProcessingParameterNumber("K_MAX", self.tr("Largest k"),
                                              NUMBER_INTEGER, 10,
                                              minValue=1),
                 "Last number of clusters to try.")
        self.add_strategy()
        self.add_runs_seed(runs_default=50)
        self.add_resamples()
        self.add_sink("OUTPUT", "Scores per k", "A table with one row per k.", table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Comparison report"), "HTML files (*.html)", optional=True),
            "HTML report with the elbow and score charts and the clustergram.")

    def compute(self, parameters, context, feedback):
        from ..core import charts
        from ..core.diagnostics import compare_k
        from ..core.report import HtmlReport
        from ..core.stability import stability_chart

        table = self.read(parameters, "INPUT", context, feedback)
        X, fields, _ = self.matrix(parameters, context, table)
        k_min = self.parameterAsInt(parameters, "K_MIN", context)
        k_max = self.parameterAsInt(parameters, "K_MAX", context)
        if k_min > k_max:
            raise SegmentationError(f"Smallest k ({k_min}) is larger than largest k ({k_max}).")
        if k_max > len(X):
            raise SegmentationError(
                f"Largest k ({k_max}) is larger than the number of areas ({len(X)}).")
        runs = self.parameterAsInt(parameters, "RUNS", context)
        seed = self.parameterAsInt(parameters, "SEED", context)
        feedback.pushInfo(self.tr(
            "{n_X} areas, {n_fields} variables, k = {k_min}..{k_max}, {runs} runs each, seed "
            "{seed}.").format(
            n_X=len(X), n_fields=len(fields), k_min=k_min, k_max=k_max, runs=runs, seed=seed))
        self.estimate_runs(len(X), sum(range(k_min, k_max + 1)), len(fields), runs,
                           self.strategy(parameters, context))
        resamples, resample_runs = self.resamples(parameters, context, runs)
        self.log_resamples(len(X), sum(range(k_min, k_max + 1)), len(fields), resamples,
                           resample_runs)
        comp = compare_k(X, range(k_min, k_max + 1), runs=runs, seed=seed,
                         progress=feedback_progress(feedback, 5, 90),
                         cancelled=feedback.isCanceled,
                         strategy=self.strategy(parameters, context),
                         resamples=resamples, resample_runs=resample_runs)
        if comp.ran_in == "processes":
            feedback.pushInfo(self.tr(
                "The values of k ran in worker processes, one per processor core."))
        for row in comp.table.itertuples():
            stable = self.tr(
                "stability (ARI) {ari:.3f}, weakest cluster (Jaccard) {weakest:.3f}, {stable} of "
                "{k} clusters stable; ").format(
                ari=row.stability, weakest=row.weakest_jaccard, stable=int(row.stable_clusters),
                k=row.k) if resamples else ""
            feedback.pushInfo(
                f"k={row.k}: WCSS {row.total_wcss:.4f}, silhouette {row.silhouette:.3f}, "
                f"CH {row.calinski_harabasz:.1f}, DB {row.davies_bouldin:.3f}, "
                f"smallest {row.smallest}, {stable}"
                + self.tr("repeatability of the search {repeat:.3f}").format(
                    repeat=row.search_repeatability) + "; " + self.tr(
                    "search: {searches} local optima, {distinct} distinct, the best reached "
                    "{hits} time(s)").format(searches=row.searches,
                                             distinct=row.distinct_optima,
                                             hits=row.best_reached))
        dest = self.write_table(parameters, "OUTPUT", context, comp.table, None, feedback)
        results = {"OUTPUT": dest}
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            rep = HtmlReport(self.tr("How many clusters?"))
            rep.paragraph(self.tr(
                "{n_X} areas, {n_fields} variables ({v2}); best of {runs} k-means runs per k, "
                "seed {seed}.").format(
                n_X=len(X), n_fields=len(fields), v2=', '.join(fields), runs=runs, seed=seed))
            rep.table(comp.table)
            rep.figure(charts.elbow_chart(comp.table), "scores by k")
            if comp.stability:
                rep.heading(self.tr("Cluster stability"))
                rep.paragraph(self.tr(
                    "{resamples} times, 80 % of the areas drawn at random were clustered "
                    "afresh ({runs} k-means runs each) and compared with the solution on all "
                    "areas. The line is the mean adjusted Rand index; each dot is one "
                    "cluster's mean Jaccard similarity with its best match (Hennig's "
                    "clusterboot): below 0.6 the cluster dissolves, 0.6-0.75 it shows a "
                    "pattern but its membership is doubtful, from 0.75 it is stable and from "
                    "0.85 highly stable. The repeatability of the search (do differently "
                    "seeded runs on the same areas agree?) is not stability: it can be near 1 "
                    "on random noise.").format(
                    resamples=resamples, runs=resample_runs))
                rep.figure(stability_chart(comp.table, comp.stability), "cluster stability")
            if len(comp.labels) > 1:
                rep.heading(self.tr("Clustergram"))
                rep.figure(charts.clustergram(X, comp.labels), "clustergram")
            with self.writing("OUTPUT_HTML"):
                rep.write(html_path)
            results["OUTPUT_HTML"] = html_path
        return results
