#!/usr/bin/python3
# tests/test-query-plans.py — the query-plan guard: no statement walks a table that grows with the data
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a workload with TONGXING_SQL_RECORD set (src/core/store/tx-store-record.c), so that every
# statement the store's connections run is written down once: tests/tools/tx-plan-workload (every
# shape of the roster's queries and the single-record operations, on a demo store it keeps), the
# core's unit tests and the command line's tests given. Then tests/tools/tx-plan-check scales the
# demo store's statistics to a district of 1,000,000 children and fails on any statement whose plan
# walks a growing table whole, unless tests/query-plans-allowed.txt allows it, with its reason.
# Cost must not grow with the store for any single-record operation.
#
# Usage: test-query-plans.py WORKLOAD CHECK ALLOWED CLI [UNIT-TEST…] -- [CLI-TEST.py[,ARG…]…]
# (a CLI test's arguments after tongxing-cli's path joined to it by commas)
# TX_PLANS_KEEP=DIR keeps the record and the store in DIR.

import os
import subprocess
import sys
import tempfile
import time

DEMO_CHILDREN = '4000'


def run(what, cmd, env, timeout):
    start = time.monotonic()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    took = time.monotonic() - start
    print(f'# {what}: {took:.1f} s', flush=True)
    if p.returncode != 0:
        print(p.stdout[-4000:], p.stderr[-4000:], sep='\n')
        raise SystemExit(f'{what} failed (exit {p.returncode}): its statements are not all recorded')
    return took


def main():
    args = sys.argv[1:]
    workload, check, allowed, cli = args[:4]
    rest = args[4:]
    split = rest.index('--') if '--' in rest else len(rest)
    units, cli_tests = rest[:split], rest[split + 1:]

    keep = os.environ.get('TX_PLANS_KEEP')
    tmp = None if keep else tempfile.TemporaryDirectory(prefix='tongxing-plans-')
    folder = keep or tmp.name
    os.makedirs(folder, exist_ok=True)
    record = os.path.join(folder, 'statements.jsonl')
    store = os.path.join(folder, 'district.db')
    for f in (record, store, store + '.keys', store + '-wal', store + '-shm'):
        if os.path.exists(f):
            os.unlink(f)

    env = dict(os.environ, TONGXING_SQL_RECORD=record)
    env.pop('TONGXING_DB', None)
    total = time.monotonic()
    run('tx-plan-workload', [workload, store, DEMO_CHILDREN], env, 600)
    for exe in units:
        run(os.path.basename(exe), [exe], env, 600)
    for test in cli_tests:
        script, *more = test.split(',')
        run(os.path.basename(script), [sys.executable, script, cli] + more, env, 900)
    print(f'# workload: {time.monotonic() - total:.1f} s', flush=True)

    env.pop('TONGXING_SQL_RECORD')
    p = subprocess.run([check, store, allowed, record], env=env, text=True, timeout=600)
    print(f'# in all: {time.monotonic() - total:.1f} s', flush=True)
    if tmp:
        tmp.cleanup()
    sys.exit(p.returncode)


main()
