# The two commands of README.md: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# The test suite runs against PostgreSQL and Redis on this machine unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/park
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0

.PHONY: demo test setup system messages lint

$(VENV)/installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/installed

demo: setup
	./scripts/demo.sh

# Besides Python, the suite needs Chromium at /usr/bin/chromium (browser tests), CJK fonts for it to draw the
# Chinese pages, and gettext (catalog tests): Debian's chromium, fonts-noto-cjk and gettext.
system:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		echo "make test needs these system packages first: sudo apt-get install$$missing"; exit 1; \
	fi

test: setup system
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)} \
		$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .

# Refresh the translation catalogs (the core's in locale/, each app's in <app>/locale/) and compile them.
messages: setup
	DEBUG=$${DEBUG:-1} $(PY) manage.py makemessages -l zh_Hans --no-location --no-obsolete -i ".venv/*" -i "var/*" -i "tests/*"
	DEBUG=$${DEBUG:-1} $(PY) manage.py compilemessages -i ".venv" -i "var"
