"""The bundled sample town is exactly what its generator makes."""

import importlib.util

from conftest import SAMPLE


def test_generator_reproduces_the_bundled_files(tmp_path):
    spec = importlib.util.spec_from_file_location("generate", SAMPLE / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    summary = generate.generate(tmp_path)
    assert summary["areas"] == 320
    for name in ("sample_town_oa.geojson", "sample_town_lookup.csv", "sample_town_postcodes.csv",
                 "sample_town_services.csv", "sample_town_onspd.csv", "sample_town_uprn.csv",
                 "sample_town_visits.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
