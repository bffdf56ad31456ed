# tests/txtest.py — shared by the Python tests
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
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


def main():
    """Runs the tests of __main__ and ends with an 'N passed, N failed' line."""
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2)
    result = unittest.main(argv=[sys.argv[0]], testRunner=runner, exit=False).result
    failed = len(result.failures) + len(result.errors)
    print(f'{result.testsRun - failed} passed, {failed} failed')
    sys.exit(0 if result.wasSuccessful() else 1)
