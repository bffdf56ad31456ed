#!/usr/bin/python3
# tests/test-sync-restore.py — a township restored from a backup older than the county's last import
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A county and a township, each a store of its own, through tongxing-cli
# (docs/recovery.md). The township backs up, works on, sends a file the
# county imports, and then restores the older backup: it keeps its
# identity. Its files are taken by the county without anyone choosing a
# number, what it had sent the county since the backup comes back to it,
# and its audit trail goes on at the county as a branch from the last
# entry both had, proved on both sides. A second restore in a row; a
# township that sends first after its restore; a full file asked for at
# once; a file of the county's imported after the backup; and a backup
# newer than the county's last import, which needs none of it and says
# nothing.

import json
import os
import sys
import tempfile
import unittest

import txsync
from txsync import Station, exchange

txsync.CLI = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')

TOWNSHIP = '220102001'    # 南岭街道
RESTORED = 'restored from a backup older than the last exchange file'


class Restore(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.county = Station(self.dir, 'county')
        self.town = Station(self.dir, 'nanling', township=TOWNSHIP)
        self.county.trust(self.town)
        self.town.trust(self.county)
        self.town.ok('demo', '--children', '20')
        self.cid = self.add(self.town)
        exchange(self.county, [self.town])

    def tearDown(self):
        self.tmp.cleanup()

    def add(self, station, **changes):
        with open(FIXTURE, encoding='utf-8') as f:
            record = json.load(f)
        record.update(changes)
        return station.ok('child', 'add', '-', input=json.dumps(record)).stdout.strip()

    def backup(self):
        made = json.loads(self.town.ok('backup', 'now', '--json').stdout)
        self.assertEqual(len(made), 1)
        return made[0]['path']

    def restore(self, path):
        self.town.ok('backup', 'restore', path, '--yes')

    def has(self, station, cid):
        return station.run('child', 'get', cid).returncode == 0

    def phone(self, station, cid):
        return station.child(cid)['contact_phone']

    def station_row(self, at, other):
        return {s['id']: s for s in json.loads(at.ok('station', 'list', '--json').stdout)}[other.id]

    def verified(self):
        """The trail proves itself at the township, and the township's at the county, and the county's own"""
        self.town.ok('audit', 'verify')
        self.county.ok('audit', 'verify')
        return self.county.ok('audit', 'verify', '--station', self.town.id).stdout

    def forks(self):
        return json.loads(self.county.ok('audit', 'list', '--json', '--kind', 'audit.fork').stdout)

    def work_then_restore(self):
        """Backs up, adds a child and sends it, the county imports; the older backup restored.
        Returns the child the township lost."""
        path = self.backup()
        later = self.add(self.town, name='王小红', id_number='11010120180514123X')
        self.town.edit(self.cid, remarks='已转学')
        self.county.take(self.town.bundle_for(self.county))
        self.assertTrue(self.has(self.county, later))
        self.restore(path)
        self.assertFalse(self.has(self.town, later))
        return path, later

    def test_restored_from_an_older_backup(self):
        path, later = self.work_then_restore()
        imported = self.station_row(self.county, self.town)['last_imported']

        # the county's next file tells the township how far it is; the township says so in words
        got = self.town.take(self.county.bundle_for(self.town))
        self.assertIn(RESTORED, got.get('warning', ''))
        self.assertIn(f'its next file continues from {imported + 1}', got['warning'])
        self.assertEqual(self.station_row(self.town, self.county)['last_exported'], imported)

        # the township's next file is taken, its change with it, and its trail goes on as a branch
        self.town.edit(self.cid, contact_phone='13911112222')
        took = self.county.take(self.town.bundle_for(self.county))
        self.assertIn('restored from a backup', took.get('warning', ''))
        self.assertEqual(self.phone(self.county, self.cid), '13911112222')
        self.assertEqual(self.station_row(self.county, self.town)['last_imported'], imported + 1)
        forks = self.forks()
        self.assertEqual(len(forks), 1)
        self.assertIn('1 branch', self.verified())

        # the county's next file holds everything, what the township sent since the backup too
        back = self.town.take(self.county.bundle_for(self.town))
        self.assertTrue(back['full'])
        self.assertNotIn('warning', back)
        self.assertTrue(self.has(self.town, later))
        self.assertEqual(self.phone(self.town, self.cid), '13911112222')
        self.verified()

        # and exchange goes on both ways, saying nothing
        self.town.edit(self.cid, school_name='南岭第二小学')
        self.county.edit(later, contact_phone='13722223333')
        took = self.county.take(self.town.bundle_for(self.county))
        self.assertNotIn('warning', took)
        got = self.town.take(self.county.bundle_for(self.town))
        self.assertNotIn('warning', got)
        self.assertFalse(got['full'])
        self.assertEqual(self.town.child(self.cid)['school_name'], '南岭第二小学')
        self.assertEqual(self.county.child(self.cid)['school_name'], '南岭第二小学')
        self.assertEqual(self.phone(self.town, later), '13722223333')
        self.assertEqual(len(self.forks()), 1)
        self.verified()

    def test_second_restore_in_a_row_sending_first(self):
        path, later = self.work_then_restore()
        exchange(self.county, [self.town])
        self.assertTrue(self.has(self.town, later))
        self.town.edit(self.cid, contact_phone='13911112222')
        self.county.take(self.town.bundle_for(self.county))

        # the same old backup again; this time the township sends first, numbered from the backup
        self.restore(path)
        self.assertFalse(self.has(self.town, later))
        self.town.edit(self.cid, remarks='第二次恢复后')
        took = self.county.take(self.town.bundle_for(self.county))
        self.assertIn('restored from a backup', took.get('warning', ''))
        self.assertEqual(self.county.child(self.cid)['remarks'], '第二次恢复后')
        self.assertEqual(len(self.forks()), 2)
        self.assertIn('2 branches', self.verified())

        # the county's answer renumbers the township and brings everything back in one file
        got = self.town.take(self.county.bundle_for(self.town))
        self.assertIn(RESTORED, got.get('warning', ''))
        self.assertTrue(self.has(self.town, later))
        self.assertEqual(self.phone(self.town, self.cid), '13911112222')
        self.assertEqual(self.town.child(self.cid)['remarks'], '第二次恢复后')
        took = self.county.take(self.town.bundle_for(self.county))
        self.assertNotIn('warning', took)
        exchange(self.county, [self.town])
        self.verified()

    def test_a_full_file_brings_back_at_once(self):
        path, later = self.work_then_restore()
        got = self.town.take(self.county.bundle_for(self.town, full=True))
        self.assertIn(RESTORED, got['warning'])
        self.assertNotIn('comes back with the next exchange file', got['warning'])
        self.assertTrue(self.has(self.town, later))
        self.town.edit(self.cid, contact_phone='13911112222')
        self.county.take(self.town.bundle_for(self.county))
        self.assertEqual(self.phone(self.county, self.cid), '13911112222')
        self.verified()

    def test_a_county_file_imported_after_the_backup(self):
        """The county's change came in a file the township imported after its backup, and the township sent
        nothing since: the county's next file holds it again, as the township never acknowledged it"""
        path = self.backup()
        self.county.edit(self.cid, contact_phone='13800001111')
        self.town.take(self.county.bundle_for(self.town))
        self.assertEqual(self.phone(self.town, self.cid), '13800001111')
        self.restore(path)
        self.assertNotEqual(self.phone(self.town, self.cid), '13800001111')
        got = self.town.take(self.county.bundle_for(self.town))
        self.assertNotIn(RESTORED, got.get('warning', ''))
        self.assertEqual(self.phone(self.town, self.cid), '13800001111')
        self.town.edit(self.cid, remarks='恢复后')
        took = self.county.take(self.town.bundle_for(self.county))
        self.assertNotIn('warning', took)
        self.assertEqual(self.county.child(self.cid)['remarks'], '恢复后')
        self.assertEqual(self.forks(), [])
        self.verified()

    def test_a_backup_newer_than_the_last_import_says_nothing(self):
        path = self.backup()
        self.restore(path)
        got = self.town.take(self.county.bundle_for(self.town))
        self.assertNotIn('warning', got)
        self.town.edit(self.cid, contact_phone='13911112222')
        took = self.county.take(self.town.bundle_for(self.county))
        self.assertNotIn('warning', took)
        self.assertEqual(self.phone(self.county, self.cid), '13911112222')
        self.assertEqual(self.forks(), [])
        self.verified()


if __name__ == '__main__':
    unittest.main(verbosity=2)
