#!/usr/bin/python3
# tests/test-sync-recovery.py — a township rebuilt from what the county holds for it
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A county and two townships, each a store of its own, through tongxing-cli
# (docs/recovery.md). Township A loses its store and has no backup: a new
# workstation is set up for the same township, the county trusts it in
# place of the old one (`station replace`) and makes it an exchange file of
# everything. The rebuilt store is compared with the county's, table by
# table, row by row, every column but the sync bookkeeping, read with
# tx-sql; and with the old store as it was before the loss. Then ordinary
# exchange goes on both ways.

import json
import os
import shutil
import sys
import tempfile
import unittest

import txsync
import txtest
from txsync import Station, exchange

txsync.CLI = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')

TOWNSHIP_A = '220102001'    # 南岭街道
TOWNSHIP_B = '220102002'    # 自强街道
TOWNSHIP_A_END = '220102002'

# The synced tables, each with its key and the columns that are each
# station's own bookkeeping: the local change counter and the station a
# change came from (sync_seq, sync_origin) number this store's changes for
# its own incremental exchange files; a child's row number, last change and
# station, and a service's last change, are when and from where this store
# last wrote it (for a child, the station the change came from: the county,
# at the rebuilt township)
TABLES = {
    'child': ('uuid', {'sync_seq', 'sync_origin', 'rowid', 'updated_at', 'station'}),
    'visit': ('uuid', {'sync_seq', 'sync_origin'}),
    'urgent_case': ('uuid', {'sync_seq', 'sync_origin'}),
    'service': ('id', {'sync_seq', 'sync_origin', 'updated_at'}),
    'transfer': ('uuid', {'sync_seq', 'sync_origin'}),
}

# What the county holds for township A: the children living there and
# every tombstone (which holds nothing personal), their visits and urgent
# cases, the transfers from A and those to A the county accepted, the
# care-service list
LIVES = ("(c.deleted = 1 OR (c.f_residence_division >= '{a}' AND c.f_residence_division < '{end}'))"
         .format(a=TOWNSHIP_A, end=TOWNSHIP_A_END))
FOR_A = {
    'child': 'SELECT {cols} FROM child c WHERE ' + LIVES,
    'visit': 'SELECT {cols} FROM visit v WHERE EXISTS (SELECT 1 FROM child c WHERE c.uuid = v.child AND '
             + LIVES + ')',
    'urgent_case': 'SELECT {cols} FROM urgent_case u WHERE EXISTS (SELECT 1 FROM child c WHERE c.uuid = u.child '
                   'AND ' + LIVES + ')',
    'service': 'SELECT {cols} FROM service',
    'transfer': "SELECT {cols} FROM transfer t WHERE t.from_township = '" + TOWNSHIP_A
                + "' OR (t.to_township = '" + TOWNSHIP_A + "' AND t.state = 'accepted')",
}


