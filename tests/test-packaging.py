#!/usr/bin/python3
# tests/test-packaging.py — what a release needs besides code
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Chinese translation is complete, every source file with translatable
# strings is in po/POTFILES.in, and the Flatpak manifest is sound.

import json
import os
import re
import subprocess
import sys
import unittest

import txtest

TOP = os.path.abspath(os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(__file__)), '..'))
APP_ID = 'io.github.tongxing.Tongxing'


class Packaging(unittest.TestCase):
    def test_translation_complete(self):
        p = subprocess.run(['msgfmt', '--check', '--statistics', '-o', '/dev/null',
                            os.path.join(TOP, 'po', 'zh_CN.po')],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn('untranslated', p.stderr)
        self.assertNotIn('fuzzy', p.stderr)

    def test_translation_covers_sources(self):
        # every msgid xgettext finds in POTFILES must be in zh_CN.po
        with open(os.path.join(TOP, 'po', 'POTFILES.in'), encoding='utf-8') as f:
            files = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        p = subprocess.run(['xgettext', '--from-code=UTF-8', '--keyword=_', '--keyword=N_',
                            '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                            '--keyword=g_dngettext:2,3', '-o', '-'] + files,
                           cwd=TOP, capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        pot = subprocess.run(['msgcmp', '--use-untranslated', os.path.join(TOP, 'po', 'zh_CN.po'), '-'],
                             input=p.stdout, capture_output=True, text=True)
        self.assertEqual(pot.returncode, 0, 'po/zh_CN.po lacks messages:\n' + pot.stderr)

    def test_potfiles_lists_every_translatable_file(self):
        with open(os.path.join(TOP, 'po', 'POTFILES.in'), encoding='utf-8') as f:
            listed = {l.strip() for l in f if l.strip() and not l.startswith('#')}
        for root, _, names in os.walk(os.path.join(TOP, 'src')):
            for name in names:
                if not name.endswith('.c'):
                    continue
                path = os.path.relpath(os.path.join(root, name), TOP)
                with open(os.path.join(TOP, path), encoding='utf-8') as f:
                    text = f.read()
                if re.search(r'\b(N?_|C_)\s*\(\s*"', text):
                    self.assertIn(path, listed)

    def test_flatpak_manifest(self):
        with open(os.path.join(TOP, 'flatpak', APP_ID + '.json'), encoding='utf-8') as f:
            m = json.load(f)
        self.assertEqual(m['app-id'], APP_ID)
        names = [mod['name'] for mod in m['modules']]
        self.assertEqual(names[-1], 'tongxing')
        for dep in ('libsodium', 'libxlsxwriter', 'libgsf', 'freexl'):
            self.assertIn(dep, names)
        self.assertNotIn('--share=network', m.get('finish-args', []))


if __name__ == '__main__':
    txtest.main()
