# tests/txtest.py — shared by the Python tests
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import signal
import subprocess
import sys
import unittest


class CliStore(unittest.TestCase):
    """Tests of tongxing-cli on one store of the class's: cls.cli and cls.db are set by the test."""
    cli = None
    db = None

    @classmethod
    def run_cli(cls, *args, input=None, language='zh_CN'):
        env = dict(os.environ, LANGUAGE=language)
        return subprocess.run([cls.cli, '--db', cls.db] + list(args), input=input, capture_output=True,
                              text=True, env=env, timeout=120)

    @classmethod
    def run_ok(cls, *args, input=None, language='zh_CN'):
        p = cls.run_cli(*args, input=input, language=language)
        if p.returncode != 0:
            raise AssertionError(f'{args}: {p.stderr}')
        return p


class CliCase(unittest.TestCase):
    """Tests of tongxing-cli, each on a store of its own: the class sets cli, setUp self.db and self.env."""
    cli = None

    def run_cli(self, *args, input=None, env=None, db=None):
        return subprocess.run([self.cli, '--db', db or self.db] + list(args), input=input, capture_output=True,
                              text=True, env=env or self.env, timeout=300)

    def ok(self, *args, **kw):
        p = self.run_cli(*args, **kw)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stderr}')
        return p


class Holder:
    """tests/tools/tx-store-holder (@program): a store held open as the window holds it"""

    def __init__(self, program, db, env):
        self.p = subprocess.Popen([program, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, env=env)
        assert self.p.stdout.readline().strip() == 'ready'

    def ask(self, line):
        self.p.stdin.write(line + '\n')
        self.p.stdin.flush()
        return self.p.stdout.readline().strip()

    def kill(self):
        self.p.send_signal(signal.SIGKILL)
        self.p.wait()

    def quit(self):
        self.p.stdin.write('quit\n')
        self.p.stdin.close()
        self.p.wait(timeout=60)


def sql(db, query, *params, env=None):
    """Rows of a query on an encrypted store (tests/tools/tx-sql), as lists; @env: whose login."""
    import json
    p = subprocess.run([os.environ['TX_SQL'], db, query] + [str(x) if x is not None else '\\N' for x in params],
                       capture_output=True, text=True, timeout=120, env=env)
    if p.returncode != 0:
        raise AssertionError(f'tx-sql {query}: {p.stderr}')
    return [json.loads(line) for line in p.stdout.splitlines() if line]


class _Rows:
    def __init__(self, rows):
        self.rows = [tuple(r) for r in rows]

    def fetchall(self):
        return self.rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def __iter__(self):
        return iter(self.rows)


class connect:
    """What the tests used of Python's sqlite3 on a store, through tx-sql (the stores are encrypted):
    each execute() runs in a process of its own and commits."""

    def __init__(self, db, env=None):
        self.db = db
        self.env = env

    def execute(self, query, params=()):
        return _Rows(sql(self.db, query, *params, env=self.env))

    def commit(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def digest(db):
    """A hash of every table of the store except the audit trail's."""
    p = subprocess.run([os.environ['TX_SQL'], '--digest', db], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError(f'tx-sql --digest: {p.stderr}')
    return p.stdout.strip()


def main():
    """Runs the tests of __main__ and ends with an 'N passed, N failed' line."""
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2)
    result = unittest.main(argv=[sys.argv[0]], testRunner=runner, exit=False).result
    failed = len(result.failures) + len(result.errors)
    print(f'{result.testsRun - failed} passed, {failed} failed')
    sys.exit(0 if result.wasSuccessful() else 1)
