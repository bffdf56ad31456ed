#!/usr/bin/python3
# tests/test-cli.py — tongxing-cli as a county office or a script uses it
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every refused command must leave the store's tables as they were (its audit trail records the
# login).

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

import txtest

CLI = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')


def fixture():
    with open(FIXTURE, encoding='utf-8') as f:
        return json.load(f)


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, 'sub', 'tongxing.db')
        self.env = dict(os.environ)
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp.name, 'xdg')
        self.env.pop('TONGXING_DB', None)

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, input=None, db=True, env=None):
        cmd = [CLI] + (['--db', self.db] if db else []) + list(args)
        return subprocess.run(cmd, input=input, capture_output=True, text=True,
                              env=env or self.env, timeout=120)

    def ok(self, *args, input=None):
        p = self.run_cli(*args, input=input)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stderr}')
        return p

    def refused(self, *args, input=None, key=None):
        before = self.snapshot()
        p = self.run_cli(*args, input=input)
        self.assertEqual(p.returncode, 1, f'{args} should be refused: {p.stdout} {p.stderr}')
        self.assertEqual(self.snapshot(), before, f'{args} changed the database')
        lines = [l for l in p.stderr.splitlines() if l]
        self.assertTrue(lines, 'a refusal says why')
        for line in lines:
            self.assertRegex(line, r'^[a-z_]+: ', 'each problem is a “key: message” line')
        if key:
            self.assertIn(key + ': ', p.stderr)
        return p

    def snapshot(self):
        # every table but the audit trail's, which records the login of a refused command too
        if not os.path.exists(self.db) or os.path.getsize(self.db) == 0:
            return None
        return txtest.digest(self.db)

    def init(self):
        self.ok('init', '--county', '220102', '--township', '220102001')

    def add_fixture(self, **changes):
        rec = fixture()
        rec.update(changes)
        return self.ok('child', 'add', '-', input=json.dumps(rec, ensure_ascii=False)).stdout.strip()

    # --- tests

    def test_init_refuses_unknown_codes(self):
        self.init()
        self.refused('init', '--county', '999999', key='workstation')
        self.refused('init', '--county', '220102', '--township', '110105001', key='workstation')
        self.assertEqual(self.run_cli('init').returncode, 2)

    def test_file_mode(self):
        self.init()
        self.assertEqual(os.stat(self.db).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(os.path.dirname(self.db)).st_mode & 0o077, 0)

    def test_default_db_in_xdg_data_home(self):
        p = self.run_cli('init', '--county', '220102', db=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.env['XDG_DATA_HOME'], 'tongxing', 'tongxing.db')))
        env = dict(self.env, TONGXING_DB=os.path.join(self.tmp.name, 'env.db'))
        p = self.run_cli('init', '--county', '220102', db=False, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(env['TONGXING_DB']))

    def test_add_get_round_trip(self):
        self.init()
        rec = fixture()
        cid = self.add_fixture()
        got = json.loads(self.ok('child', 'get', cid, '--reveal-id').stdout)
        for key, value in rec.items():
            if key == 'key_care_reasons':
                self.assertEqual(got[key], ['insufficient', 'psychological'])
            else:
                self.assertEqual(got[key], value, key)
        self.assertEqual(got['id'], cid)
        self.assertEqual(got['age'], 8)
        self.assertIs(got['eligible'], True)
        self.assertEqual(got['migration_scope'], 'inter_province')
        self.assertIs(got['key_care'], True)
        self.assertIs(got['complete'], True)
        self.assertEqual(got['problems'], [])
        self.assertEqual(got['reporting_township'], '220102001')

    def test_add_by_chinese_labels(self):
        self.init()
        rec = fixture()
        rec.update({'gender': '男', 'ethnicity': '汉族', 'schooling': '小学', 'health': '健康',
                    'guardianship': '一般', 'child_category': '流动儿童',
                    'id_number': '51132320180514123x'.replace('123x', '1234')})
        cid = self.ok('child', 'add', '-', input=json.dumps(rec, ensure_ascii=False)).stdout.strip()
        got = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertEqual(got['gender'], 'male')
        self.assertEqual(got['ethnicity'], '01')
        self.assertEqual(got['schooling'], 'primary')
        self.assertEqual(got['health'], ['healthy'])
        self.assertEqual(got['child_category'], ['migrant'])

    def test_add_from_file(self):
        self.init()
        p = self.ok('child', 'add', FIXTURE)
        self.assertEqual(len(p.stdout.strip()), 36)

    def test_error_paths_change_nothing(self):
        self.init()
        cid = self.add_fixture()
        bad_id = dict(fixture(), id_number='511323201805141235', name='王小明')
        self.refused('child', 'add', '-', input=json.dumps(bad_id, ensure_ascii=False), key='id_number')
        self.refused('child', 'add', '-', input=json.dumps(fixture(), ensure_ascii=False), key='id_number')
        incomplete = dict(fixture(), id_number=None, id_type='none', contact_phone=None, name='李四')
        p = self.refused('child', 'add', '-', input=json.dumps(incomplete, ensure_ascii=False), key='contact_phone')
        self.refused('child', 'add', '-', input='{"name": ', key='input')
        self.refused('child', 'add', '-', input='[1, 2]', key='input')
        self.refused('child', 'add', '-', input='{"nmae": "张三"}', key='nmae')
        self.refused('child', 'add', '-', input='{"name": "张三", "health": {"a": 1}}', key='health')
        self.refused('child', 'add', '/nonexistent/file.json', key='input')
        self.refused('child', 'add', '--draft', '-', input='{"name": "张3", "gender": "x"}', key='name')
        self.refused('child', 'update', cid, '-', input='{"birth_date": "2018-05-15"}', key='birth_date')
        self.refused('child', 'update', cid, '-', input='{"contact_phone": null}', key='contact_phone')
        self.refused('child', 'update', cid, '-', input='{"arrival_date": "2030-01-01"}', key='arrival_date')
        self.refused('child', 'update', '00000000-0000-4000-8000-000000000000', '-', input='{}', key='id')
        self.refused('child', 'get', '00000000-0000-4000-8000-000000000000', key='id')
        self.refused('child', 'delete', '00000000-0000-4000-8000-000000000000', key='id')
        self.refused('check-id', '511323201805141235', key='id_number')

    def test_draft(self):
        self.init()
        draft = dict(fixture(), contact_phone=None, vaccination=None)
        cid = self.ok('child', 'add', '--draft', '-', input=json.dumps(draft, ensure_ascii=False)).stdout.strip()
        got = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertIs(got['draft'], True)
        self.assertIs(got['complete'], False)
        self.assertEqual(got['status'], 'draft')
        missing = {p['field'] for p in got['problems'] if p['severity'] == 'missing'}
        self.assertEqual(missing, {'contact_phone', 'vaccination'})
        rows = json.loads(self.ok('child', 'list', '--incomplete', '--json').stdout)
        self.assertEqual([r['id'] for r in rows], [cid])
        # completing the draft makes it complete
        self.ok('child', 'update', cid, '-', input='{"contact_phone": "13800000000", "vaccination": "按程序完成"}')
        got = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertIs(got['draft'], False)
        self.assertEqual(got['status'], 'complete')

    def test_update_only_given_keys(self):
        self.init()
        cid = self.add_fixture()
        self.ok('child', 'update', cid, '-', input='{"family_structure": "单亲家庭", "mother_status": "死亡"}')
        got = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertEqual(got['family_structure'], 'single_parent')
        self.assertIn('single_parent', got['key_care_reasons'])
        self.assertEqual(got['name'], '张小明')
        # the output of get can be given back
        p = self.ok('child', 'update', cid, '-', input=json.dumps(got, ensure_ascii=False))
        self.assertEqual(json.loads(self.ok('child', 'get', cid).stdout)['updated_at'] >= got['updated_at'], True)

    def test_delete(self):
        self.init()
        cid = self.add_fixture()
        self.ok('child', 'delete', cid)
        self.refused('child', 'get', cid, key='id')
        self.assertEqual(json.loads(self.ok('child', 'list', '--json').stdout), [])
        self.add_fixture()  # the identity number is free again

    def test_list_and_search(self):
        self.init()
        a = self.add_fixture()
        b = self.add_fixture(name='王小红', gender='female', id_number='511323201805141242',
                             key_care_reasons=[], guardianship='good', guardianship_problem=[],
                             residence_division='220102001001')
        rows = json.loads(self.ok('child', 'list', '--json').stdout)
        self.assertEqual([r['name'] for r in rows], ['王小红', '张小明'])
        for r in rows:
            for key in ('id', 'name', 'birth_date', 'residence_division', 'age', 'eligible',
                        'migration_scope', 'key_care', 'key_care_reasons', 'complete'):
                self.assertIn(key, r)
            self.assertIn('*', r['id_number'], 'identity numbers are masked unless asked')
        revealed = json.loads(self.ok('child', 'list', '--json', '--reveal-ids').stdout)
        self.assertEqual(revealed[1]['id_number'], '511323201805141234')

        def names(*args):
            return [r['name'] for r in json.loads(self.ok('child', 'list', '--json', *args).stdout)]
        self.assertEqual(names('--search', '小'), ['王小红', '张小明'])
        self.assertEqual(names('--search', '小明'), ['张小明'])
        self.assertEqual(names('--search', 'wxh'), ['王小红'])
        self.assertEqual(names('--search', '1242'), ['王小红'])
        self.assertEqual(names('--search', '511323'), ['王小红', '张小明'])
        self.assertEqual(names('--key-care'), ['张小明'])
        self.assertEqual(names('--village', '220102001001'), ['王小红'])
        self.assertEqual(names('--limit', '1', '--offset', '1'), ['张小明'])
        # the next page after a child, through the index: the same as --offset
        self.assertEqual(names('--limit', '1', '--after', rows[0]['id']), ['张小明'])
        self.assertEqual(names('--after', rows[1]['id']), [])
        self.assertEqual(names('--search', '小', '--after', rows[0]['id']), ['张小明'])
        self.assertEqual(names('--search', '511323', '--after', rows[0]['id']), ['张小明'])
        p = self.run_cli('child', 'list', '--after', '00000000-0000-4000-8000-000000000000')
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn('--after', p.stderr)
        self.assertIn('1 of 2 children', self.ok('child', 'list', '--after', rows[0]['id']).stderr)
        text = self.ok('child', 'list').stdout
        self.assertIn('张小明', text)
        self.assertIn('511323********1234', text)
        self.assertNotIn('511323201805141234', text)

    def test_check_id(self):
        p = self.run_cli('check-id', '11010519491231002x', db=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn('1949-12-31', p.stdout)
        self.assertIn('北京市朝阳区', p.stdout)
        p = self.run_cli('check-id', '110105491231002', db=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn('11010519491231002X', p.stderr)
        p = self.run_cli('check-id', '511323201805141235', db=False)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('id_number: '))

    def test_form_describe(self):
        form = json.loads(self.run_cli('form', 'describe', db=False).stdout)
        keys = [f['key'] for s in form['sections'] for f in s['fields']]
        with open(os.path.join(SRC, 'data', 'form-keys.txt'), encoding='utf-8') as f:
            wanted = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        for k in wanted:
            self.assertIn(k, keys)
        eth = next(f for s in form['sections'] for f in s['fields'] if f['key'] == 'ethnicity')
        self.assertEqual(len(eth['choices']), 58)

    def test_demo(self):
        self.refused('demo', '--children', '5', key='database')
        self.init()
        out = self.ok('demo', '--children', '200', '--seed', '3').stdout
        rows = json.loads(self.ok('child', 'list', '--all', '--json', '--limit', '1000').stdout)
        self.assertEqual(len(rows), 200)
        self.assertTrue(any(r['key_care'] for r in rows))
        self.assertTrue(all(r['residence_division'].startswith('220102001') for r in rows))
        # some left the register over the last year, and those past the age limit aged out
        left = [r for r in rows if r['register'] != 'active']
        self.assertIn(f'{len(left)} children have left the register', out)
        self.assertTrue(any(r['exit_reason'] == 'aged-out' for r in left))
        self.assertTrue(any(r['exit_reason'] in ('moved-away', 'returned-home') for r in left))
        self.assertEqual(len(json.loads(self.ok('child', 'list', '--json', '--limit', '1000').stdout)),
                         200 - len(left))
        self.assertEqual(json.loads(self.ok('ageing-out', 'run', '--json').stdout)['exited'], [])

    def test_schedule(self):
        self.init()
        cid = self.add_fixture()
        shown = self.ok('schedule').stdout
        self.assertIn('every 15 days', shown)
        self.assertIn('within 30 days', shown)
        # registered 2026-09-15: within 10 days is the 25th, the Mid-Autumn Festival, so the 24th
        self.assertIn('within 10 days', self.ok('schedule', '--first-visit-days', '10').stdout)
        self.assertEqual(json.loads(self.ok('child', 'get', cid).stdout)['next_visit_due'], '2026-09-24')
        self.refused('schedule', '--key-care-days', '0')
        self.refused('schedule', '--good-months', '13')
        self.assertIn('within 10 days', self.ok('schedule').stdout)
        self.assertEqual(self.run_cli('schedule', 'now').returncode, 2)
        self.assertEqual(self.ok('staff').stdout, '')

    def test_holidays(self):
        self.init()
        cid = self.add_fixture()
        self.assertEqual(self.ok('holidays').stdout.split(), ['2024', '2025', '2026'])
        visit = {'child_id': cid, 'date': '2026-11-02', 'visitor': '李春梅', 'kind': 'home'}
        self.ok('visit', 'add', '-', input=json.dumps(visit))
        # a key-care child visited every 90 days: 2027-01-31 is a Sunday, so the
        # Friday before; 2027 has no holiday data yet
        self.ok('schedule', '--key-care-days', '90')
        self.assertEqual(json.loads(self.ok('child', 'get', cid).stdout)['next_visit_due'], '2027-01-29')
        bad = os.path.join(self.tmp.name, 'bad.json')
        with open(bad, 'w') as f:
            f.write('{"holidays": {"2027-02-31": "x"}}')
        p = self.refused('holidays', 'load', bad)
        self.assertIn('2027-02-31', p.stderr)
        self.refused('holidays', 'load', os.path.join(self.tmp.name, 'missing.json'))
        good = os.path.join(self.tmp.name, '2027.json')
        with open(good, 'w') as f:
            json.dump({'holidays': {'2027-01-29': 'Test holiday,测试,1'},
                       'workdays': {'2027-01-30': 'Test holiday,测试,1'}}, f)
        self.assertIn('2027', self.ok('holidays', 'load', good).stdout.split())
        # the Sunday's working day before is now the make-up Saturday; the calendar stays loaded
        self.assertEqual(json.loads(self.ok('child', 'get', cid).stdout)['next_visit_due'], '2027-01-30')
        self.assertEqual(self.ok('holidays').stdout.split(), ['2024', '2025', '2026', '2027'])
        self.assertEqual(self.run_cli('holidays', 'drop').returncode, 2)

    def test_update_due(self):
        self.init()
        self.ok('demo', '--children', '300')
        rows = json.loads(self.ok('child', 'list', '--json', '--limit', '1000').stdout)
        due = json.loads(self.ok('child', 'list', '--update-due', '--json', '--limit', '1000').stdout)
        expected = sorted(r['id'] for r in rows if r['info_refresh_due'] and r['info_refresh_due'] <= '2026-11-25')
        self.assertTrue(expected, 'the demo has information updates due')
        self.assertEqual(sorted(r['id'] for r in due), expected)

    def test_visits_due(self):
        self.init()
        cid = self.add_fixture()
        got = json.loads(self.ok('child', 'get', cid).stdout)
        # registered 2026-09-15: the first visit is due within 30 days
        self.assertEqual(got['next_visit_due'], '2026-10-15')
        self.assertIsNone(got['last_home_visit'])
        due = json.loads(self.ok('visits', 'due', '--month', '2026-10', '--json').stdout)
        self.assertEqual([d['child_id'] for d in due], [cid])
        self.assertEqual(due[0]['due_date'], '2026-10-15')
        self.assertIs(due[0]['overdue'], True)  # today is 2026-11-25 in the tests
        self.assertEqual(json.loads(self.ok('visits', 'due', '--on', '2026-10-15', '--json').stdout)[0]['name'], '张小明')
        self.assertEqual(json.loads(self.ok('visits', 'due', '--month', '2026-11', '--json').stdout), [])
        self.assertEqual(len(json.loads(self.ok('visits', 'due', '--overdue', '--json').stdout)), 1)
        rows = json.loads(self.ok('child', 'list', '--overdue', '--json').stdout)
        self.assertEqual([(r['id'], r['next_visit_due'], r['urgent']) for r in rows], [(cid, '2026-10-15', False)])
        self.assertEqual(json.loads(self.ok('child', 'list', '--urgent', '--json').stdout), [])
        self.assertEqual(self.run_cli('visits', 'due').returncode, 2)
        self.assertEqual(self.run_cli('visits', 'due', '--month', '2026-13').returncode, 2)
        self.assertEqual(self.run_cli('visits', 'due', '--on', 'tomorrow').returncode, 2)

    def test_visits(self):
        self.init()
        cid = self.add_fixture(guardianship='good', guardianship_problem=[], key_care_reasons=[])
        visit = {'child_id': cid, 'date': '2026-10-12', 'visitor': '李春梅', 'kind': '入户走访',
                 'findings': {'living': '住房整洁', 'guardianship': '父母照料尽心',
                              'medical_schooling': '按时上学', 'services': '已告知疫苗补种'},
                 'needs': '课后辅导', 'actions': '联系学校', 'services': ['school_enrolment'],
                 'follow_up': '一个月后电话回访'}
        vid = self.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False)).stdout.strip()
        got = json.loads(self.ok('visit', 'get', vid).stdout)
        self.assertEqual(got['kind'], 'home')
        self.assertEqual(got['findings']['medical_schooling'], '按时上学')
        self.assertEqual(got['services'], ['school_enrolment'])
        self.assertIs(got['complete'], True)
        child = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertEqual(child['last_home_visit'], '2026-10-12')
        self.assertEqual(child['next_visit_due'], '2027-01-12')  # good: three months
        # a re-assessment reschedules at once
        again = dict(visit, date='2026-11-20', guardianship='差', guardianship_problem=['监护缺失'])
        self.ok('visit', 'add', '-', input=json.dumps(again, ensure_ascii=False))
        child = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertEqual(child['guardianship'], 'poor')
        self.assertIn('absent', child['key_care_reasons'])
        self.assertEqual(child['next_visit_due'], '2026-12-04')  # 15 days, back from Saturday
        listed = json.loads(self.ok('visit', 'list', '--child', cid).stdout)
        self.assertEqual([v['date'] for v in listed], ['2026-10-12', '2026-11-20'])
        self.assertEqual(len(json.loads(self.ok('visit', 'list', '--month', '2026-11').stdout)), 1)
        services = json.loads(self.ok('services', 'list', '--json').stdout)
        self.assertEqual(len({s['group'] for s in services}), 6)

    def test_visit_errors_change_nothing(self):
        self.init()
        cid = self.add_fixture()
        base = {'child_id': cid, 'date': '2026-11-20', 'visitor': '李春梅', 'kind': 'home'}
        urgent = dict(base, urgent=['疑似遭受家庭暴力'])
        self.refused('visit', 'add', '-', input=json.dumps(urgent, ensure_ascii=False), key='police_report')
        self.refused('visit', 'add', '-', input=json.dumps(dict(base, date='2026-11-26')), key='date')
        self.refused('visit', 'add', '-', input=json.dumps(dict(base, kind='letter')), key='kind')
        self.refused('visit', 'add', '-', input=json.dumps(dict(base, services=['ponies'])), key='services')
        self.refused('visit', 'add', '-', input=json.dumps(dict(base, child_id='nobody')), key='child_id')
        self.refused('visit', 'add', '-', input=json.dumps(dict(base, when='now')), key='when')
        self.refused('visit', 'get', '00000000-0000-4000-8000-000000000000', key='id')
        # with --draft the urgent visit is kept, marked incomplete
        vid = self.ok('visit', 'add', '--draft', '-', input=json.dumps(urgent, ensure_ascii=False)).stdout.strip()
        self.assertIs(json.loads(self.ok('visit', 'get', vid).stdout)['complete'], False)
        # and the child is urgent until the case is closed with a note
        self.assertIs(json.loads(self.ok('child', 'get', cid).stdout)['urgent'], True)
        cases = json.loads(self.ok('urgent', 'list', '--json').stdout)
        self.assertEqual([(c['child_id'], c['urgent']) for c in cases], [(cid, ['domestic_violence'])])
        self.refused('urgent', 'close', cid, key='note')
        closed = self.ok('urgent', 'close', cid, '--note', '已报警处置，儿童由外祖母照料', '--by', '王建国')
        # it says so, as the other commands that change a record do
        self.assertIn(cid, closed.stdout)
        self.assertIn('urgent case is closed', closed.stdout)
        self.assertIs(json.loads(self.ok('child', 'get', cid).stdout)['urgent'], False)
        self.assertEqual(json.loads(self.ok('urgent', 'list', '--json').stdout), [])
        self.refused('urgent', 'close', cid, '--note', '再次关闭', key='id')

    def test_exports_never_overwrite_the_store(self):
        # a report or a station file saved under the database's own name
        # (or its log's, or its key file's) would replace the children's records
        self.init()
        cid = self.add_fixture()
        for target in (self.db, self.db + '-wal', self.db + '.keys'):
            p = self.run_cli('report', 'ledger', '--all', '--xlsx', target)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("Tongxing's own database", p.stderr)
        p = self.run_cli('report', 'visits', '--month', '2026-11', '--pdf', self.db)
        self.assertEqual(p.returncode, 1, p.stderr)
        p = self.run_cli('station', 'export-identity', self.db)
        self.assertEqual(p.returncode, 1, p.stderr)
        # the store is whole and holds the child
        self.assertEqual(json.loads(self.ok('child', 'get', cid).stdout)['id'], cid)
        self.assertEqual(txtest.sql(self.db, 'PRAGMA integrity_check'), [['ok']])

    def test_init_names_the_staff(self):
        # the supervisor named at init is the first account when no other is named, and the
        # person logged in makes the reports
        self.env.pop('TONGXING_USER')
        self.ok('init', '--county', '220102', '--township', '220102001', '--supervisor', '李春梅',
                '--directors', '王建国，张丽')
        self.env['TONGXING_USER'] = '李春梅'
        self.assertEqual(self.ok('staff').stdout.split(), ['李春梅', '王建国', '张丽'])
        out = os.path.join(self.tmp.name, 'visits.pdf')
        self.ok('report', 'visits', '--month', '2026-11', '--pdf', out)
        text = subprocess.run(['pdftotext', out, '-'], capture_output=True, text=True).stdout
        self.assertIn('李春梅', text)

    def test_status_against_today(self):
        # 15 at registration, 16 today (the tests' 2026-11-25): off the register
        self.init()
        old = self.add_fixture(name='周大', birth_date='2010-03-01', id_type='none', id_number=None,
                               registration_date='2025-12-01', arrival_date='2024-03-01',
                               schooling='junior', health_managed='not_applicable')
        young = self.add_fixture()
        rows = {r['id']: r for r in json.loads(self.ok('child', 'list', '--json').stdout)}
        self.assertEqual(rows[old]['status'], 'aged_out')
        self.assertEqual(rows[old]['age'], 16)
        self.assertEqual(rows[young]['status'], 'complete')
        self.assertEqual(json.loads(self.ok('child', 'get', old).stdout)['status'], 'aged_out')
        text = self.ok('child', 'list').stdout
        self.assertIn('past the age limit', [l for l in text.splitlines() if '周大' in l][0])

    def test_help_lists_what_the_readme_lists(self):
        # the usage in the README and the one --help prints are the same
        readme = os.path.join(SRC, '..', 'README.md')
        with open(readme, encoding='utf-8') as f:
            text = f.read()
        block = text.split('tongxing-cli [--db PATH] [--user NAME] [--password-file FILE] COMMAND …', 1)[1].split('```', 1)[0]
        usage = [l.strip() for l in block.splitlines() if l.strip()]
        shown = ' '.join(self.run_cli('--help', db=False).stdout.split())
        for line in usage:
            self.assertIn(' '.join(line.split()), shown, f'--help lacks: {line}')

    def test_draft_needs_a_name(self):
        self.init()
        rec = fixture()
        del rec['name']
        p = self.refused('child', 'add', '--draft', '-', input=json.dumps(rec, ensure_ascii=False), key='name')
        self.assertIn('Even a draft needs', p.stderr)

    def test_chinese_messages(self):
        env = dict(self.env, LANGUAGE='zh_CN')
        p = self.run_cli('check-id', '511323201805141235', db=False, env=env)
        self.assertIn('校验码', p.stderr)
        p = self.run_cli('check-id', '11010519491231002X', db=False, env=env)
        self.assertIn('出生日期', p.stdout)

    def test_usage_errors(self):
        self.assertEqual(self.run_cli('frobnicate').returncode, 2)
        self.assertEqual(self.run_cli('child').returncode, 2)
        self.assertEqual(self.run_cli('child', 'list', '--limit', 'x').returncode, 2)
        self.assertEqual(self.run_cli('--help', db=False).returncode, 0)


if __name__ == '__main__':
    txtest.main()
