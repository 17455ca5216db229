#!/usr/bin/env python3
"""layers.py: the source tree's layers point one way.

    layers.py SRCDIR BUILDDIR

1. Folders depend only on the folders below them (LAYERS), by #include.
2. No two modules (a .c file and its .h) need each other, directly or
   through others: checked on the built objects' symbols (nm), so a
   function called across files counts even without an include.
3. Every header compiles on its own ($CC -fsyntax-only, $HDR_CFLAGS).
Prints one line per problem and "N passed, N failed".
"""
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import check, finish  # noqa: E402

# Each folder and the folders it may use.
LAYERS = {
    'util': set(),
    'plist': {'util'},
    'net': {'util'},
    'hsts': {'plist', 'util'},
    'trust': {'hsts', 'plist', 'util'},
    'diagnose': {'net', 'trust', 'firefox', 'hsts', 'plist', 'util'},
    'platform': {'util'},
    'chromium': {'hsts', 'plist', 'util'},
    'firefox': {'hsts', 'plist', 'util'},
    'curlwget': {'hsts', 'plist', 'util'},
    'stores': {'chromium', 'firefox', 'curlwget', 'platform', 'hsts', 'plist',
               'util'},
    'cli': {'stores', 'chromium', 'firefox', 'curlwget', 'platform', 'diagnose',
            'net', 'trust', 'hsts', 'plist', 'util'},
}


def sources(src):
    for d, _, files in os.walk(src):
        for f in sorted(files):
            if f.endswith(('.c', '.h')):
                yield os.path.relpath(os.path.join(d, f), src)


def folders(src):
    for rel in sources(src):
        here = rel.split('/')[0]
        check(here in LAYERS, '%s: folder %s is not in LAYERS' % (rel, here))
        with open(os.path.join(src, rel), errors='replace') as f:
            for n, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s+"([a-z]+)/', line)
                if m and m.group(1) != here:
                    check(m.group(1) in LAYERS.get(here, ()),
                          '%s:%d: %s may not use %s' % (rel, n, here,
                                                        m.group(1)))


def strongly_connected(graph):
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def modules(build):
    defs, uses = {}, collections.defaultdict(set)
    for d, _, files in os.walk(build):
        for f in files:
            if not f.endswith('.o'):
                continue
            path = os.path.join(d, f)
            mod = os.path.relpath(path, build)[:-2]
            nm = subprocess.run(['nm', path], capture_output=True,
                                text=True).stdout
            for line in nm.splitlines():
                p = line.split()
                if len(p) == 3 and p[1] in 'TDRB':
                    defs[p[2]] = mod
                elif len(p) == 2 and p[0] == 'U':
                    uses[mod].add(p[1])
    check(len(defs) > 100, 'only %d symbols found under %s' % (len(defs),
                                                              build))
    graph = collections.defaultdict(set)
    for mod, names in uses.items():
        for name in names:
            if name in defs and defs[name] != mod:
                graph[mod].add(defs[name])
    for comp in strongly_connected(graph):
        check(len(comp) == 1, 'modules that need each other: %s' %
              ', '.join(sorted(comp)))


def headers(src):
    cc = os.environ.get('CC', 'cc')
    flags = os.environ.get('HDR_CFLAGS', '').split()
    n = 0
    for rel in sources(src):
        if not rel.endswith('.h'):
            continue
        n += 1
        r = subprocess.run([cc, '-std=c11', '-fsyntax-only', '-Wall',
                            '-x', 'c', '-'] + flags,
                           input='#include "%s"\n' % rel, text=True,
                           capture_output=True)
        check(r.returncode == 0 and r.stderr == '',
              '%s does not compile on its own: %s' % (
                  rel, ' | '.join(r.stderr.splitlines()[:4])))
    check(n > 20, 'only %d headers found' % n)


def main():
    src, build = sys.argv[1], sys.argv[2]
    folders(src)
    modules(build)
    headers(src)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
