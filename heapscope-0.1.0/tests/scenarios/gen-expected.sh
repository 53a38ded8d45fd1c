#!/bin/sh
# gen-expected.sh - regenerate tests/scenarios/expected/VER/NAME.out for the
# classroom scenarios (scenarios/*.py) from the real CPython interpreters,
# with the corpus's generator (same format, same determinism check).
#
# Usage: tests/scenarios/gen-expected.sh [NAME...]
here=$(cd "$(dirname "$0")" && pwd) || exit 2
CORPUS_SCRIPTS=scenarios CORPUS_EXPECTED=tests/scenarios/expected \
    exec "$here/../corpus/gen-expected.sh" "$@"
