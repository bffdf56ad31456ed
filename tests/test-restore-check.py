#!/usr/bin/python3
# tests/test-restore-check.py — a restored store that fails its check gives its place back
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `backup restore` checks the store it put in place (integrity_check); when
# that fails (a disk error while the backup was copied, or read back), the
# store as it was goes back in its place, from the backup made of it first,
# and the message says so. The failure is made with the fault shim
# (tests/fault/tx-fault.c): a read of the store's folder fails with EIO,
# tried from the restore's last reads backwards until one lands in the
# check.

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import txtest

CLI = sys.argv.pop(1)
SHIM = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')


def id_number(birth, seq):
    base = '511323' + birth.replace('-', '') + '%03d' % seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return base + '10X98765432'[sum(int(c) * w for c, w in zip(base, weights)) % 11]


def child(name, number):
    with open(FIXTURE, encoding='utf-8') as f:
        record = json.load(f)
    record.update(name=name, id_number=number)
    return json.dumps(record, ensure_ascii=False)


class RestoreCheck(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.prepared = os.path.join(self.tmp.name, 'prepared')
        os.makedirs(self.prepared)
        self.env = dict(os.environ, LANGUAGE='en')
        self.env.pop('TONGXING_DB', None)

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, db, *args, input=None, fault=None):
        env = dict(self.env)
        if fault:
            env.update(LD_PRELOAD=SHIM, TX_FAULT_DIR=os.path.dirname(db),
                       ASAN_OPTIONS=env.get('ASAN_OPTIONS', '') + ':verify_asan_link_order=0')
            env.update(fault)
        return subprocess.run([CLI, '--db', db] + list(args), input=input, capture_output=True, text=True,
                              env=env, timeout=300)

    def ok(self, db, *args, **kw):
        p = self.cli(db, *args, **kw)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stderr}')
        return p

    def names(self, db):
        return sorted(c['name'] for c in json.loads(self.ok(db, 'child', 'list', '--json').stdout))

    def copy(self, tag):
        """A fresh copy of the prepared folder (the store, its key file, its backups)"""
        folder = os.path.join(self.tmp.name, tag)
        shutil.copytree(self.prepared, folder)
        return os.path.join(folder, 'tongxing.db')

    def test_a_restored_store_that_fails_its_check_gives_its_place_back(self):
        db = os.path.join(self.prepared, 'tongxing.db')
        self.ok(db, 'init', '--county', '220102', '--township', '220102001')
        self.ok(db, 'child', 'add', '-', input=child('甄备份', id_number('2018-05-14', 997)))
        made = json.loads(self.ok(db, 'backup', 'now', '--json').stdout)[0]
        self.ok(db, 'child', 'add', '-', input=child('后来的', id_number('2018-05-14', 11)))
        backup = os.path.relpath(made['path'], self.prepared)
        before = txtest.digest(db)
        both = self.names(db)

        counted = self.copy('count')
        counts = os.path.join(self.tmp.name, 'counts')
        self.ok(counted, 'backup', 'restore', os.path.join(os.path.dirname(counted), backup), '--yes',
                fault={'TX_FAULT_COUNT': counts})
        with open(counts, encoding='utf-8') as f:
            reads = {k: int(v) for k, v in (line.split() for line in f)}['reads']

        told = None
        for n in range(reads, max(0, reads - 300), -1):
            run = self.copy(f'run-{n}')
            p = self.cli(run, 'backup', 'restore', os.path.join(os.path.dirname(run), backup), '--yes',
                         fault={'TX_FAULT_OP': 'read', 'TX_FAULT_N': str(n), 'TX_FAULT_ERRNO': 'EIO'})
            if 'back in its place' in p.stderr:
                told = (n, p)
                break
            shutil.rmtree(os.path.dirname(run))
        self.assertIsNotNone(told, f'no read of the last 300 of {reads} made the check fail')
        n, p = told
        print(f'read {n} of {reads} failed: {p.stderr.strip()}')
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertNotIn('is kept in', p.stderr)
        # the store as it was, whole, in its place; nothing left beside it
        self.assertEqual(txtest.digest(run), before)
        self.assertEqual(txtest.sql(run, 'PRAGMA integrity_check'), [['ok']])
        self.assertEqual(self.names(run), both)
        leftovers = [f for f in os.listdir(os.path.dirname(run)) if '.restoring' in f]
        self.assertEqual(leftovers, [])


if __name__ == '__main__':
    txtest.main()
