#!/usr/bin/python3
# tests/test-sync.py — stations exchanging signed bundles, through tongxing-cli
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A county and two of its townships, each a store of its own. Convergence is
# checked by comparing `sync dump` (every synced record with its field
# versions); a refused bundle must leave the store's file byte for byte as
# it was. Signatures are checked with minisign, not with our own code.

import itertools
import json
import os
import subprocess
import sys
import tempfile
import unittest

import txsync
import txtest
from txsync import Station, exchange

txsync.CLI = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')


class Sync(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.county = Station(self.dir, 'county')
        self.a = Station(self.dir, 'nanling', township='220102001')
        # a second workstation of the same township, as a director's office PC
        self.b = Station(self.dir, 'yongji', township='220102001')
        for t in (self.a, self.b):
            self.county.trust(t)
            t.trust(self.county)

    def tearDown(self):
        self.tmp.cleanup()

    def fixture(self):
        with open(FIXTURE, encoding='utf-8') as f:
            return json.load(f)

    def test_identity(self):
        with open(self.a.identity, encoding='utf-8') as f:
            text = f.read()
        self.assertIn(self.a.fingerprint, text)
        self.assertRegex(self.a.fingerprint, r'^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$')
        # the secret keys are in the encrypted store, not in a file beside it
        self.assertFalse(os.path.exists(self.a.db + '.key'))
        secret = txtest.sql(self.a.db, "SELECT CAST(value AS TEXT) FROM secret WHERE name = 'station-keys'")[0][0]
        self.assertNotIn(secret.split('sign: ')[1].split()[0], text, 'no secret key in the identity')
        listed = json.loads(self.county.ok('station', 'list', '--json').stdout)
        self.assertEqual(sorted(s['id'] for s in listed), sorted([self.a.id, self.b.id]))
        # a check code that does not match is refused, and the refusal never
        # tells the file's code: it could be copied, and the phone call
        # would check nothing (issue 12 item 8)
        stranger = Station(self.dir, 'stranger', township='220102003')
        p = self.county.run('station', 'trust', stranger.identity, '--fingerprint', 'AAAA-BBBB-CCCC-DDDD')
        self.assertEqual(p.returncode, 1)
        self.assertIn('does not match', p.stderr)
        self.assertIn('Phone the other station', p.stderr)
        for part in stranger.fingerprint.split('-'):
            self.assertNotIn(part, p.stderr + p.stdout)
        listed = json.loads(self.county.ok('station', 'list', '--json').stdout)
        self.assertNotIn(stranger.id, [s['id'] for s in listed])

    def test_round_trip(self):
        cid = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        self.a.ok('demo', '--children', '20')
        result = self.county.take(self.a.bundle_for(self.county))
        self.assertEqual(result['result']['added'], 21 + result['result']['visits'] + result['result']['urgent_cases'])
        self.assertEqual(self.county.child(cid)['name'], '张小明')
        # the county corrects the phone; the township gets it back
        self.county.edit(cid, contact_phone='13800001111')
        back = self.county.bundle_for(self.a)
        self.a.take(back)
        self.assertEqual(self.a.child(cid)['contact_phone'], '13800001111')
        self.assertEqual(self.a.dump(), self.county.dump())
        # acknowledged: the next bundle from the township carries only what changed since
        self.a.edit(cid, school_name='南岭第二小学')
        info = json.loads(self.a.ok('bundle', 'inspect', self.a.bundle_for(self.county)).stdout)
        self.assertEqual(info['counts']['children'], 1)
        self.assertEqual(info['counts']['visits'], 0)

    def test_parents_key_care_travels(self):
        # issue 12 item 7: both parents in compulsory drug rehabilitation
        rehab = self.fixture()
        rehab.update(father_status='drug_rehab', mother_status='drug_rehab', guardianship='good',
                     guardianship_problem=[], key_care_reasons=[])
        cid = self.a.ok('child', 'add', '-', input=json.dumps(rehab)).stdout.strip()
        # a father in prison and a mother disabled: 事实无人抚养 ticked by hand
        maybe = self.fixture()
        maybe.update(name='李小红', id_number='11010120180514123X', father_status='imprisoned',
                     mother_status='disabled', guardianship='average', guardianship_problem=[],
                     key_care_reasons=['unsupported'])
        mid = self.a.ok('child', 'add', '-', input=json.dumps(maybe)).stdout.strip()
        visit = {'child_id': cid, 'date': '2026-10-12', 'visitor': '李春梅', 'kind': 'home'}
        self.a.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False))
        here = self.a.child(cid)
        self.assertEqual(here['key_care_reasons'], ['unsupported', 'parent_detained'])
        self.assertEqual(here['next_visit_due'], '2026-10-27', 'visited as a key-care child')

        # the import counts in children and visits, as a person does
        said = self.county.ok('bundle', 'import', self.a.bundle_for(self.county)).stderr
        self.assertIn('2 new children; 1 new visit record.', said)
        there = self.county.child(cid)
        self.assertEqual(there['key_care_reasons'], ['unsupported', 'parent_detained'])
        self.assertTrue(there['key_care'])
        self.assertEqual(there['next_visit_due'], '2026-10-27')
        self.assertEqual(self.county.child(mid)['key_care_reasons'], ['unsupported', 'parent_detained'])
        self.assertEqual(self.a.dump(), self.county.dump())

        # the mother recovers at the county: the tick by hand goes at both stations
        self.county.edit(mid, mother_status='normal')
        self.a.take(self.county.bundle_for(self.a))
        self.assertEqual(self.a.child(mid)['key_care_reasons'], ['parent_detained'])
        self.assertEqual(self.a.dump(), self.county.dump())

    def test_township_gets_its_own_children(self):
        mine = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        self.county.take(self.a.bundle_for(self.county))
        other = self.fixture()
        other.update(name='李小红', id_number='11010120180514123X', residence_division='220102002001',
                     residence_address='北安社区5号')
        elsewhere = self.county.ok('child', 'add', '-', input=json.dumps(other)).stdout.strip()
        self.county.ok('child', 'delete', mine)
        bundle = self.county.bundle_for(self.a)
        info = json.loads(self.a.ok('bundle', 'inspect', bundle).stdout)
        # the township's deleted child's tombstone, not the other township's child
        self.assertEqual(info['counts']['children'], 1)
        self.assertEqual(info['counts']['tombstones'], 1)
        self.a.take(bundle)
        self.assertEqual(self.a.run('child', 'get', elsewhere).returncode, 1)
        self.assertEqual(self.a.run('child', 'get', mine).returncode, 1)
        self.assertNotIn('李小红', self.a.dump())

    def test_minisign_verifies(self):
        self.a.ok('child', 'add', FIXTURE)
        bundle = self.a.bundle_for(self.county)
        out = os.path.join(self.dir, 'extracted')
        info = json.loads(self.county.ok('bundle', 'inspect', bundle, '--extract', out).stdout)
        self.assertEqual(info['signature'], 'valid')
        p = subprocess.run(['minisign', '-Vm', os.path.join(out, 'signed.bin'), '-p', self.a.pub],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn('Signature and comment signature verified', p.stdout + p.stderr)
        # and minisign sees a change of one byte
        with open(os.path.join(out, 'signed.bin'), 'r+b') as f:
            f.seek(40)
            byte = f.read(1)
            f.seek(40)
            f.write(bytes([byte[0] ^ 1]))
        p = subprocess.run(['minisign', '-Vm', os.path.join(out, 'signed.bin'), '-p', self.a.pub],
                           capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0)

    def test_crossing_edits_converge_in_every_order(self):
        cid = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        exchange(self.county, [self.a, self.b])
        self.assertEqual(self.b.child(cid)['name'], '张小明')
        # different fields at each station, and one field at both townships
        self.a.edit(cid, contact_phone='13811112222', remarks='南岭改')
        self.b.edit(cid, school_name='永吉小学', remarks='永吉改')
        self.county.edit(cid, housing='owned')
        bundles = [self.a.bundle_for(self.county), self.b.bundle_for(self.county)]
        dumps = set()
        for n, order in enumerate(itertools.permutations(range(2))):
            folder = os.path.join(self.dir, f'order{n}')
            os.mkdir(folder)
            county, a, b = (s.copy_to(folder) for s in (self.county, self.a, self.b))
            for i in order:
                county.take(bundles[i])
            # the county's merged record goes back, and each township's answer comes again
            to_a, to_b = county.bundle_for(a), county.bundle_for(b)
            for t, bundle in ((b, to_b), (a, to_a)) if n else ((a, to_a), (b, to_b)):
                t.take(bundle)
            exchange(county, [b, a] if n else [a, b])
            d = {s.dump() for s in (county, a, b)}
            self.assertEqual(len(d), 1, f'the three stores differ after order {order}')
            dumps |= d
            merged = county.child(cid)
            self.assertEqual(merged['contact_phone'], '13811112222')
            self.assertEqual(merged['school_name'], '永吉小学')
            self.assertEqual(merged['housing'], 'owned')
            self.assertIn(merged['remarks'], ('南岭改', '永吉改'))
            # the value not kept waits for a person at the county
            conflicts = json.loads(county.ok('conflicts', 'list', '--json').stdout)
            self.assertEqual([c['field'] for c in conflicts], ['remarks'])
            self.assertEqual({conflicts[0]['mine'], conflicts[0]['theirs']}, {'南岭改', '永吉改'})
        self.assertEqual(len(dumps), 1, 'every order ends in the same store')

    def test_conflict_resolved_travels(self):
        cid = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        exchange(self.county, [self.a])
        self.a.edit(cid, remarks='乡镇的备注')
        self.county.edit(cid, remarks='县里的备注')
        result = self.county.take(self.a.bundle_for(self.county))
        self.assertEqual(result['result']['conflicts'], 1)
        conflicts = json.loads(self.county.ok('conflicts', 'list', '--json').stdout)
        self.assertEqual(len(conflicts), 1)
        c = conflicts[0]
        self.assertEqual((c['field'], c['mine'], c['theirs']), ('remarks', '县里的备注', '乡镇的备注'))
        # the county keeps its own: that becomes the latest change, everywhere
        self.county.ok('conflicts', 'resolve', str(c['id']), '--keep', 'mine')
        self.assertEqual(json.loads(self.county.ok('conflicts', 'list', '--json').stdout), [])
        exchange(self.county, [self.a])
        self.assertEqual(self.a.child(cid)['remarks'], '县里的备注')
        self.assertEqual(self.a.dump(), self.county.dump())
        self.assertEqual(self.county.run('conflicts', 'resolve', str(c['id']), '--keep', 'mine').returncode, 1)

    def test_tombstones(self):
        older = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        exchange(self.county, [self.a, self.b])
        # an edit made before the deletion loses to it
        self.b.edit(older, remarks='删除前的修改')
        self.a.ok('child', 'delete', older)
        self.county.take(self.a.bundle_for(self.county))
        self.county.take(self.b.bundle_for(self.county))
        exchange(self.county, [self.a, self.b])
        for s in (self.county, self.a, self.b):
            self.assertEqual(s.run('child', 'get', older).returncode, 1)
        self.assertEqual(self.a.dump(), self.county.dump())
        self.assertEqual(self.b.dump(), self.county.dump())
        self.assertNotIn('张小明', self.county.dump(), 'a tombstone keeps nothing personal')

        # an edit made after the deletion wins over it
        record = self.fixture()
        record['id_number'] = '11010120180514123X'
        record['name'] = '王小红'
        newer = self.a.ok('child', 'add', '-', input=json.dumps(record)).stdout.strip()
        exchange(self.county, [self.a, self.b])
        self.a.ok('child', 'delete', newer)
        self.b.edit(newer, remarks='删除后的修改')
        self.county.take(self.a.bundle_for(self.county))
        self.county.take(self.b.bundle_for(self.county))
        exchange(self.county, [self.a, self.b])
        for s in (self.county, self.a, self.b):
            self.assertEqual(s.child(newer)['remarks'], '删除后的修改')
            self.assertEqual(s.child(newer)['name'], '王小红')
        self.assertEqual(self.a.dump(), self.county.dump())

    def test_same_id_number_at_two_stations(self):
        one = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        two = self.b.ok('child', 'add', FIXTURE).stdout.strip()
        self.county.take(self.a.bundle_for(self.county))
        result = self.county.take(self.b.bundle_for(self.county))
        self.assertEqual(result['result']['duplicates'], 1)
        dups = json.loads(self.county.ok('duplicates', 'list', '--json').stdout)
        self.assertEqual(len(dups), 1)
        self.assertEqual({dups[0]['a'], dups[0]['b']}, {one, two})
        # settled as one child: the other record goes, everywhere
        self.county.ok('duplicates', 'resolve', str(dups[0]['id']), '--keep', one)
        exchange(self.county, [self.a, self.b])
        for s in (self.county, self.a, self.b):
            self.assertEqual(s.child(one)['name'], '张小明')
            self.assertEqual(s.run('child', 'get', two).returncode, 1)
        self.assertEqual(json.loads(self.county.ok('duplicates', 'list', '--json').stdout), [])
        self.assertEqual(self.b.dump(), self.county.dump())

    def assert_refused(self, station, path, key):
        before = station.file_hash()
        dump = station.dump()
        p = station.run('bundle', 'import', path)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertTrue(p.stderr.startswith(key + ': '), f'{key}: {p.stderr}')
        self.assertEqual(station.file_hash(), before, 'a refused bundle changes nothing')
        self.assertEqual(station.dump(), dump)
        return p.stderr

    def test_refusals(self):
        self.a.ok('child', 'add', FIXTURE)
        self.a.ok('demo', '--children', '5')
        good = self.a.bundle_for(self.county)
        with open(good, 'rb') as f:
            data = f.read()
        messages = {}

        def variant(name, content):
            path = os.path.join(self.dir, name)
            with open(path, 'wb') as f:
                f.write(content)
            return path

        # every byte of the head and header, and bytes of the payload and signature
        head_len = 16 + int.from_bytes(data[12:16], 'little') + 8
        sig_len = int.from_bytes(data[-12:-8], 'little')
        positions = list(range(head_len))
        positions += list(range(head_len, len(data) - 12 - sig_len, max(1, (len(data) - head_len) // 60)))
        positions += list(range(len(data) - 12 - sig_len, len(data)))
        flipped = bytearray(data)
        for i in positions:
            flipped[i] ^= 0x01
            path = variant('flipped.txb', bytes(flipped))
            p = self.county.run('bundle', 'import', path)
            self.assertEqual(p.returncode, 1, f'a flip at byte {i} was imported')
            flipped[i] ^= 0x01
        messages['flip'] = self.assert_refused(self.county, variant('one-flip.txb', bytes(flipped[:100]) +
                                                                   bytes([flipped[100] ^ 1]) + bytes(flipped[101:])),
                                               'signature')
        # cut short anywhere
        for cut in list(range(0, len(data), max(1, len(data) // 40))) + [len(data) - 1]:
            p = self.county.run('bundle', 'import', variant('cut.txb', data[:cut]))
            self.assertEqual(p.returncode, 1, f'a bundle cut at {cut} was imported')
        messages['cut'] = self.assert_refused(self.county, variant('cut.txb', data[:len(data) // 2]), 'file')
        messages['not'] = self.assert_refused(self.county, variant('note.txt', '这不是数据包'.encode()), 'file')

        # for another station: signed by a trusted station, but not for us
        to_b = self.county.bundle_for(self.b)
        messages['recipient'] = self.assert_refused(self.a, to_b, 'recipient')
        # unknown key
        stranger = Station(self.dir, 'stranger', township='220102003')
        stranger.trust(self.county)
        messages['unknown'] = self.assert_refused(self.county, stranger.bundle_for(self.county), 'signature')
        # imported once; the second time, and an older one, change nothing
        self.county.take(good)
        messages['replay'] = self.assert_refused(self.county, good, 'sequence')
        skipped = self.a.bundle_for(self.county)
        self.county.take(self.a.bundle_for(self.county))
        messages['older'] = self.assert_refused(self.county, skipped, 'sequence')
        # revoked
        late = self.a.bundle_for(self.county)
        self.county.ok('station', 'revoke', self.a.id)
        messages['revoked'] = self.assert_refused(self.county, late, 'signature')
        self.assertEqual(len(set(messages.values())), len(messages), 'each refusal says its own reason')
        self.assertIn('nanling', messages['revoked'])

    def test_large_bundle_builds_the_indexes_again(self):
        """A bundle bringing more children and visits than a store has (a county's first) drops
        their indexes and builds them at the end: they must be there after, every one as the
        schema has it, and the schedule and urgent marks right."""
        self.a.ok('demo', '--children', '10000')
        bundle = self.a.bundle_for(self.county)
        info = json.loads(self.county.ok('bundle', 'inspect', bundle).stdout)
        self.assertGreaterEqual(info['counts']['children'], 10000)
        self.assertGreaterEqual(info['counts']['visits'], 100000)
        self.county.take(bundle)
        schema = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"
        db_a = txtest.connect(self.a.db)
        db = txtest.connect(self.county.db)
        indexes = db.execute(schema).fetchall()
        self.assertEqual(indexes, db_a.execute(schema).fetchall())
        self.assertTrue({'visit_child', 'visit_date', 'child_next_visit', 'child_sort'} <=
                        {name for name, _ in indexes})
        self.assertEqual(db.execute('PRAGMA integrity_check').fetchone()[0], 'ok')
        self.assertEqual(db.execute('SELECT count(*) FROM visit').fetchone()[0], info['counts']['visits'])
        derived = 'SELECT uuid, last_home_visit, next_visit_due, urgent, complete, sort_key FROM child ORDER BY uuid'
        self.assertEqual(db.execute(derived).fetchall(), db_a.execute(derived).fetchall())
        db.close()
        db_a.close()
        due_a = json.loads(self.a.ok('visits', 'due', '--month', '2026-12', '--json').stdout)
        due_c = json.loads(self.county.ok('visits', 'due', '--month', '2026-12', '--json').stdout)
        self.assertGreater(len(due_a), 100)
        self.assertEqual(sorted((d['child_id'], d['due_date']) for d in due_a),
                         sorted((d['child_id'], d['due_date']) for d in due_c))

    def test_gap_is_reported(self):
        self.a.ok('child', 'add', FIXTURE)
        self.county.take(self.a.bundle_for(self.county))
        self.a.bundle_for(self.county)          # lost on the way
        third = self.a.bundle_for(self.county)
        p = self.county.run('bundle', 'import', third)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn('Bundle 2 from nanling is missing', p.stderr)


if __name__ == '__main__':
    txtest.main()
