#!/bin/sh
# layers.sh: folders use only the ones below them, no two modules need
# each other, every header compiles on its own (tests/layers.py).
. "$(dirname "$0")/lib.sh"

pycheck layers "$TOPSRC/tests/layers.py" "$TOPSRC/src" "$BUILDSRC"
finish
