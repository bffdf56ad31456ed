# tests/txsync.py — stations of a county, each a store of its own, for the sync tests
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A Station drives tongxing-cli on its own database: init, trust, bundles
# for another station, `sync dump` to compare what stations hold.

import copy
import hashlib
import json
import os
import shutil
import tempfile
import unittest

import txtest
import subprocess

# the path of tongxing-cli, set by the test from its arguments
CLI = None
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')

TOWNSHIP_A = '220102001'    # 南岭街道
TOWNSHIP_B = '220102002'    # 自强街道


class Station:
    def __init__(self, folder, name, county='220102', township=None):
        self.folder = folder
        self.db = os.path.join(folder, name + '.db')
        args = ['init', '--county', county, '--name', name]
        if township:
            args += ['--township', township]
        self.ok(*args)
        me = json.loads(self.ok('station', 'show', '--json').stdout)
        self.id, self.fingerprint, self.name = me['id'], me['fingerprint'], me['name']
        self.identity = os.path.join(folder, name + '.identity')
        self.pub = os.path.join(folder, name + '.pub')
        self.ok('station', 'export-identity', self.identity, '--minisign-pub', self.pub)
        self.sent = 0

    def run(self, *args, input=None):
        env = dict(os.environ, LANGUAGE='en')
        return subprocess.run([CLI, '--db', self.db] + list(args), input=input, capture_output=True,
                              text=True, env=env, timeout=300)

    def ok(self, *args, input=None):
        p = self.run(*args, input=input)
        if p.returncode != 0:
            raise AssertionError(f'{self.db} {args}: {p.stderr}')
        return p

    def trust(self, other):
        self.ok('station', 'trust', other.identity, '--fingerprint', other.fingerprint)

    def bundle_for(self, other, full=False):
        self.sent += 1
        path = os.path.join(self.folder, f'{os.path.basename(self.db)}-{self.sent}-for-{other.name}.txb')
        self.ok('bundle', 'export', '--to', other.id, '--out', path, *(['--full'] if full else []))
        return path

    def take(self, path):
        return json.loads(self.ok('bundle', 'import', path, '--json').stdout)

    def dump(self):
        return self.ok('sync', 'dump').stdout

    def child(self, cid):
        return json.loads(self.ok('child', 'get', cid).stdout)

    def edit(self, cid, **values):
        record = self.child(cid)
        record.update(values)
        self.ok('child', 'update', cid, '-', '--draft', input=json.dumps(record))

    def file_hash(self):
        # the store's tables but the audit trail's (which records every login); the
        # file's bytes change at every encrypted write
        return txtest.digest(self.db)

    def copy_to(self, folder):
        other = copy.copy(self)
        other.folder = folder
        other.db = os.path.join(folder, os.path.basename(self.db))
        shutil.copy(self.db, other.db)
        shutil.copy(self.db + '.keys', other.db + '.keys')
        return other


def exchange(county, townships):
    """Bundles both ways until nothing changes: townships to the county, the county back."""
    for _ in range(2):
        for t in townships:
            county.take(t.bundle_for(county))
        for t in townships:
            t.take(county.bundle_for(t))


class CountyTest(unittest.TestCase):
    """A county and two of its townships, A (nanling) and B (ziqiang), each trusting the county and
    trusted by it, in a folder of the test's own; add() adds a child from tests/data's complete record"""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.county = Station(self.dir, 'county')
        self.a = Station(self.dir, 'nanling', township=TOWNSHIP_A)
        self.b = Station(self.dir, 'ziqiang', township=TOWNSHIP_B)
        for t in (self.a, self.b):
            self.county.trust(t)
            t.trust(self.county)

    def tearDown(self):
        self.tmp.cleanup()

    def fixture(self, **changes):
        with open(FIXTURE, encoding='utf-8') as f:
            record = json.load(f)
        record.update(changes)
        return record

    def add(self, station, **changes):
        return station.ok('child', 'add', '-', input=json.dumps(self.fixture(**changes))).stdout.strip()
