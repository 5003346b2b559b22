"""Run `qgis_process.bin` with the plugin enabled, in a throw-away profile."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PLUGIN_PARENT = Path(__file__).resolve().parents[2] / "build" / "plugins"


def qgis_process_binary() -> str:
    """The real binary (the Debian wrapper passes --noversioncheck, which 3.22 rejects)."""
    exe = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    if exe is None:
        pytest.fail("qgis_process.bin not found: is Debian's qgis installed? (make setup)")
    return exe


def environment(home: Path) -> dict:
    """A clean profile in `home` that sees this checkout as the plugin."""
    env = dict(os.environ)
    for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):  # set by pytest-qgis
        env.pop(key, None)
    env.update(QGIS_PLUGINPATH=str(PLUGIN_PARENT), QT_QPA_PLATFORM="offscreen",
               HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_RUNTIME_DIR=str(home / "run"))
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def enable_plugin(home: Path) -> dict:
    """Enable the plugin in the profile at `home`; returns the environment to use."""
    env = environment(home)
    marker = home / ".plugin-enabled"
    if not marker.exists():
        out = subprocess.run([qgis_process_binary(), "plugins", "enable", "customer_segmentation"],
                             env=env, capture_output=True, text=True, timeout=120)
        text = out.stdout + out.stderr
        assert out.returncode == 0 or "already enabled" in text, text
        marker.touch()
    return env


def call(home: Path, *args: str) -> subprocess.CompletedProcess:
    """`qgis_process.bin args…` with the plugin enabled in the profile at `home`."""
    env = enable_plugin(home)
    return subprocess.run([qgis_process_binary(), *args], env=env, capture_output=True,
                          text=True, timeout=600)


def run(home: Path, alg: str, *args: str, expect_ok: bool = True) -> dict | str:
    """`qgis_process.bin --json run alg -- args`: the results (or the output, on failure)."""
    env = enable_plugin(home)
    cmd = [qgis_process_binary(), "--json", "run", alg, "--", *args]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if not expect_ok:
        assert out.returncode != 0, out.stdout
        return out.stdout + out.stderr
    assert out.returncode == 0, f"{' '.join(cmd)}\n{out.stdout}\n{out.stderr}"
    start = out.stdout.find("{")
    return json.loads(out.stdout[start:])["results"]
