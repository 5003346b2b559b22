"""Compare-k from the command line with its values of k in worker processes: inside
qgis_process.bin (whose sys.executable is not a Python) the workers start with QGIS's own
Python and give the same table as threads."""

from __future__ import annotations

import json
import subprocess

from support import qgis_process as qp


def comparek(home, std, out, setting, monkeypatch) -> tuple[str, str]:
    monkeypatch.setenv("CUSTOMER_SEGMENTATION_PROCESSES", setting)
    env = qp.enable_plugin(home)
    cmd = [qp.qgis_process_binary(), "--json", "run", "segmentation:comparek", "--",
           f"INPUT={std}", "K_MIN=2", "K_MAX=6", "RUNS=8", "RESAMPLES=3", f"OUTPUT={out}"]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    result = json.loads(res.stdout[res.stdout.find("{"):])
    return out.read_text(), json.dumps(result.get("log", "")) + res.stderr


def test_comparek_in_worker_processes_equals_threads(tmp_path, sample_town, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    prep = qp.run(home, "segmentation:preparevariables", f"INPUT={sample_town['areas']}",
                  f"LOOKUP={sample_town['lookup']}", "ID_FIELD=OA_CODE",
                  f"OUTPUT={tmp_path / 'prep.gpkg'}")["OUTPUT"]
    std = qp.run(home, "segmentation:standardise", f"INPUT={prep}", "FIELDS=v11", "FIELDS=v12",
                 "FIELDS=v14", "FIELDS=v15", "FIELDS=v17", "FIELDS=v18", "TRANSFORM=1",
                 "SCALE=0", f"OUTPUT={tmp_path / 'std.gpkg'}")["OUTPUT"]
    procs, log = comparek(home, std, tmp_path / "procs.csv", "1", monkeypatch)
    assert "worker processes" in log, log
    threads, log = comparek(home, std, tmp_path / "threads.csv", "0", monkeypatch)
    assert "worker processes" not in log
    assert procs == threads and procs.count("\n") >= 6
