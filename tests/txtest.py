# tests/txtest.py — shared by the Python tests
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys
import unittest


def main():
    """Runs the tests of __main__ and ends with an 'N passed, N failed' line."""
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2)
    result = unittest.main(argv=[sys.argv[0]], testRunner=runner, exit=False).result
    failed = len(result.failures) + len(result.errors)
    print(f'{result.testsRun - failed} passed, {failed} failed')
    sys.exit(0 if result.wasSuccessful() else 1)