def columns(db, table):
    return [r[0] for r in txtest.sql(db, f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")]


def rows(db, table, only_for_a=False):
    """The rows of @table by key, each a dict of every column but the bookkeeping."""
    key, own = TABLES[table]
    cols = [c for c in columns(db, table) if c not in own]
    query = (FOR_A[table] if only_for_a else 'SELECT {cols} FROM ' + table).format(cols=', '.join(cols))
    out = {}
    for r in txtest.sql(db, query):
        record = dict(zip(cols, r))
        out[record[key]] = record
    return out


def everything(db, only_for_a=False):
    return {t: rows(db, t, only_for_a) for t in TABLES}


def moved_away(tables):
    """@tables without the read-only copies of the children who moved to another township (and
    their visits and urgent cases): the old township kept them, the county holds them for the
    new township now. Returns the children left out and the rest."""
    gone = {k for k, c in tables['child'].items() if c['register'] == 'transferred'}
    rest = dict(tables)
    rest['child'] = {k: c for k, c in tables['child'].items() if k not in gone}
    for t in ('visit', 'urgent_case'):
        rest[t] = {k: r for k, r in tables[t].items() if r['child'] not in gone}
    return gone, rest


class Recovery(txsync.CountyTest):
    def setUp(self):
        super().setUp()

        # a few hundred children, their visits and urgent cases, at A; some at B
        self.a.ok('demo', '--children', '240')
        self.b.ok('demo', '--children', '40')
        self.cid = self.add(self.a)
        visit = {'child_id': self.cid, 'date': '2026-10-12', 'visitor': '李春梅', 'kind': 'home'}
        self.a.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False))
        urgent = dict(visit, date='2026-11-20', urgent=['疑似遭受家庭暴力'])
        self.a.ok('visit', 'add', '--draft', '-', input=json.dumps(urgent, ensure_ascii=False))
        self.a.ok('urgent', 'close', self.cid, '--note', '已报警处置，儿童由外祖母照料', '--by', '王建国')
        self.a.ok('services', 'add', '--group', 'health', '--name', '义诊')
        gone = self.add(self.a, name='王小红', id_number='11010120180514123X')
        self.a.ok('child', 'delete', gone)
        # a child of A moves to B and one of B to A, through the county
        self.leaves = self.add(self.a, name='李小刚', id_number='110101201805140018')
        self.comes = self.add(self.b, name='赵小刚', id_number='110101201805140034',
                              residence_division='220102002001', residence_address='北安社区5号')
        exchange(self.county, [self.a, self.b])
        self.out = self.a.ok('child', 'transfer', self.leaves, '--township', TOWNSHIP_B,
                             '--date', '2026-11-20').stdout.strip()
        self.into = self.b.ok('child', 'transfer', self.comes, '--township', TOWNSHIP_A,
                              '--date', '2026-11-21').stdout.strip()
        exchange(self.county, [self.a, self.b])
        self.county.ok('transfers', 'accept', self.out)
        self.county.ok('transfers', 'accept', self.into)
        # the county corrects a phone number of one of A's children
        self.county.edit(self.cid, contact_phone='13800001111')
        exchange(self.county, [self.a, self.b])

    def lose(self, station):
        """The office PC is gone: the store and its key file, with no backup."""
        os.remove(station.db)
        os.remove(station.db + '.keys')

    def new_pc(self, name='nanling', township=TOWNSHIP_A):
        folder = os.path.join(self.dir, 'new-' + name)
        os.makedirs(folder, exist_ok=True)
        station = Station(folder, name, township=township)
        station.trust(self.county)
        return station

    def of_leaving(self, line):
        """Whether a line of `sync dump` is the record of the child who left A, or its visit or urgent case."""
        o = json.loads(line)
        return o['id'] == self.leaves or (o['t'] == 'visit' and o['r'][3] == self.leaves) or \
            (o['t'] == 'urgent' and o['r'].get('child') == self.leaves)

    def stations(self):
        return {s['id']: s for s in json.loads(self.county.ok('station', 'list', '--json').stdout)}

    def assert_equal_tables(self, got, want, what):
        """Every table's rows, the same keys and every column the same; a difference is said
        as the table, the column and an example, not as a diff of the whole store."""
        for table in TABLES:
            missing = sorted(set(want[table]) - set(got[table]))
            extra = sorted(set(got[table]) - set(want[table]))
            self.assertEqual((missing[:3], extra[:3], len(missing), len(extra)), ([], [], 0, 0),
                             f'{what}: the {table} rows')
            differ = {}
            for key, row in want[table].items():
                for col, value in row.items():
                    if got[table][key][col] != value:
                        differ.setdefault(col, (key, got[table][key][col], value))
            self.assertEqual(differ, {}, f'{what}: {table} columns (key, got, wanted)')

    def test_rebuilt_from_the_county(self):
        dump_before = self.a.dump()
        kept, before = moved_away(everything(self.a.db))
        self.assertEqual(kept, {self.leaves})
        self.assertEqual(self.a.child(self.leaves)['register'], 'transferred')
        # what the old PC still had on a stick: an exchange file made after the loss is
        # reported must be refused (a stolen PC signs with the old keys)
        os.makedirs(os.path.join(self.dir, 'stolen'))
        old = self.a.copy_to(os.path.join(self.dir, 'stolen'))
        self.lose(self.a)

        new = self.new_pc()
        self.assertNotEqual(new.id, self.a.id)
        p = self.county.ok('station', 'replace', self.a.id, new.identity, '--fingerprint', new.fingerprint)
        self.assertIn('bundle export --to ' + new.id + ' --full', p.stderr)
        listed = self.stations()
        self.assertEqual(listed[self.a.id]['replaced_by'], new.id)
        self.assertIsNotNone(listed[self.a.id]['revoked_at'])
        self.assertEqual(listed[new.id]['replaces'], self.a.id)
        self.assertIsNone(listed[new.id]['revoked_at'])
        self.assertIn('replaced by ' + new.id, self.county.ok('station', 'list').stdout)
        kinds = [e['kind'] for e in json.loads(self.county.ok('audit', 'list', '--json').stdout)]
        self.assertIn('station.replace', kinds)
        # the old township's audit trail stays at the county, which had it from its files
        self.assertTrue(json.loads(self.county.ok('audit', 'list', '--station', self.a.id, '--json').stdout))

        full = self.county.bundle_for(new, full=True)
        info = json.loads(new.ok('bundle', 'inspect', full).stdout)
        self.assertTrue(info['full'])
        result = new.take(full)['result']
        self.assertEqual((result['conflicts'], result['duplicates']), (0, 0))
        self.assertGreater(result['children_added'], 240)

        # the rebuilt store equals what the county holds for A, row by row, and what A had
        rebuilt = everything(new.db)
        self.assert_equal_tables(rebuilt, everything(self.county.db, only_for_a=True), 'rebuilt and county')
        # every record with its field versions, as the old township had it but the child who left
        self.assertEqual(sorted(new.dump().splitlines()),
                         sorted(line for line in dump_before.splitlines() if not self.of_leaving(line)))
        self.assertNotIn(self.leaves, rebuilt['child'], 'the child that moved to B is not A\'s')
        self.assertIn(self.comes, rebuilt['child'], 'the child that came from B is')
        self.assertEqual(rebuilt['child'][self.cid]['f_contact_phone'], '13800001111')
        self.assertEqual({t['id']: t['state'] for t in json.loads(new.ok('transfers', 'list', '--json').stdout)},
                         {self.out: 'accepted', self.into: 'accepted'})
        b_children = {r[0] for r in txtest.sql(self.county.db, "SELECT uuid FROM child WHERE deleted = 0 AND "
                                               "f_residence_division >= ? AND f_residence_division < ?",
                                               TOWNSHIP_B, '220102003')}
        self.assertGreater(len(b_children), 40)
        self.assertFalse(b_children & set(rebuilt['child']), 'nothing of township B')
        # each record was last written here by the import of the county's file
        self.assertEqual({r[0] for r in txtest.sql(new.db, 'SELECT DISTINCT station FROM child')}, {self.county.id})
        # what a person sees: the roster, the child, its visits and urgent case
        self.assertEqual(new.child(self.cid)['contact_phone'], '13800001111')
        listed_kids = json.loads(new.ok('child', 'list', '--json', '--limit', '1000').stdout)
        self.assertEqual(len(listed_kids), len([c for c in before['child'].values() if not c['deleted']
                                                and c['register'] == 'active']))

        # the old keys are refused from now on
        late = old.bundle_for(self.county)
        p = self.county.run('bundle', 'import', late)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('signature: '), p.stderr)
        self.assertIn('replaced', p.stderr)

        # ordinary exchange goes on: a change at the township reaches the county
        new.edit(self.cid, school_name='南岭第二小学')
        sent = new.bundle_for(self.county)
        info = json.loads(self.county.ok('bundle', 'inspect', sent).stdout)
        self.assertEqual((info['counts']['children'], info['counts']['visits']), (1, 0),
                         'only what changed: the county\'s records came from the county')
        result = self.county.take(sent)['result']
        self.assertEqual((result['children_updated'], result['conflicts'], result['duplicates']), (1, 0, 0))
        self.assertEqual(self.county.child(self.cid)['school_name'], '南岭第二小学')
        # a visit at the township too
        visit = {'child_id': self.cid, 'date': '2026-11-24', 'visitor': '李春梅', 'kind': 'home'}
        new.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False))
        result = self.county.take(new.bundle_for(self.county))['result']
        self.assertEqual((result['visits_added'], result['conflicts']), (1, 0))
        # and a county-side change reaches the township: B gives another child to A
        third = self.add(self.b, name='钱小英', id_number='110101201805140050',
                         residence_division='220102002001', residence_address='北安社区7号')
        tid = self.b.ok('child', 'transfer', third, '--township', TOWNSHIP_A, '--date', '2026-11-24').stdout.strip()
        self.county.take(self.b.bundle_for(self.county))
        self.county.ok('transfers', 'accept', tid)
        back = self.county.bundle_for(new)
        info = json.loads(new.ok('bundle', 'inspect', back).stdout)
        self.assertFalse(info['full'])
        self.assertEqual((info['counts']['transfers'], info['counts']['children']), (1, 1))
        result = new.take(back)['result']
        self.assertEqual((result['children_added'], result['conflicts'], result['duplicates']), (1, 0, 0))
        self.assertEqual(new.child(third)['name'], '钱小英')
        exchange(self.county, [new, self.b])
        self.assertEqual(json.loads(new.ok('conflicts', 'list', '--json').stdout), [])
        self.assertEqual(json.loads(self.county.ok('conflicts', 'list', '--json').stdout), [])
        self.assertEqual(json.loads(new.ok('duplicates', 'list', '--json').stdout), [])
        self.assert_equal_tables(everything(new.db), everything(self.county.db, only_for_a=True), 'after exchanges')

    def test_refusals(self):
        stranger = Station(self.dir, 'stranger', township=TOWNSHIP_A)
        out = os.path.join(self.dir, 'refused.txb')
        # the county makes nothing for an identity it does not trust
        p = self.county.run('bundle', 'export', '--to', stranger.id, '--full', '--out', out)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('station: '), p.stderr)
        self.assertFalse(os.path.exists(out))

        self.lose(self.a)
        new = self.new_pc()
        # a second workstation of the township, trusted already (a director's office PC)
        self.county.trust(stranger)
        before = self.stations()
        # a wrong check code, or a new station of another township, replaces nothing
        p = self.county.run('station', 'replace', self.a.id, new.identity, '--fingerprint', 'AAAA-BBBB-CCCC-DDDD')
        self.assertEqual(p.returncode, 1)
        self.assertIn('does not match', p.stderr)
        other = self.new_pc('ziqiang', township=TOWNSHIP_B)
        p = self.county.run('station', 'replace', self.a.id, other.identity, '--fingerprint', other.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('record: '), p.stderr)
        self.assertIn('same township', p.stderr)
        # nor a station of another county office: one of the county itself
        office = Station(os.path.join(self.dir, 'new-nanling'), 'office')
        p = self.county.run('station', 'replace', self.a.id, office.identity, '--fingerprint', office.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertIn('same township', p.stderr)
        # the old identity itself (a store restored from a backup keeps it) is no replacement
        p = self.county.run('station', 'replace', self.a.id, self.a.identity, '--fingerprint', self.a.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertIn('bundle export --full', p.stderr)
        # nor a station trusted already
        p = self.county.run('station', 'replace', self.a.id, stranger.identity, '--fingerprint', stranger.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertIn('trusted here already', p.stderr)
        p = self.county.run('station', 'replace', '00000000-0000-4000-8000-000000000000', new.identity,
                            '--fingerprint', new.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('id: '), p.stderr)
        self.assertEqual(self.stations(), before, 'nothing changed')

        # a county station's people are county officers: no child director there to replace
        # a station or make exchange files
        director = os.path.join(self.dir, 'director.txt')
        with open(director, 'w', encoding='utf-8') as f:
            f.write('password of the director\n')
        p = self.county.run('user', 'add', '王主任', '--role', 'director', '--villages', '220102001001',
                            '--initial-password-file', director)
        self.assertEqual(p.returncode, 1)
        self.assertIn('county officers', p.stderr)

        # the officer replaces it; then the old identity is refused for good
        self.county.ok('station', 'replace', self.a.id, new.identity, '--fingerprint', new.fingerprint)
        rebuild = self.county.bundle_for(new, full=True)
        # at the new township a child director can neither trust the county nor import its file
        new.ok('user', 'add', '王主任', '--role', 'director', '--villages', '220102001001',
               '--initial-password-file', director)
        as_director = ['--user', '王主任', '--password-file', director]
        for args in (('station', 'trust', self.county.identity, '--fingerprint', self.county.fingerprint),
                     ('bundle', 'import', rebuild),
                     ('bundle', 'export', '--to', self.county.id, '--full', '--out', out)):
            with self.subTest(args=args):
                p = new.run(*as_director, *args)
                self.assertEqual(p.returncode, 1)
                self.assertTrue(p.stderr.startswith('permission: '), p.stderr)
        self.assertEqual(rows(new.db, 'child'), {}, 'nothing imported')
        self.assertFalse(os.path.exists(out))
        p = self.county.run('bundle', 'export', '--to', self.a.id, '--full', '--out', out)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('station: '), p.stderr)
        self.assertIn('replaced', p.stderr)
        self.assertFalse(os.path.exists(out))
        p = self.county.run('station', 'trust', self.a.identity, '--fingerprint', self.a.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertIn('never trusted again', p.stderr)
        p = self.county.run('station', 'replace', self.a.id, stranger.identity, '--fingerprint', stranger.fingerprint)
        self.assertEqual(p.returncode, 1)
        self.assertIn('never trusted again', p.stderr)
        self.assertEqual(self.stations()[self.a.id]['replaced_by'], new.id)

        # a township station asking for another township's data gets nothing: a full exchange
        # file from the county to B holds none of A's children, and B keeps only a read-only
        # copy of the child who moved to A
        full_b = self.county.bundle_for(self.b, full=True)
        info = json.loads(self.b.ok('bundle', 'inspect', full_b).stdout)
        self.assertTrue(info['full'])
        self.b.take(full_b)
        a_alive = {k for k, c in rows(self.county.db, 'child', only_for_a=True).items() if not c['deleted']}
        self.assertGreater(len(a_alive), 240)
        b_has = {k: c['register'] for k, c in rows(self.b.db, 'child').items() if not c['deleted']}
        self.assertGreater(len(b_has), 40)
        self.assertEqual({k: b_has[k] for k in a_alive & set(b_has)}, {self.comes: 'transferred'})


if __name__ == '__main__':
    txtest.main()
