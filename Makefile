# 联席会议协调平台 — the two commands of the README: `make run` and `make test`.
# Both set up what is missing first (virtualenv, packages, system packages where possible,
# translations, database) and are safe to run any number of times.

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
SYSTEM_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 gettext poppler-utils chromium

.PHONY: run test setup system-packages fonts venv messages migrate lint ci clean

run: setup migrate
	$(PY) manage.py load_demo
	@# Scheduled publishing, reminders and the weekly digest run beside the web server, and stop with it.
	$(PY) manage.py run_scheduler & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

# The suite is spread over the machine's cores (pytest-xdist); TEST_WORKERS=0 runs it in one process.
# In collection order (pytest-django runs transactional tests last: their flush empties the database).
TEST_WORKERS ?= auto

test: setup
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

setup: system-packages fonts venv messages

# The 公文 fonts: Fandol's 仿宋, 黑体, 楷体 and 宋体 (GPL with the font exception), taken from Debian's
# texlive-lang-chinese without installing TeX, into the user's fontconfig folder; Noto CJK (above)
# stays the fallback for characters Fandol lacks.
FONT_DIR ?= $(HOME)/.local/share/fonts/fandol
FANDOL := FandolFang-Regular FandolHei-Regular FandolHei-Bold FandolKai-Regular FandolSong-Regular FandolSong-Bold

fonts:
	@if [ -f "$(FONT_DIR)/FandolFang-Regular.otf" ]; then exit 0; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; cd "$$tmp"; \
	apt-get download -qq texlive-lang-chinese >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1; } || \
	  { echo "note: could not download texlive-lang-chinese; 公文 PDFs fall back to Noto CJK"; exit 0; }; \
	dpkg-deb -x texlive-lang-chinese_*.deb deb && mkdir -p "$(FONT_DIR)" && \
	for f in $(FANDOL); do cp deb/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$$f.otf "$(FONT_DIR)/"; done && \
	fc-cache -f "$(FONT_DIR)" && echo "Installed the Fandol fonts in $(FONT_DIR)"

# Installs the Debian packages the portal needs (CJK fonts and harfbuzz subsetting for PDFs,
# gettext for translations, chromium for the browser tests) when this user may; otherwise says
# what is missing and carries on.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "note: install these system packages:$$missing"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "note: cannot install$$missing without root; PDFs or browser tests may fail"; exit 0; fi; \
	echo "Installing system packages:$$missing"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

messages: venv
	$(PY) manage.py compilemessages -l en --ignore "$(VENV)/*" -v 0

migrate: venv
	$(PY) manage.py migrate -v 0

lint: venv
	$(BIN)/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

clean:
	rm -rf var/test.sqlite3 var/test-media .pytest_cache
