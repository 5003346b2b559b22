"""Run an R program on a matrix, for benchmarks that put R's kmeans() beside the plugin's."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

NOT_INSTALLED = ("Rscript is not installed (Debian: apt-get install r-base-core); nothing was "
                 "installed by this benchmark")


def run_r(program: str, X: np.ndarray) -> list[list[str]] | None:
    """The whitespace-split lines ``program`` prints when given ``X`` as a headerless CSV
    (its first argument); None when ``Rscript`` is not installed."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data, prog = Path(tmp) / "x.csv", Path(tmp) / "program.R"
        np.savetxt(data, X, delimiter=",", fmt="%.17g")
        prog.write_text(program)
        out = subprocess.run([rscript, str(prog), str(data)], capture_output=True, text=True,
                             check=True).stdout
    return [line.split() for line in out.splitlines() if line.strip()]
