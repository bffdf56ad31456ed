#!/usr/bin/python3
# tests/test-processes.py — two programs on one store, and a power cut
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window keeps three connections open on its store; a supervisor runs
# tongxing-cli on the same file meanwhile; then the power goes (SIGKILL).
# Every save that was reported must be in the file afterwards, and the file
# must be sound. SQLite's "How To Corrupt An SQLite Database File" §2.2 is
# the trap: closing any descriptor of an open database drops the process's
# locks, and the other program then deletes the log the window writes into.

import json
import os
import subprocess
import sys
import tempfile
import unittest

import txtest

CLI = sys.argv.pop(1)
HOLDER = sys.argv.pop(1)


def Holder(db, env):
    return txtest.Holder(HOLDER, db, env)


class TwoProcesses(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, 'tongxing.db')
        self.env = dict(os.environ)
        self.env.pop('TONGXING_DB', None)
        self.cli('init', '--county', '220102', '--township', '220102001')

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args):
        p = subprocess.run([CLI, '--db', self.db] + list(args), capture_output=True, text=True,
                           env=self.env, timeout=120)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stderr}')
        return p.stdout

    def names(self):
        rows = json.loads(self.cli('child', 'list', '--json', '--limit', '100'))
        return sorted(r['name'] for r in rows)

    def assert_sound(self):
        with txtest.connect(self.db) as db:
            self.assertEqual(db.execute('PRAGMA integrity_check').fetchall(), [('ok',)])

    def test_saves_survive_cli_and_power_cut(self):
        holder = Holder(self.db, self.env)
        self.assertTrue(holder.ask('add 张一').startswith('saved '))
        # a supervisor lists the children from the command line meanwhile
        self.assertIn('张一', self.names())
        # the window's log must still be the store's log
        self.assertTrue(os.path.exists(self.db + '-wal'), 'the other program deleted the log')
        self.assertTrue(holder.ask('add 李二').startswith('saved '))
        self.assertEqual(holder.ask('count'), 'count 2')
        self.cli('child', 'list')
        self.assertTrue(holder.ask('add 王三').startswith('saved '))
        holder.kill()
        self.assertEqual(self.names(), sorted(['张一', '李二', '王三']))
        self.assert_sound()

    def test_cli_writes_while_window_holds_store(self):
        holder = Holder(self.db, self.env)
        self.assertTrue(holder.ask('add 张一').startswith('saved '))
        fixture = os.path.join(os.environ['G_TEST_SRCDIR'], 'data', 'child-complete.json')
        p = subprocess.run([CLI, '--db', self.db, 'child', 'add', '--draft', fixture],
                           capture_output=True, text=True, env=self.env, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        # the window's first connection sees what the other program wrote
        self.assertEqual(holder.ask('count'), 'count 2')
        self.assertTrue(holder.ask('add 李二').startswith('saved '))
        holder.kill()
        self.assertEqual(len(self.names()), 3)
        self.assert_sound()

    def test_file_chooser_beside_the_store(self):
        # a file dialog of the window shows the store's folder: GIO reads the
        # first bytes of the database, its log and its shared memory to tell
        # their types, with descriptors it closes (which drops this process's
        # locks); tongxing-cli then runs: nothing may be lost
        holder = Holder(self.db, self.env)
        self.assertTrue(holder.ask('add 张一').startswith('saved '))
        self.assertEqual(holder.ask('look'), 'looked')
        self.cli('child', 'list')
        self.assertTrue(os.path.exists(self.db + '-wal'), 'the other program deleted the log')
        fixture = os.path.join(os.environ['G_TEST_SRCDIR'], 'data', 'child-complete.json')
        self.cli('child', 'add', '--draft', fixture)
        self.assertTrue(holder.ask('add 李二').startswith('saved '))
        self.assertEqual(holder.ask('count'), 'count 3')
        holder.kill()
        self.assertEqual(len(self.names()), 3)
        self.assert_sound()

    def test_store_file_is_private(self):
        holder = Holder(self.db, self.env)
        holder.ask('add 张一')
        for suffix in ('', '-wal', '-shm'):
            mode = os.stat(self.db + suffix).st_mode & 0o777
            self.assertEqual(mode, 0o600, f'{self.db}{suffix} is {oct(mode)}')
        holder.kill()


if __name__ == '__main__':
    txtest.main()
