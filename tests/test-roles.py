#!/usr/bin/python3
# tests/test-roles.py — who may see and do what, through the command line
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A township store set up by its supervisor (the test's $TONGXING_USER)
# with 200 demo children in three villages, and two child directors of
# different villages. A director sees and changes only the children of
# their villages and records their visits; everything else (another
# village's child, full identity numbers, reports, exports, imports,
# exchange files, accounts, settings) is refused with exit 1, one
# "permission: …" line and nothing written. The supervisor's reveals go
# to the audit trail; the reports name the person who made them, read
# back with pdftotext and openpyxl. The store is encrypted: tests/tools/tx-sql
# reads it.

import collections
import json
import os
import subprocess
import sys
import tempfile
import unittest

import openpyxl

import txtest

CLI = sys.argv.pop(1)
SQL = sys.argv.pop(1)
SUPERVISOR = os.environ.get('TONGXING_USER', '测试督导员')
WANG, LI, ZHAO = '王主任', '李主任', '赵主任'


class Roles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, 'tongxing.db')
        cls.ok('init', '--county', '220102', '--township', '220102001')
        cls.ok('demo', '--children', '200')
        rows = cls.json('child', 'list', '--json', '--limit', '1000')
        by_village = collections.defaultdict(list)
        for r in rows:
            by_village[r['residence_division']].append(r)
        (cls.village_a, cls.kids_a), (cls.village_b, cls.kids_b) = \
            sorted(by_village.items(), key=lambda kv: -len(kv[1]))[:2]
        cls.passwords = {}
        for name, village in ((WANG, cls.village_a), (LI, cls.village_b), (ZHAO, cls.village_a)):
            path = os.path.join(cls.tmp.name, name + '.txt')
            with open(path, 'w', encoding='utf-8') as f:
                f.write('password of ' + name + '\n')
            cls.passwords[name] = path
            cls.ok('user', 'add', name, '--role', 'director', '--villages', village,
                   '--initial-password-file', path)
        cls.ok('user', 'disable', ZHAO)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def run_cli(cls, *args, user=None, input=None, language=''):
        who = ['--user', user, '--password-file', cls.passwords[user]] if user else []
        env = dict(os.environ, LANGUAGE=language)
        return subprocess.run([CLI, '--db', cls.db] + who + list(args), input=input, capture_output=True,
                              text=True, env=env, timeout=120)

    @classmethod
    def ok(cls, *args, **kw):
        p = cls.run_cli(*args, **kw)
        if p.returncode != 0:
            raise AssertionError(f'{args}: {p.stderr}')
        return p

    @classmethod
    def json(cls, *args, **kw):
        return json.loads(cls.ok(*args, **kw).stdout)

    @classmethod
    def sql(cls, query):
        p = subprocess.run([SQL, cls.db, query], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError(f'{query}: {p.stderr}')
        return [json.loads(line) for line in p.stdout.splitlines()]

    def state(self):
        """What a refused command must leave as it was (logins aside: each run logs in)."""
        return [self.sql(q) for q in (
            'SELECT uuid, updated_at, deleted, register_value FROM child ORDER BY uuid',
            'SELECT count(*) FROM child_change', 'SELECT count(*) FROM visit',
            'SELECT count(*) FROM urgent_case WHERE closed_at IS NULL',
            'SELECT count(*) FROM export_log', 'SELECT count(*) FROM import_batch',
            'SELECT count(*) FROM dept_list', 'SELECT count(*) FROM station', 'SELECT count(*) FROM service',
            "SELECT key, value FROM settings WHERE key NOT LIKE 'sync%' AND key NOT LIKE 'hlc%' ORDER BY key",
            'SELECT name, role, villages, active FROM account ORDER BY name',
            "SELECT seq, person, kind, child FROM audit WHERE kind NOT LIKE 'login%' ORDER BY seq")]

    def refused(self, *args, user=WANG, input=None, key='permission'):
        before = self.state()
        p = self.run_cli(*args, user=user, input=input)
        self.assertEqual(p.returncode, 1, f'{args} should be refused: {p.stdout} {p.stderr}')
        self.assertEqual(self.state(), before, f'{args} changed the store')
        lines = [l for l in p.stderr.splitlines() if l]
        self.assertEqual(len(lines), 1, f'one line says why: {p.stderr}')
        self.assertTrue(lines[0].startswith(key + ': '), lines[0])
        return lines[0]

    def audit(self, kind):
        return self.sql(f"SELECT person, child, detail FROM audit WHERE kind = '{kind}' ORDER BY seq")

    # --- a director's children

    def test_director_lists_only_their_villages(self):
        rows = self.json('child', 'list', '--json', '--limit', '1000', user=WANG)
        self.assertEqual(sorted(r['id'] for r in rows), sorted(r['id'] for r in self.kids_a))
        self.assertEqual({r['residence_division'] for r in self.json('child', 'list', '--json', user=LI)},
                         {self.village_b})
        for r in rows:
            self.assertIn('********', r['id_number'], 'masked')
        # a search finds a child of the other village for the supervisor only
        name = self.kids_b[0]['name']
        self.assertIn(self.kids_b[0]['id'], [r['id'] for r in self.json('child', 'list', '--json', '--search', name)])
        found = self.json('child', 'list', '--json', '--search', name, user=WANG)
        self.assertNotIn(self.kids_b[0]['id'], [r['id'] for r in found])
        self.assertTrue(all(r['residence_division'] == self.village_a for r in found))
        self.assertEqual(self.json('child', 'list', '--json', '--village', self.village_b, user=WANG), [])
        # the count under the list, the left and the calendar follow too
        p = self.ok('child', 'list', '--all', user=WANG)
        left = self.json('child', 'list', '--exited', '--json', '--limit', '1000', user=WANG)
        self.assertTrue(all(r['residence_division'] == self.village_a for r in left))
        self.assertIn(f'of {len(self.kids_a) + len(left)} ', p.stderr)
        for month in ('2026-11', '2026-12', '2027-01'):
            due = self.json('visits', 'due', '--month', month, '--json', user=WANG)
            mine = {r['id'] for r in self.kids_a}
            for row in due if isinstance(due, list) else due.get('children', []):
                self.assertIn(row.get('id') or row.get('child_id'), mine)
        for case in self.json('urgent', 'list', '--json', user=WANG):
            self.assertIn(case['child_id'], {r['id'] for r in self.kids_a})

    def test_query_uses_the_village_index(self):
        plan = self.sql("EXPLAIN QUERY PLAN SELECT count(*) FROM child c WHERE c.deleted = 0 "
                        "AND c.register = 'active' AND c.f_residence_division IN "
                        f"(SELECT value FROM json_each('[\"{self.village_a}\"]'))")
        self.assertTrue(any('child_village' in step[3] for step in plan), plan)

    def test_other_village_child_refused(self):
        other = self.kids_b[0]['id']
        line = self.refused('child', 'get', other)
        self.assertIn('another village', line)
        self.refused('child', 'update', other, '-', input='{"remarks": "改了"}')
        self.refused('child', 'history', other)
        self.refused('child', 'exit', other, '--reason', 'moved-away', '--date', '2026-11-20')
        visit = {'child_id': other, 'date': '2026-11-20', 'visitor': WANG, 'kind': 'home'}
        self.refused('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False))
        self.refused('visit', 'list', '--child', other)
        # a director does not move a child of theirs into another village
        self.refused('child', 'update', self.kids_a[1]['id'], '-',
                     input=json.dumps({'residence_division': self.village_b}))
        # nor registers one there
        mine = self.json('child', 'get', self.kids_a[1]['id'], user=WANG)
        new = {k: mine[k] for k in ('gender', 'birth_date', 'residence_division', 'child_category')}
        new.update(name='新来的', residence_division=self.village_b)
        self.refused('child', 'add', '--draft', '-', input=json.dumps(new, ensure_ascii=False))

    def test_director_changes_and_visits_own_child(self):
        cid = self.kids_a[2]['id']
        got = self.json('child', 'get', cid, user=WANG)
        self.assertIn('********', got['id_number'], 'get masks the number')
        self.ok('child', 'update', cid, '-', input=json.dumps({'remarks': '王主任核实过'}, ensure_ascii=False),
                user=WANG)
        history = self.json('child', 'history', cid, user=WANG)
        self.assertEqual((history[0]['field'], history[0]['editor']), ('remarks', WANG))
        # the output of get given back: the masked number leaves the number as it is
        self.ok('child', 'update', cid, '-', input=json.dumps(got, ensure_ascii=False), user=WANG)
        number = self.sql(f"SELECT f_id_number FROM child WHERE uuid = '{cid}'")[0][0]
        self.assertNotIn('*', number or '')
        visit = {'child_id': cid, 'date': '2026-11-20', 'visitor': WANG, 'kind': 'home'}
        vid = self.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False), user=WANG).stdout.strip()
        self.assertEqual(self.json('visit', 'get', vid, user=WANG)['visitor'], WANG)
        self.refused('visit', 'get', vid, user=LI)

    def test_director_may_not_reveal(self):
        cid = self.kids_a[0]['id']
        self.refused('child', 'get', cid, '--reveal-id')
        self.refused('child', 'list', '--reveal-ids')

    def test_director_refused_everything_else(self):
        out = os.path.join(self.tmp.name, 'out')
        os.makedirs(out, exist_ok=True)
        ledger = os.path.join(self.tmp.name, 'ledger.xlsx')
        self.ok('report', 'ledger', '--xlsx', ledger)
        holidays = os.path.join(self.tmp.name, 'holidays.json')
        with open(holidays, 'w') as f:
            f.write('{}')
        for args in (
                ('report', 'ledger', '--xlsx', os.path.join(out, 'l.xlsx')),
                ('report', 'visits', '--month', '2026-11', '--pdf', os.path.join(out, 'v.pdf')),
                ('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-25', '--xlsx', os.path.join(out, 's.xlsx')),
                ('report', 'overdue', '--pdf', os.path.join(out, 'o.pdf')),
                ('report', 'urgent', '--xlsx', os.path.join(out, 'u.xlsx')),
                ('report', 'form', '--child', self.kids_a[0]['id'], '--pdf', os.path.join(out, 'f.pdf')),
                ('report', 'log'),
                ('import', 'ledger', ledger),
                ('import', 'undo', '1'),
                ('lists', 'import', '--department', 'police', ledger),
                ('compare',),
                ('bundle', 'export', '--to', 'county', '--out', os.path.join(out, 'b.txb')),
                ('transfers', 'list'),
                ('user', 'add', '张主任', '--role', 'director', '--villages', self.village_a,
                 '--initial-password-file', self.passwords[WANG]),
                ('user', 'disable', LI),
                ('schedule', '--good-months', '4'),
                ('age-limits', '--migrant', '17'),
                ('holidays', 'load', holidays),
                ('services', 'add', '--group', 'health', '--name', '义诊'),
                ('init', '--county', '220102', '--township', '220102001'),
                ('child', 'delete', self.kids_a[0]['id'])):
            with self.subTest(args=args):
                self.refused(*args)
        self.assertEqual(os.listdir(out), [], 'no file left behind')

    # --- the supervisor's reveals, the person on what is made

    def test_supervisor_reveal_is_audited(self):
        cid = self.kids_b[1]['id']
        before = len(self.audit('reveal'))
        got = self.json('child', 'get', cid)
        self.assertIn('********', got['id_number'], 'masked unless revealed')
        self.assertEqual(len(self.audit('reveal')), before, 'a masked get reveals nothing')
        full = self.json('child', 'get', cid, '--reveal-id')['id_number']
        self.assertEqual(full, self.sql(f"SELECT f_id_number FROM child WHERE uuid = '{cid}'")[0][0])
        entries = self.audit('reveal')
        self.assertEqual(len(entries), before + 1)
        person, child, detail = entries[-1]
        self.assertEqual((person, child, json.loads(detail)['field']), (SUPERVISOR, cid, 'id_number'))
        # a list in full: one entry for each child shown
        rows = self.json('child', 'list', '--json', '--reveal-ids', '--limit', '3')
        self.assertTrue(all('*' not in r['id_number'] for r in rows if r['id_number']))
        listed = self.audit('reveal')[before + 1:]
        self.assertEqual([c for _, c, _ in listed], [r['id'] for r in rows])
        self.assertTrue(all(p == SUPERVISOR and json.loads(d)['in'] == 'list' for p, _, d in listed))

    def test_reports_name_the_person(self):
        cid = self.kids_a[3]['id']
        visit = {'child_id': cid, 'date': '2026-11-18', 'visitor': WANG, 'kind': 'home'}
        self.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False), user=WANG)
        for language, label in (('', 'made by ' + SUPERVISOR), ('zh_CN', '制表人：' + SUPERVISOR)):
            pdf = os.path.join(self.tmp.name, f'visits-{language or "en"}.pdf')
            self.ok('report', 'visits', '--month', '2026-11', '--pdf', pdf, language=language)
            text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True,
                                  check=True).stdout
            flat = text.replace(' ', '') if language else ' '.join(text.split())
            self.assertIn(label.replace(' ', '') if language else label, flat)
            self.assertNotIn('—·', flat.replace(' ', ''), 'no dash for the person')
        xlsx = os.path.join(self.tmp.name, 'ledger-person.xlsx')
        self.ok('report', 'ledger', '--xlsx', xlsx)
        ws = openpyxl.load_workbook(xlsx).active
        header = [str(c.value) for row in ws.iter_rows(max_row=4) for c in row if c.value]
        self.assertTrue(any(SUPERVISOR in h for h in header), header)
        log = self.json('report', 'log', '--json')
        self.assertEqual(log[0]['who'], SUPERVISOR)

    def test_disabled_director_refused_at_login(self):
        p = self.run_cli('child', 'list', user=ZHAO)
        self.assertEqual(p.returncode, 1)
        lines = [l for l in p.stderr.splitlines() if l]
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertRegex(lines[0], r'^[a-z_]+: ')


    def test_zz_ageing_out_run_by_a_director_takes_every_village(self):
        # lower limits (the supervisor's): children of both villages are past them
        self.ok('age-limits', '--migrant', '6', '--left-behind', '6', '--distressed', '6')
        before = {r['id'] for r in self.json('child', 'list', '--json', '--limit', '1000')}
        p = self.ok('ageing-out', 'run', '--json', user=WANG)
        after = {r['id'] for r in self.json('child', 'list', '--json', '--limit', '1000')}
        gone = before - after
        self.assertTrue(gone & {r['id'] for r in self.kids_b}, p.stdout)
        self.assertTrue(gone & {r['id'] for r in self.kids_a}, p.stdout)

if __name__ == '__main__':
    txtest.main()
