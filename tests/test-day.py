#!/usr/bin/python3
# tests/test-day.py — a supervisor's first working day, a power cut, the next morning
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs tests/gui/test-day (the real window, under the X server this test is
# started in by xvfb-run) from an empty database through the first-run
# setup, a registration fixed from its problem list, a search, tongxing-cli
# on the same store meanwhile, a visit from the calendar, the month's visit
# log and ledger, and an exchange file for the county; then cuts the power
# (SIGKILL) while a form is being typed. What was saved must be there, the
# file sound, the outputs readable by independent readers, the county able
# to take the file; and the next morning the window offers the typing back.

import json
import os
import signal
import subprocess
import sys
import tempfile
import unittest

import txtest

DAY = sys.argv.pop(1)
CLI = sys.argv.pop(1)


class Day(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, 'data', 'tongxing.db')
        self.out = os.path.join(self.tmp.name, 'out')
        os.makedirs(self.out)
        self.env = dict(os.environ)
        self.env.pop('TONGXING_DB', None)
        self.env['LANGUAGE'] = 'zh_CN'
        # the supervisor the window's first run makes logs in here too
        self.env['TONGXING_USER'] = '李春梅'

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, db=None):
        p = subprocess.run([CLI, '--db', db or self.db] + list(args), capture_output=True, text=True,
                           env=self.env, timeout=120)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stderr}')
        return p.stdout

    def test_first_working_day(self):
        day = subprocess.Popen([DAY, 'first', self.db, CLI, self.out], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=self.env)
        said = []
        fingerprint = None
        try:
            for line in day.stdout:
                said.append(line.rstrip('\n'))
                print(line, end='', flush=True)
                if line.startswith('fingerprint '):
                    fingerprint = line.split()[1]
                if line.strip() == 'ready for the power cut':
                    break
            else:
                day.wait(timeout=30)
                self.fail('the day ended before the power cut:\n' + '\n'.join(said[-30:]))
        finally:
            # the power cut
            if day.poll() is None:
                day.send_signal(signal.SIGKILL)
            day.wait(timeout=30)
        self.assertEqual(day.returncode, -signal.SIGKILL)

        # what was saved is there, the file sound
        with txtest.connect(self.db, self.env) as db:
            self.assertEqual(db.execute('PRAGMA integrity_check').fetchall(), [('ok',)])
        children = {c['name']: c for c in json.loads(self.cli('child', 'list', '--json', '--limit', '50'))}
        self.assertEqual(sorted(children), ['张小明', '李可'])
        first = children['张小明']
        self.assertEqual(first['status'], 'complete')
        self.assertTrue(first['key_care'])
        self.assertGreater(first['next_visit_due'], '2026-11-25', 'the visit moved the next one on')
        visits = json.loads(self.cli('visit', 'list', '--child', first['id']))
        self.assertEqual(len(visits), 1)
        self.assertEqual(visits[0]['visitor'], '李春梅')
        record = json.loads(self.cli('child', 'get', first['id']))
        self.assertEqual(record['contact_phone'], '13844556677')
        self.assertEqual(record['child_permit'], 'issued')

        # the outputs, read by other programs
        text = subprocess.run(['pdftotext', '-layout', os.path.join(self.out, 'visits.pdf'), '-'],
                              capture_output=True, text=True, check=True).stdout
        self.assertIn('张小明', text)
        self.assertIn('李春梅', text)
        import openpyxl
        book = openpyxl.load_workbook(os.path.join(self.out, 'ledger.xlsx'), read_only=True)
        cells = {str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c}
        self.assertIn('张小明', cells)
        self.assertIn('李可', cells)

        # the county takes the exchange file
        county = os.path.join(self.out, 'county.db')
        self.assertIsNotNone(fingerprint)
        self.cli('station', 'trust', os.path.join(self.out, 'township.identity'), '--fingerprint',
                 fingerprint, db=county)
        self.cli('bundle', 'import', os.path.join(self.out, 'to-county.txb'), db=county)
        at_county = {c['name'] for c in json.loads(self.cli('child', 'list', '--json', db=county))}
        self.assertEqual(at_county, {'张小明', '李可'})

        # the next morning
        morning = subprocess.run([DAY, 'morning', self.db, CLI, self.out], capture_output=True, text=True,
                                 env=self.env, timeout=300)
        print(morning.stdout, morning.stderr)
        self.assertEqual(morning.returncode, 0, morning.stdout + morning.stderr)
        children = {c['name'] for c in json.loads(self.cli('child', 'list', '--json', '--limit', '50'))}
        self.assertEqual(children, {'张小明', '李可', '王小红'})


if __name__ == '__main__':
    txtest.main()
