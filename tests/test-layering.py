#!/usr/bin/python3
"""The core's layering, checked three ways (HACKING.md):

1. every #include "…" in src/core/<folder>/ names a header of its own folder
   or of a folder below it (base < model < store < intake < report; sync beside intake and report);
2. the include graph of src/ has no cycle;
3. no core library's objects use a symbol defined in a folder above it
   (nm on the static libraries: what each one leaves undefined, and where
   that is defined), and sync uses neither intake nor report, nor they sync.

usage: test-layering.py SRCDIR LIBDIR   (LIBDIR: the build's src/core)"""
import os
import re
import subprocess
import sys

ORDER = ['base', 'model', 'store', 'intake', 'report', 'sync']
BELOW = {'base': [], 'model': ['base'], 'store': ['base', 'model'],
         'intake': ['base', 'model', 'store'], 'report': ['base', 'model', 'store', 'intake'],
         'sync': ['base', 'model', 'store']}
GENERATED = {'config.h', 'tx-data-resources.h', 'tx-gui-resources.h'}

src, libdir = sys.argv[1], sys.argv[2]
failures = []


def includes(path):
    with open(path, encoding='utf-8') as f:
        return re.findall(r'^#include "([^"]+)"', f.read(), re.M)


# where each header of src/ lives
where = {}
for root, _, files in os.walk(os.path.join(src, 'src')):
    for name in files:
        if name.endswith(('.h', '.c')):
            where.setdefault(name, []).append(os.path.relpath(os.path.join(root, name), src))
for name, paths in where.items():
    if name.endswith('.h') and len(paths) > 1:
        failures.append('header %s is in two places: %s' % (name, ', '.join(paths)))

# 1. includes within the core
core = os.path.join(src, 'src', 'core')
for folder in ORDER:
    allowed = set(BELOW[folder] + [folder])
    for name in sorted(os.listdir(os.path.join(core, folder))):
        if not name.endswith(('.c', '.h')):
            continue
        path = os.path.join(core, folder, name)
        for inc in includes(path):
            if inc in GENERATED:
                continue
            homes = [p for p in where.get(inc, []) if p.startswith('src/core/')]
            if not homes:
                failures.append('%s/%s includes %s, which is not a core header' % (folder, name, inc))
                continue
            home = homes[0].split('/')[2]
            if home not in allowed:
                failures.append('%s/%s includes %s of %s/, a folder above or beside it'
                                % (folder, name, inc, home))

# 2. no include cycle among the files of src/
graph = {}
for name, paths in where.items():
    for p in paths:
        graph[p] = [where[i][0] for i in includes(os.path.join(src, p)) if i in where]
index, low, stack, on, sccs = {}, {}, [], set(), []


def strong(v):
    # Tarjan's algorithm, iterative
    work = [(v, iter(graph[v]))]
    index[v] = low[v] = len(index)
    stack.append(v)
    on.add(v)
    while work:
        node, it = work[-1]
        for w in it:
            if w not in index:
                index[w] = low[w] = len(index)
                stack.append(w)
                on.add(w)
                work.append((w, iter(graph[w])))
                break
            if w in on:
                low[node] = min(low[node], index[w])
        else:
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                scc = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    scc.append(w)
                    if w == node:
                        break
                if len(scc) > 1 or node in graph[node]:
                    sccs.append(sorted(scc))


for v in sorted(graph):
    if v not in index:
        strong(v)
for scc in sccs:
    failures.append('include cycle: ' + ' → '.join(scc))

# 3. symbols: what each library needs, and from where
defined = {}
for folder in ORDER:
    lib = os.path.join(libdir, folder, 'libtx-%s.a' % folder)
    out = subprocess.run(['nm', '-g', '--defined-only', lib], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            defined[parts[2]] = folder
for folder in ORDER:
    lib = os.path.join(libdir, folder, 'libtx-%s.a' % folder)
    out = subprocess.run(['nm', '-u', lib], check=True, capture_output=True, text=True).stdout
    for sym in sorted(set(l.split()[-1] for l in out.splitlines() if l.strip() and ':' not in l)):
        home = defined.get(sym)
        if home and home != folder and home not in BELOW[folder]:
            failures.append('the %s library uses %s of %s/' % (folder, sym, home))

for f in failures:
    print('not ok:', f)
if failures:
    sys.exit(1)
print('layering holds: %d core files, %d files in the include graph, %d core symbols'
      % (sum(1 for p in graph if p.startswith('src/core/')), len(graph), len(defined)))
