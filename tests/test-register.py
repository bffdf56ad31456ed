#!/usr/bin/python3
# tests/test-register.py — a child's time on the register, through tongxing-cli (issue 15)
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The command line's contract: ageing out on the birthday, by the rule
# (a 29 February birth in a common year, a child who is also distressed, a
# child registered at 15 years 11 months); exits and their refusals;
# exited children gone from every active list and report and present in
# the exited ones; reopening; an open urgent case holding a child on the
# register; the statistics; a store of schema 15 migrated. Days are fixed
# with TONGXING_TODAY. Workbooks are read back with openpyxl, PDFs with
# pdftotext: readers not ours.

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import openpyxl

import txtest

CLI = sys.argv.pop(1)
OLD_STORE = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')
TODAY = '2026-11-25'


def id_number(birth, seq):
    """An identity number of the fixture's county for @birth (ISO), with its check digit; odd @seq: a boy."""
    base = '511323' + birth.replace('-', '') + '%03d' % seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return base + '10X98765432'[sum(int(c) * w for c, w in zip(base, weights)) % 11]


class Register(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, 'tongxing.db')
        self.seq = 1
        with open(FIXTURE, encoding='utf-8') as f:
            self.fixture = json.load(f)

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, input=None, today=TODAY, language=''):
        env = dict(os.environ, TONGXING_TODAY=today, LANGUAGE=language)
        return subprocess.run([CLI, '--db', self.db] + list(args), input=input, capture_output=True, text=True,
                              env=env, timeout=120)

    def ok(self, *args, **kw):
        p = self.run_cli(*args, **kw)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stderr}')
        return p

    def json(self, *args, **kw):
        return json.loads(self.ok(*args, **kw).stdout)

    def snapshot(self):
        # the store's tables but the audit trail's (which records every login)
        return txtest.digest(self.db)

    def refused(self, *args, key=None, **kw):
        """Refused with exit code 1, a "key: message" line and the database as it was."""
        before = self.snapshot()
        p = self.run_cli(*args, **kw)
        self.assertEqual(p.returncode, 1, f'{args} should be refused: {p.stdout} {p.stderr}')
        self.assertEqual(self.snapshot(), before, f'{args} changed the database')
        if key:
            self.assertIn(key + ': ', p.stderr)
        return p.stderr

    def init(self):
        self.ok('init', '--county', '220102', '--township', '220102001')

    def add(self, name, birth, today=TODAY, **changes):
        """The fixture as another child: @name, born @birth, with a matching identity number."""
        rec = dict(self.fixture, name=name, birth_date=birth, id_number=id_number(birth, self.seq), **changes)
        self.seq += 2
        return self.ok('child', 'add', '-', input=json.dumps(rec, ensure_ascii=False), today=today).stdout.strip()

    def child(self, cid, **kw):
        return self.json('child', 'get', cid, **kw)

    def ids(self, *args, **kw):
        return sorted(c.get('id', c.get('child_id')) for c in self.json(*args, '--json', **kw))

    def pdf_text(self, path):
        return subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True,
                              check=True).stdout

    def sheet(self, *args, **kw):
        path = os.path.join(self.tmp.name, 'out-%d.xlsx' % len(os.listdir(self.tmp.name)))
        self.ok(*args, path, **kw)
        return openpyxl.load_workbook(path).active

    def pdf(self, *args, **kw):
        path = os.path.join(self.tmp.name, 'out-%d.pdf' % len(os.listdir(self.tmp.name)))
        out = self.ok(*args, path, **kw).stdout
        return out, self.pdf_text(path)

    # ageing out

    def test_ages_out_on_the_birthday(self):
        self.init()
        cid = self.add('王十六', '2010-12-01', registration_date='2026-09-15')
        # the day before the 16th birthday: on the register, and ageing out soon
        c = self.child(cid, today='2026-11-30')
        self.assertEqual((c['register'], c['ages_out']), ('active', '2026-12-01'))
        self.assertEqual(self.ids('child', 'list', '--ages-out-before', '2026-12-02', today='2026-11-30'), [cid])
        self.assertEqual(self.ids('child', 'list', '--ages-out-before', '2026-12-01', today='2026-11-30'), [])
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-11-30'),
                         {'exited': [], 'held_by_urgent_case': []})
        self.assertEqual(self.child(cid, today='2026-11-30')['register'], 'active')
        # on the birthday the run takes the child off, by the rule, on that day
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-12-01')['exited'], [cid])
        c = self.child(cid, today='2026-12-01')
        self.assertEqual((c['register'], c['exit_reason'], c['exit_date'], c['exit_by']),
                         ('exited', 'aged-out', '2026-12-01', 'rule'))
        self.assertIsNone(c['next_visit_due'])
        history = self.json('child', 'history', cid, today='2026-12-01')
        self.assertEqual(history[0]['field'], '_register')
        self.assertIn('by the rule', history[0]['summary'])
        # a second run, a day later too, changes nothing
        before = self.snapshot()
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-12-01')['exited'], [])
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-12-02')['exited'], [])
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.ids('child', 'list', today='2026-12-02'), [])
        self.assertEqual(self.ids('child', 'list', '--exited', '--exit-reason', 'aged-out', today='2026-12-02'), [cid])
        # the record still reads as it was
        self.assertEqual(self.child(cid, today='2026-12-02')['name'], '王十六')

    def test_29_february_in_a_common_year(self):
        """A distressed child born on 29 February 2008 is 18 on 1 March 2026 (2026 has no 29 February)."""
        self.init()
        cid = self.add('李闰', '2008-02-29', today='2026-02-27', child_category=['distressed'],
                       registration_date='2026-02-20')
        self.assertEqual(self.child(cid, today='2026-02-28')['ages_out'], '2026-03-01')
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-02-28')['exited'], [])
        self.assertEqual(self.ids('child', 'list', '--ages-out-before', '2026-03-02', today='2026-02-28'), [cid])
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-03-01')['exited'], [cid])
        c = self.child(cid, today='2026-03-01')
        self.assertEqual((c['register'], c['exit_reason'], c['exit_date']), ('exited', 'aged-out', '2026-03-01'))

    def test_distressed_child_stays_until_18(self):
        self.init()
        cid = self.add('赵困境', '2010-06-10', child_category=['migrant', 'distressed'], registration_date='2025-09-15')
        c = self.child(cid)
        self.assertEqual((c['age'], c['ages_out']), (16, '2028-06-10'))
        self.assertEqual(self.json('ageing-out', 'run', '--json')['exited'], [])
        self.assertEqual(self.child(cid)['register'], 'active')
        self.assertIn(cid, self.ids('child', 'list'))
        self.assertIn(cid, self.ids('visits', 'due', '--month', '2026-12') + self.ids('visits', 'due', '--overdue'))
        # no longer distressed: a migrant child, 16 since June; the run takes the child off on that birthday
        self.ok('child', 'update', cid, '-', input=json.dumps({'child_category': ['migrant']}))
        self.assertEqual(self.child(cid)['ages_out'], '2026-06-10')
        self.assertEqual(self.json('ageing-out', 'run', '--json')['exited'], [cid])
        c = self.child(cid)
        self.assertEqual((c['register'], c['exit_reason'], c['exit_date']), ('exited', 'aged-out', '2026-06-10'))

    def test_registered_at_15_years_11_months(self):
        self.init()
        cid = self.add('孙晚到', '2010-12-20', registration_date='2026-11-20')
        c = self.child(cid)
        self.assertEqual((c['register'], c['age'], c['ages_out']), ('active', 15, '2026-12-20'))
        self.assertIsNotNone(c['next_visit_due'])
        self.assertEqual(self.ids('child', 'list', '--ages-out-before', '2027-01-01'), [cid])
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-12-19')['exited'], [])
        self.assertEqual(self.json('ageing-out', 'run', '--json', today='2026-12-20')['exited'], [cid])
        self.assertEqual(self.ids('visits', 'due', '--month', '2026-12', today='2026-12-20'), [])
        self.assertEqual(self.child(cid, today='2026-12-20')['exit_date'], '2026-12-20')

    # exits

    def test_exit_refusals(self):
        self.init()
        cid = self.add('张离开', '2018-05-14')
        self.refused('child', 'exit', cid, '--reason', 'eloped', '--date', '2026-11-01', key='record')
        self.assertIn('moved-away', self.run_cli('child', 'exit', cid, '--reason', 'eloped', '--date', '2026-11-01').stderr)
        self.refused('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-11-26', key='record')
        self.refused('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-13-01', key='record')
        err = self.refused('child', 'exit', cid, '--reason', 'other', '--date', '2026-11-01', key='record')
        self.assertIn('note', err)
        self.refused('child', 'exit', cid, '--reason', 'other', '--date', '2026-11-01', '--note', '  ', key='record')
        # before the registration (2026-09-15)
        self.refused('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-09-14', key='record')
        self.refused('child', 'exit', 'no-such-child', '--reason', 'moved-away', '--date', '2026-11-01', key='id')
        self.assertEqual(self.run_cli('child', 'exit', cid, '--reason', 'moved-away').returncode, 2)
        self.assertEqual(self.run_cli('child', 'reopen', cid).returncode, 2)
        self.assertEqual(self.child(cid)['register'], 'active')
        # once left, not again; and only a child who left comes back
        self.refused('child', 'reopen', cid, '--note', '回来了', key='register')
        self.ok('child', 'exit', cid, '--reason', 'other', '--date', '2026-11-01', '--note', '监护人要求注销')
        self.refused('child', 'exit', cid, '--reason', 'died', '--date', '2026-11-02', key='register')
        c = self.child(cid)
        self.assertEqual((c['exit_reason'], c['exit_note']), ('other', '监护人要求注销'))

    def test_urgent_case_blocks_an_exit_and_holds_at_the_age_limit(self):
        self.init()
        cid = self.add('周紧急', '2018-05-14')
        old = self.add('吴超龄', '2010-10-05', today='2026-09-20', registration_date='2026-09-15')
        for child, day in ((cid, '2026-11-20'), (old, '2026-09-20')):
            visit = {'child_id': child, 'date': day, 'visitor': '李春梅', 'kind': 'home',
                     'urgent': ['疑似遭受家庭暴力']}
            self.ok('visit', 'add', '--draft', '-', input=json.dumps(visit, ensure_ascii=False), today=day)
        err = self.refused('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-11-21', key='urgent_case')
        self.assertIn('urgent case of 周紧急 opened on', err, 'the message names the case')
        self.assertIn('close it', err, 'and says what to do')
        self.refused('child', 'transfer', cid, '--township', '220102002', '--date', '2026-11-21', key='urgent_case')
        # past the age limit (16 on 2026-10-05) with a case open: held, and said so
        run = self.run_cli('ageing-out', 'run')
        self.assertEqual(run.returncode, 0)
        self.assertIn(old, run.stderr)
        self.assertIn('urgent case is open', run.stderr)
        self.assertEqual(self.json('ageing-out', 'run', '--json'), {'exited': [], 'held_by_urgent_case': [old]})
        self.assertEqual(self.child(old)['register'], 'active')
        # the cases closed, the exit and the run go through; the run dates the exit on the birthday
        for child in (cid, old):
            self.ok('urgent', 'close', child, '--note', '已报警处置，儿童由外祖母照料', '--by', '王建国')
        self.ok('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-11-21')
        self.assertEqual(self.json('ageing-out', 'run', '--json'), {'exited': [old], 'held_by_urgent_case': []})
        self.assertEqual(self.child(old)['exit_date'], '2026-10-05')

    def test_reopen_reschedules(self):
        self.init()
        cid = self.add('郑回来', '2018-05-14')
        self.assertEqual(self.child(cid)['next_visit_due'], '2026-10-15')
        self.ok('child', 'exit', cid, '--reason', 'returned-home', '--date', '2026-10-01', '--note', '回户籍地上学')
        self.assertIsNone(self.child(cid)['next_visit_due'])
        self.assertIn('2026-12-25', self.ok('child', 'reopen', cid, '--note', '又随父母回来了').stdout)
        c = self.child(cid)
        # the first visit within 30 days of the reopening, not of the registration (long overdue)
        self.assertEqual((c['register'], c['exit_reason'], c['next_visit_due']), ('active', None, '2026-12-25'))
        self.assertNotIn(cid, self.ids('visits', 'due', '--overdue'))
        self.assertEqual(self.ids('visits', 'due', '--month', '2026-12'), [cid])
        history = [h for h in self.json('child', 'history', cid) if h['field'] == '_register']
        self.assertEqual(len(history), 2)
        self.assertIn('又随父母回来了', history[0]['summary'])

    def test_exited_children_leave_every_active_list_and_report(self):
        self.init()
        stay = self.add('张在册', '2018-05-14')
        gone = self.add('王迁出', '2017-03-02')
        # both registered on 2026-09-15 and never visited: overdue since 2026-10-15
        self.assertEqual(self.ids('visits', 'due', '--overdue'), sorted([stay, gone]))
        self.ok('child', 'exit', gone, '--reason', 'moved-away', '--date', '2026-11-01', '--note', '随父母迁往外省')

        self.assertEqual(self.ids('child', 'list'), [stay])
        self.assertEqual(self.ids('child', 'list', '--overdue'), [stay])
        self.assertEqual(self.ids('visits', 'due', '--overdue'), [stay])
        self.assertEqual(self.ids('visits', 'due', '--month', '2026-10'), [stay])
        self.assertEqual(sorted(self.ids('child', 'list', '--all')), sorted([stay, gone]))
        left = self.json('child', 'list', '--exited', '--json')
        self.assertEqual([(c['id'], c['exit_reason'], c['exit_date']) for c in left], [(gone, 'moved-away', '2026-11-01')])
        self.assertIn('Moved away from the county', self.ok('child', 'list', '--exited').stdout)

        # the ledgers: the register's, every record's, and the one of those who left
        for args in ((), ('--all',), ('--overdue',)):
            ws = self.sheet('report', 'ledger', *args, '--xlsx')
            names = [c.value for row in ws.iter_rows(min_row=5) for c in row]
            self.assertIn('张在册', names, args)
            self.assertNotIn('王迁出', names, args)
        ws = self.sheet('report', 'ledger', '--exited', '--xlsx', language='zh_CN')
        self.assertIn('退出台账儿童名册', ws['A1'].value)
        heads = [c.value for c in ws[4]]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
        self.assertEqual(len(rows), 1)
        row = dict(zip(heads, rows[0]))
        self.assertEqual(row['姓名'], '王迁出')
        self.assertEqual(row['退出日期'].strftime('%Y-%m-%d'), '2026-11-01')
        self.assertEqual(row['原因'], '迁出本县')
        self.assertEqual(row['备注'], '随父母迁往外省')
        self.assertEqual([c.value for c in ws[3]][-4], '退出台账')

        # the visit log's overdue count and the overdue list
        out, text = self.pdf('report', 'visits', '--month', '2026-11', '--pdf')
        self.assertIn('Children overdue for a home visit (due before that day and not visited): 1', text)
        out, text = self.pdf('report', 'overdue', '--pdf')
        self.assertIn('Wrote 1 overdue child', out)
        self.assertIn('张在册', text)
        self.assertNotIn('王迁出', text)
        ws = self.sheet('report', 'overdue', '--xlsx')
        cells = [c.value for row in ws.iter_rows() for c in row]
        self.assertIn('张在册', cells)
        self.assertNotIn('王迁出', cells)

        # the exited child's own form prints as it was, with when and why the child left
        out, text = self.pdf('report', 'form', '--child', gone, '--pdf')
        flat = text.replace(' ', '')
        self.assertIn('王迁出', flat)
        self.assertIn('Lefttheregisteron2026-11-01:Movedawayfromthecounty', flat)
        self.assertIn('随父母迁往外省', flat)
        out, text = self.pdf('report', 'form', '--child', gone, '--pdf', language='zh_CN')
        self.assertIn('2026-11-01退出台账：迁出本县', text.replace(' ', ''))
        out, text = self.pdf('report', 'form', '--child', stay, '--pdf')
        self.assertNotIn('Left the register', text)
        # a village's forms are the children on the register
        out, text = self.pdf('report', 'form', '--village', '220102001002', '--pdf')
        self.assertIn('Wrote 1 form', out)

        # the comparison with a department's list is with the register: the child who left is not
        # "on no list" nor counted, and an entry of theirs is a task to see whether the child is back
        police = os.path.join(self.tmp.name, 'police.csv')
        with open(police, 'w', encoding='utf-8') as f:
            f.write('姓名,性别,出生日期,公民身份证号码\n王迁出,男,2017-03-02,%s\n' % id_number('2017-03-02', 3))
        self.ok('lists', 'import', '--department', 'police', police)
        round = self.json('compare', '--json')
        self.assertEqual(round['children'], 1)
        self.assertEqual([c['child_id'] for c in round['on_no_list']], [stay])
        self.assertEqual(round['not_registered'], [])
        back = [d for d in round['differences'] if d['name'] == '王迁出']
        self.assertEqual(len(back), 1, round)
        self.assertIn('Left the register on', back[0]['note'])

    def test_statistics(self):
        self.init()
        stay = self.add('张在册', '2018-05-14')
        # registered at 15; distressed, on the register until 18
        older = self.add('钱困境', '2010-06-10', child_category=['migrant', 'distressed'], registration_date='2026-05-01')
        moved = self.add('王迁出', '2017-03-02')
        aged = self.add('李超龄', '2010-10-05', today='2026-09-20')
        moved_within = self.add('孙转走', '2016-01-20')
        last_year = self.add('周去年', '2015-08-08', today='2025-09-20', registration_date='2025-09-15')
        self.ok('child', 'exit', moved, '--reason', 'moved-away', '--date', '2026-10-01')
        self.ok('child', 'exit', last_year, '--reason', 'returned-home', '--date', '2025-12-15', today='2026-01-05')
        self.ok('child', 'transfer', moved_within, '--township', '220102002', '--date', '2026-11-01',
                '--note', '搬到自强街道')
        self.assertEqual(self.json('ageing-out', 'run', '--json')['exited'], [aged])
        self.assertEqual(self.child(moved_within)['register'], 'transferred')

        ws = self.sheet('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--xlsx')
        total = {r[0].value: r[-1].value for r in ws.iter_rows(min_row=6) if r[0].value}
        self.assertEqual(total["Children on the register at the period's end"], 2)
        self.assertEqual(total['6 to 11'], 1)
        self.assertEqual(total['16 and over'], 1)
        self.assertEqual(total['Distressed child'], 1)
        # left in the period, by reason; the transferred copy on the day of the move; last year's not
        self.assertEqual(total['Children who left the register'], 3)
        self.assertEqual(total['Aged out'], 1)
        self.assertEqual(total['Moved away from the county'], 1)
        self.assertEqual(total['Moved to another township of this county'], 1)
        self.assertEqual(total['Returned to the place of household registration'], 0)
        self.assertEqual(total['Died'], 0)
        self.assertEqual(total['Other'], 0)
        # the period's end is a day: on 30 September the three who left since were on the register
        ws = self.sheet('report', 'stats', '--from', '2026-01-01', '--to', '2026-09-30', '--xlsx')
        total = {r[0].value: r[-1].value for r in ws.iter_rows(min_row=6) if r[0].value}
        self.assertEqual(total["Children on the register at the period's end"], 5)
        self.assertEqual(total['Children who left the register'], 0)
        ws = self.sheet('report', 'stats', '--from', '2025-12-01', '--to', '2025-12-31', '--xlsx')
        total = {r[0].value: r[-1].value for r in ws.iter_rows(min_row=6) if r[0].value}
        self.assertEqual(total['Returned to the place of household registration'], 1)

        # the PDF says the same, in the UI language
        out, text = self.pdf('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--pdf')
        self.assertIn('Counted 2 children', out)
        totals = [l.split()[1:] for l in text.splitlines() if l.strip().startswith('Total')]
        self.assertEqual(len(totals), 2)
        self.assertEqual(totals[0][:4], ['2', '2', '0', '1'])
        self.assertEqual(totals[1], ['3', '1', '1', '0', '1', '0', '0', '0'])
        self.assertIn('Left the register in the period, by reason', text)
        out, text = self.pdf('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--pdf',
                             language='zh_CN')
        flat = text.replace(' ', '')
        self.assertIn('统计期内退出台账的儿童（按原因）', flat)
        self.assertIn('超龄退出', flat)
        for name in ('张在册', '钱困境', '王迁出', '李超龄', '孙转走', '周去年'):
            self.assertNotIn(name, flat)

    # migration

    def test_migration_from_schema_15(self):
        """A store of schema 15 opened by this version: every child on the register, with the day they
        age out; the ageing-out run then takes off those past the limit."""
        subprocess.run([OLD_STORE, self.db, '15'], check=True, capture_output=True)
        db = sqlite3.connect(self.db)
        self.assertNotIn('register', [r[1] for r in db.execute('PRAGMA table_info(child)')])
        db.execute("INSERT INTO settings VALUES ('county', '220102'), ('township', '220102001')")
        children = {
            'young': ('张小明', '2018-05-14', 'migrant'),
            'past': ('王过龄', '2009-10-01', 'migrant'),
            'distressed': ('李困境', '2009-10-01', 'migrant,distressed'),
            'today': ('赵今天', '2010-11-25', 'migrant'),
        }
        uuids = {}
        for n, (key, (name, birth, category)) in enumerate(children.items()):
            uuids[key] = '0b7a3c1e-0000-4000-8000-00000000000%d' % n
            db.execute("INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, "
                       "f_birth_date, f_child_category, f_registration_date, f_residence_division, f_gender, "
                       "f_key_care, next_visit_due) VALUES (?, '2025-09-15T02:00:00Z', '2025-09-15T02:00:00Z', "
                       "'old-station', 1, 1, ?, ?, ?, '2025-09-15', '220102001002', 'male', 'no', '2026-12-01')",
                       (uuids[key], name, birth, category))
        db.commit()
        db.close()

        rows = self.json('child', 'list', '--all', '--json')
        self.assertEqual(sorted(c['id'] for c in rows), sorted(uuids.values()))
        self.assertEqual({c['register'] for c in rows}, {'active'})
        ages_out = {c['id']: c['ages_out'] for c in rows}
        self.assertEqual(ages_out, {uuids['young']: '2034-05-14', uuids['past']: '2025-10-01',
                                    uuids['distressed']: '2027-10-01', uuids['today']: '2026-11-25'})
        self.assertEqual(self.child(uuids['past'])['register'], 'active')
        run = self.json('ageing-out', 'run', '--json')
        self.assertEqual(run, {'exited': [uuids['past'], uuids['today']], 'held_by_urgent_case': []})
        c = self.child(uuids['past'])
        self.assertEqual((c['register'], c['exit_reason'], c['exit_date'], c['exit_by']),
                         ('exited', 'aged-out', '2025-10-01', 'rule'))
        self.assertEqual(self.ids('child', 'list'), sorted([uuids['young'], uuids['distressed']]))
        self.assertEqual(self.json('ageing-out', 'run', '--json')['exited'], [])


if __name__ == '__main__':
    txtest.main()
