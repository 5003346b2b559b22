"""segmentation:kmeans: the classification itself (step 5)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import SegmentationError
from .base import SegmentationAlgorithm, feedback_progress, shown_variables
from .compat import NUMBER_INTEGER
from .labels_output import LabelsOutputMixin
from .resampling import ResamplingMixin


class KMeansAlgorithm(ResamplingMixin, LabelsOutputMixin, SegmentationAlgorithm):
    """Best of RUNS k-means runs, written to each area, with centres and a model file."""

    ALG_ID = "kmeans"
    DISPLAY = "K-means classification"
    HELP = (
        "Classifies the areas into K clusters: the best (lowest total within-cluster sum of "
        "squares) of RUNS k-means runs, each started by k-means++ and finished with Hartigan's "
        "single-point moves, so it reaches solutions at least as good as R's Hartigan-Wong. "
        "Clusters are numbered 1..K from the largest. Writes the cluster code to each area, a "
        "table of cluster centres with size, within-cluster sum of squares and stability, and a "
        "model file (JSON: fields, standardisation, centres, seed, software versions) that "
        "'Apply a saved classification' uses to classify new or updated areas. Cluster "
        "stability (as R's clusterboot): RESAMPLES times, 80 % of the areas drawn at random are "
        "clustered afresh and each cluster is matched with its most similar new cluster; its "
        "mean Jaccard similarity reads: below 0.6 not stable (it dissolves), 0.6-0.75 a pattern "
        "whose membership is doubtful, 0.75 stable, 0.85 highly stable. The log also gives the "
        "repeatability of the search (do differently seeded batches of runs agree on the same "
        "areas?), which is not cluster stability."
    )

    def initAlgorithm(self, config=None):
        self.add_input(help_text="The standardised areas (output of 'Standardise variables').")
        self.add_fields()
        self.add_id_field()
        self.add(QgsProcessingParameterNumber("K", self.tr("Number of clusters (K)"),
                                              NUMBER_INTEGER, 8,
                                              minValue=1),
                 "How many clusters to make (the OAC has 8 supergroups).")
        self.add_strategy()
        self.add_runs_seed(runs_default=100)
        self.add_resamples()
        self.add(QgsProcessingParameterString("FIELD_NAME", self.tr("Cluster field name"),
                                              "cluster"),
                 "Name of the new field holding each area's cluster code. An input field of the "
                 "same name is replaced in the output.")
        self.add(QgsProcessingParameterFile(
            "STANDARDISATION", self.tr("Standardisation parameters (from Standardise)"),
            extension="json", optional=True),
            "Optional JSON written by 'Standardise variables'. Stored in the model so that the "
            "classification can later be applied to raw (unstandardised) variables.",
            advanced=True)
        self.add_lookup_for_docks()
        self.add_sink("OUTPUT", "Clusters", "The input areas with the cluster field (and the "
                      "raw_ totals and percentages carried from 'Standardise').")
        self.add_sink("OUTPUT_CENTRES", "Cluster centres",
                      "One row per cluster: code, size, within-cluster sum of squares, "
                      "stability (mean Jaccard over the resamples, how many times the cluster "
                      "dissolved, and its reading) and the centre on every variable.",
                      optional=True, table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "MODEL", self.tr("Model file"), "JSON files (*.json)", optional=True),
            "JSON model of the classification, for 'Apply a saved classification'.")
        self.add_labels_output()

    def compute(self, parameters, context, feedback):
        import numpy as np
        import pandas as pd

        from ..core.classification import ClassificationModel
        from ..core.diagnostics import search_repeatability
        from ..core.labels import draft_portraits
        from ..core.search import classify
        from ..core.stability import resampling_stability

        table = self.read(parameters, "INPUT", context, feedback)
        X, fields, _ = self.matrix(parameters, context, table)
        k = self.parameterAsInt(parameters, "K", context)
        runs = self.parameterAsInt(parameters, "RUNS", context)
        seed = self.parameterAsInt(parameters, "SEED", context)
        field_name = self.parameterAsString(parameters, "FIELD_NAME", context).strip()
        if not field_name:
            raise SegmentationError("The cluster field name is empty.")
        std = self._standardisation(parameters, context, fields)
        constant = [f for f, s in zip(fields, X.std(axis=0)) if s == 0]
        if constant:
            self.warn(self.tr(
                "Constant field(s) carry no information: {v0}.").format(
                v0=', '.join(constant)))
        feedback.pushInfo(self.tr(
            "{n_X} areas, {n_fields} variables, K={k}, {runs} runs, seed {seed}.").format(
            n_X=len(X), n_fields=len(fields), k=k, runs=runs, seed=seed))
        strategy = self.strategy(parameters, context)
        self.estimate_runs(len(X), k, len(fields), runs, strategy)
        resamples, resample_runs = self.resamples(parameters, context, runs)
        self.log_resamples(len(X), k, len(fields), resamples, resample_runs)
        split = 5 + 85 * runs / (runs + 0.8 * resamples * resample_runs)
        res = classify(X, k, runs=runs, seed=seed, strategy=strategy,
                       progress=feedback_progress(feedback, 5, split),
                       cancelled=feedback.isCanceled)
        codes = [str(c + 1) for c in range(k)]
        feedback.pushInfo(self.tr(
            "Total within-cluster sum of squares: {total_wcss:.6f}").format(
            total_wcss=res.total_wcss))
        feedback.pushInfo(self.tr(
            "Search: {searches} local optima, {distinct} distinct; the best was reached "
            "{hits} time(s).").format(
            searches=res.searches, distinct=res.distinct_optima, hits=res.best_reached))
        feedback.pushInfo(self.tr("Cluster sizes: {sizes}").format(
            sizes=", ".join(f"{c}: {s}" for c, s in zip(codes, res.sizes))))
        feedback.pushInfo(self.tr(
            "Repeatability of the search (mean adjusted Rand index between the best solutions "
            "of differently seeded batches of runs; not cluster stability): {value:.3f}").format(
            value=search_repeatability(res)))
        stab = None
        if resamples:
            stab = resampling_stability(X, res.labels, k, resamples=resamples,
                                        runs=resample_runs, seed=seed,
                                        progress=feedback_progress(feedback, split, 90),
                                        cancelled=feedback.isCanceled)
            self._log_stability(feedback, stab, codes)
        labels = np.asarray(codes, dtype=object)[res.labels]
        new = pd.DataFrame({field_name: labels})
        dest = self.write_appended(parameters, "OUTPUT", context, table, new, feedback)
        props = self.classified_properties(parameters, context,
                                           self.appended_columns(table, new), fields,
                                           [field_name])
        self.style_later(dest, field_name, props)
        self.name_output(dest, context,
                         self.tr("Clusters k={k}, seed {seed}").format(k=k, seed=seed))
        results = {"OUTPUT": dest, "TOTAL_WCSS": res.total_wcss}
        if stab is not None:
            results["STABILITY"] = stab.mean_ari
        results.update(self.write_labels(parameters, context, {field_name: codes}, dest,
                                         field_name, shown_variables(props, fields),
                                         pen_portraits=draft_portraits(X, labels, fields)))
        centres = pd.DataFrame(res.centres, columns=fields)
        if stab is not None:
            per_cluster = stab.table(codes)
            centres.insert(0, "stability", per_cluster["reading"].to_numpy())
            centres.insert(0, "times_dissolved", per_cluster["dissolved"].to_numpy())
            centres.insert(0, "stability_jaccard", per_cluster["jaccard"].to_numpy())
        centres.insert(0, "wcss", res.wcss)
        centres.insert(0, "size", res.sizes.astype("int64"))
        centres.insert(0, field_name, codes)
        if parameters.get("OUTPUT_CENTRES") is not None:
            results["OUTPUT_CENTRES"] = self.write_table(parameters, "OUTPUT_CENTRES", context,
                                                         centres)
        model_path = self.parameterAsFileOutput(parameters, "MODEL", context)
        if model_path:
            model = ClassificationModel(fields, codes, res.centres, k, seed, runs, res.total_wcss,
                                        res.sizes.tolist(), std,
                                        {"field_name": field_name, "strategy": strategy,
                                         **({"stability": stab.summary()} if stab else {})})
            with self.writing("MODEL"):
                model.save(model_path)
            results["MODEL"] = model_path
        return results

    def _log_stability(self, feedback, stab, codes) -> None:
        """One line for the whole solution, one per cluster."""
        feedback.pushInfo(self.tr(
            "Cluster stability over {resamples} resamples of 80 % of the areas: mean adjusted "
            "Rand index with the full solution {ari:.3f}; {stable} of {k} clusters stable "
            "(mean Jaccard 0.75 or more).").format(
            resamples=stab.resamples, ari=stab.mean_ari, stable=stab.stable_clusters(),
            k=len(codes)))
        for row in stab.table(codes).itertuples():
            feedback.pushInfo(self.tr(
                "Cluster {code} ({size} areas): mean Jaccard {jaccard:.3f}, {reading}; "
                "dissolved in {dissolved} of {resamples} resamples.").format(
                code=row.cluster, size=row.size, jaccard=row.jaccard,
                reading=row.reading, dissolved=row.dissolved,
                resamples=stab.resamples))

    def _standardisation(self, parameters, context, fields):
        """The Standardisation read from the STANDARDISATION file, or None."""
        from ..core.transform import Standardisation

        path = self.parameterAsFile(parameters, "STANDARDISATION", context)
        if not path:
            return None
        std = Standardisation.load(path, fields)
        missing = [f for f in fields if f not in std.fields]
        if missing:
            raise SegmentationError(
                f"The standardisation file has no parameters for {', '.join(missing)}.")
        std.fields = list(fields)
        return std
