# Customer Segmentation: `make demo` and `make test` do all set-up on a fresh Debian 12 machine.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PLUGIN := customer_segmentation
BUILD := build
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup demo test test-host test-core lint package bench translations clean sample-data model docs

setup:
	@bash scripts/setup.sh

sample-data: setup
	$(PY) sample_data/generate.py sample_data

demo: setup
	bash scripts/demo.sh

# The whole suite in each test lane: this machine's QGIS, then Debian roots with QGIS 3.40 LTR
# and 3.44 (made once with debootstrap, cached in /var/cache/customer-segmentation).
# LANES="host trixie" picks lanes; see scripts/test_lanes.sh.
test: setup
	PY=$(PY) bash scripts/test_lanes.sh

test-host: setup
	PY=$(PY) bash scripts/test_lanes.sh host

test-core: setup
	$(PY) -m pytest -q tests/core

lint: setup
	$(VENV)/bin/ruff check .
	$(PY) scripts/check_qt6.py --pyqt6 .venv-qt6/bin/python

package: setup
	bash scripts/package.sh

translations: setup
	PY=$(PY) bash scripts/translations.sh

docs: setup
	UPDATE_DOCS=1 $(PY) -m pytest -q tests/qgis/test_docs_images.py tests/qgis/test_pen_portraits.py \
		tests/qgis/test_spider_chart.py
	/usr/bin/python3 scripts/screenshot.py docs/screenshot_docks.png
	CS_SCENE=modeler /usr/bin/python3 scripts/screenshot.py docs/screenshot_modeler.png

bench: setup
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_real_data.py
	$(PY) bench/bench_kmeans.py
	$(PY) bench/bench_disclosure.py
	@if [ -f bench/bench_postcodes.py ]; then $(PY) bench/bench_postcodes.py; fi

clean:
	rm -rf $(BUILD) demo-output $(PLUGIN).zip .pytest_cache .ruff_cache

model: setup
	$(PY) scripts/make_model.py
