#!/usr/bin/python3
# tests/test-reports.py — the reports, read back by independent readers
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ledger is opened with openpyxl (Debian's python3-openpyxl), not with
# anything of ours: the header must mirror the form declaration, every child
# must have a row, identity numbers must stay text and dates be dates. The
# workbooks are also opened in LibreOffice Calc (headless, to CSV), and every
# cell must read back there as openpyxl reads it.

import csv
import datetime
import glob
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import struct
import unittest
import zlib

import openpyxl

import txtest

CLI = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')


def read_gray_png(path):
    """Width, height and grey rows of an 8-bit greyscale or RGB PNG, decoded here (no imaging library)."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    pos, idat, width, bpp = 8, b'', 0, 1
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and colour in (0, 2), 'an 8-bit greyscale or RGB PNG'
            bpp = 1 if colour == 0 else 3
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line if bpp == 1 else bytearray(sum(line[x:x + 3]) // 3 for x in range(0, stride, 3)))
        prev = line
    return width, height, rows


class Reports(txtest.CliStore):
    cli = CLI

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, 'tongxing.db')
        cls.run_ok('init', '--county', '220102', '--township', '220102001')
        with open(FIXTURE, encoding='utf-8') as f:
            cls.fixture = json.load(f)
        cls.fixture_id = cls.run_ok('child', 'add', '-', input=json.dumps(cls.fixture)).stdout.strip()
        # a form brought back half filled in
        cls.run_ok('child', 'add', '--draft', '-', input=json.dumps({'name': '王小草', 'gender': 'female'}))
        cls.run_ok('demo', '--children', '150')
        cls.children = json.loads(cls.run_ok('child', 'list', '--json', '--limit', '100000').stdout)
        cls.form = json.loads(cls.run_ok('form', 'describe').stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def ledger(self, *args, language='zh_CN'):
        out = os.path.join(self.tmp.name, 'ledger-%d.xlsx' % len(os.listdir(self.tmp.name)))
        self.run_ok('report', 'ledger', '--xlsx', out, *args, language=language)
        return out, openpyxl.load_workbook(out).active

    def fields(self, key_care=False):
        shown = []
        for s in self.form['sections']:
            if s['key'] == 'footer':
                continue
            for f in s['fields']:
                if not key_care or s['key'] in ('basic', 'guardianship', 'key_care') or f['key'] == 'registration_date':
                    shown.append((s, f))
        return shown

    @staticmethod
    def on_register(c, day):
        """Whether child list's @c is on the register on @day: a complete record, eligible by then,
        not aged out by then (the categories' limits: 16, distressed children 18)."""
        return (c['status'] != 'draft' and c['complete'] and c['eligible']
                and (c['eligible_from'] is None or c['eligible_from'] <= day) and c['ages_out'] > day)

    def registered(self, children=None):
        """The children on the register today (TONGXING_TODAY)."""
        return [c for c in (children if children is not None else self.children)
                if self.on_register(c, '2026-11-25')]

    def ledger_columns(self, key_care=False):
        """The ledger's columns, as (key, heading): the number, the status, the form's fields with the
        age after the birth date, then the visits."""
        columns = [('number', '序号'), ('status', '状态')]
        for s, f in self.fields(key_care):
            columns.append((f['key'], f['zh']))
            if f['key'] == 'birth_date':
                columns.append(('age', '年龄'))
        return columns + [('last_visit', '上次入户走访'), ('next_visit', '下次入户走访'), ('update', '信息更新')]

    def ledger_labels(self, key_care=False):
        return [label for key, label in self.ledger_columns(key_care)]

    def test_ledger(self):
        path, ws = self.ledger()
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, 'personal data: the file is 0600')
        self.assertIn('流动儿童信息台账', ws['A1'].value)
        self.assertIn('内部资料 注意保密', ws['A2'].value)
        self.assertIn('2026-11-25 在册儿童：信息完整、符合条件、未超过年龄上限', ws['A2'].value)

        # the two-row header mirrors the form: the section over its fields;
        # the number and the status first, the age after the birth date
        labels = [c.value for c in ws[4]]
        self.assertEqual(labels, self.ledger_labels())
        sections = {f['zh']: s['zh'] for s, f in self.fields()}
        sections['年龄'] = sections['出生日期']
        for col, label in enumerate(labels, start=1):
            if label not in sections:
                continue
            top = ws.cell(row=3, column=col)
            merged = [r for r in ws.merged_cells.ranges if top.coordinate in r]
            value = ws.cell(row=3, column=merged[0].min_col).value if merged else top.value
            self.assertEqual(value, sections[label], label)
        self.assertEqual(ws.freeze_panes, 'C5')
        self.assertTrue(ws.auto_filter.ref.startswith('A4:'))

        # by default a row per child on the register today, numbered
        registered = self.registered()
        self.assertLess(len(registered), len(self.children), 'the demo has drafts and children not eligible')
        self.assertEqual(ws.max_row - 4, len(registered))
        col = {key: i for i, (key, label) in enumerate(self.ledger_columns())}
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
        self.assertEqual([r[col['number']] for r in rows], list(range(1, len(rows) + 1)))
        # complete: a distressed child is on the register until 18, a child past the limit is not on it
        self.assertEqual({r[col['status']] for r in rows}, {'完整'})
        ages = {c['id_number']: c['age'] for c in registered}
        # the age on the day of the report (TONGXING_TODAY), as the roster counts it
        for r in rows:
            self.assertIsInstance(r[col['age']], int)
            self.assertLess(r[col['age']], 16 if '困境儿童' not in r[col['child_category']] else 18)
        self.assertEqual(sorted(r[col['age']] for r in rows), sorted(ages.values()))

        # the fixture's row equal to the store
        mine = [r for r in rows if r[col['id_number']] == self.fixture['id_number']]
        self.assertEqual(len(mine), 1)
        row = mine[0]
        self.assertIsInstance(row[col['id_number']], str, 'identity numbers stay text')
        self.assertIsInstance(row[col['contact_phone']], str)
        self.assertEqual(row[col['contact_phone']], self.fixture['contact_phone'])
        self.assertEqual(row[col['name']], self.fixture['name'])
        self.assertEqual(row[col['gender']], '男')
        self.assertEqual(row[col['birth_date']], datetime.datetime(2018, 5, 14))
        self.assertEqual(row[col['age']], 8)
        self.assertEqual(row[col['arrival_date']], datetime.datetime(2024, 3, 1))
        got = json.loads(self.run_ok('child', 'get', self.fixture_id).stdout)
        self.assertEqual(row[col['next_visit']].strftime('%Y-%m-%d'), got['next_visit_due'])
        self.assertEqual(row[col['update']].strftime('%Y-%m-%d'), got['info_refresh_due'])

    def test_ledger_all_with_status(self):
        """--all: every record on the register, drafts and children not (yet) eligible too, each with
        its status in the roster's words."""
        _, ws = self.ledger('--all')
        self.assertIn('按筛选条件列出的全部记录，注明状态', ws['A2'].value)
        self.assertEqual([c.value for c in ws[4]], self.ledger_labels())
        col = {key: i for i, (key, label) in enumerate(self.ledger_columns())}
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
        self.assertEqual(len(rows), len(self.children))

        def status(c):
            if c['status'] == 'draft':
                return '草稿'
            if c['status'] == 'incomplete':
                return '信息不全'
            if c['status'] == 'aged_out':
                return '已超龄'
            return '暂不符合条件' if c['status'] == 'not_eligible' else '完整'
        want = sorted((c['name'], c['age'], status(c)) for c in self.children)
        self.assertEqual(sorted((r[col['name']] or '', r[col['age']], r[col['status']]) for r in rows),
                         [(n or '', a, s) for n, a, s in want])
        self.assertGreater(len({s for n, a, s in want}), 2, 'the demo has children of several statuses')

    def test_ledger_filters_as_child_list(self):
        """The ledger's options filter as child list's do."""
        for args in (['--incomplete'], ['--not-eligible'], ['--all', '--key-care'], ['--all', '--overdue'],
                     ['--all', '--update-due'], ['--all', '--search', 'zh'],
                     ['--all', '--village', '220102001002']):
            listed = json.loads(self.run_ok('child', 'list', '--json', '--limit', '100000',
                                            *[a for a in args if a != '--all']).stdout)
            _, ws = self.ledger(*args)
            self.assertEqual(ws.max_row - 4, len(listed), args)
        # a filter without --all keeps to the register
        listed = json.loads(self.run_ok('child', 'list', '--json', '--limit', '100000', '--key-care').stdout)
        _, ws = self.ledger('--key-care')
        self.assertEqual(ws.max_row - 4, len(self.registered(listed)))

    def test_key_care_ledger(self):
        _, ws = self.ledger('--key-care')
        self.assertIn('重点关爱', ws['A1'].value)
        self.assertEqual([c.value for c in ws[4]], self.ledger_labels(key_care=True))
        key_care = [c for c in self.registered() if c['key_care']]
        self.assertTrue(key_care)
        self.assertEqual(ws.max_row - 4, len(key_care))

    def test_village_and_english(self):
        _, ws = self.ledger('--village', '220102001002', language='')
        self.assertIn('Ledger of migrant children', ws['A1'].value)
        self.assertIn('For internal use', ws['A2'].value)
        self.assertIn('on the register', ws['A2'].value)
        self.assertEqual([c.value for c in ws[4]][:2], ['No.', 'Status'])
        here = [c for c in self.registered() if c['residence_division'] == '220102001002']
        self.assertEqual(ws.max_row - 4, len(here))

    def test_no_file_without_its_log_line(self):
        """An export the log cannot take is not written: no file leaves unrecorded."""
        out = os.path.join(self.tmp.name, 'unlogged.xlsx')
        db = txtest.connect(self.db)
        db.execute("CREATE TRIGGER no_log BEFORE INSERT ON export_log BEGIN SELECT RAISE(ABORT, 'no room'); END")
        db.commit()
        try:
            p = self.run_cli('report', 'ledger', '--xlsx', out)
            self.assertEqual(p.returncode, 1)
            self.assertIn('no room', p.stderr)
            p = self.run_cli('report', 'visits', '--month', '2026-11', '--pdf', out + '.pdf')
            self.assertEqual(p.returncode, 1)
        finally:
            db.execute('DROP TRIGGER no_log')
            db.commit()
            db.close()
        self.assertFalse(os.path.exists(out))
        self.assertFalse(os.path.exists(out + '.pdf'))
        self.assertEqual([f for f in os.listdir(self.tmp.name) if f.endswith('.part')], [])

    def test_log(self):
        path, ws = self.ledger('--key-care')
        log = json.loads(self.run_ok('report', 'log', '--json').stdout)
        self.assertEqual(log[0]['what'], 'key_care_ledger')
        self.assertEqual(log[0]['detail'], os.path.basename(path))
        self.assertEqual(log[0]['children'], ws.max_row - 4)
        self.assertTrue(log[0]['at'].startswith('20'))
        # the log names no child
        for name in (c['name'] for c in self.children):
            self.assertNotIn(name, json.dumps(log, ensure_ascii=False))

    def pdf_text(self, path):
        return subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True,
                              check=True).stdout

    def test_visit_log(self):
        out = os.path.join(self.tmp.name, 'visits-2026-11.pdf')
        self.run_ok('report', 'visits', '--month', '2026-11', '--pdf', out)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        # a sound PDF with every font embedded
        subprocess.run(['qpdf', '--check', out], capture_output=True, check=True)
        fonts = subprocess.run(['pdffonts', out], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        self.assertTrue(fonts)
        for line in fonts:
            self.assertEqual(line.split()[-5], 'yes', f'not embedded: {line}')
        info = subprocess.run(['pdfinfo', out], capture_output=True, text=True, check=True).stdout
        pages = int([l for l in info.splitlines() if l.startswith('Pages:')][0].split()[1])
        self.assertIn('Title:           南关区南岭街道 · 2026年11月走访记录', info)

        text = self.pdf_text(out)
        flat = text.replace(' ', '')   # pdftotext spaces CJK text as it likes
        self.assertIn('2026年11月走访记录', text)
        self.assertIn('内部资料 注意保密', text)
        for heading in ('日期', '儿童', '走访人', '了解到的情况', '下次走访'):
            self.assertIn(heading, text)
        self.assertIn(f'第1页共{pages}页', flat)
        self.assertIn(f'第{pages}页共{pages}页', flat)
        self.assertEqual(flat.count('页共'), pages, 'a footer on every page')
        # dates are not broken across lines
        self.assertRegex(text, r'2026-11-\d\d +\S')
        # every visit of the month is listed: its child's name on its date
        visits = json.loads(self.run_ok('visit', 'list', '--month', '2026-11').stdout)
        self.assertTrue(visits)
        names = {c['id']: c['name'] for c in self.children}
        for v in visits:
            self.assertIn(names[v['child_id']], flat)
        # the summary says what each figure counts, over which days: the
        # month's visits and children visited, the overdue children on the
        # day the log is made (TONGXING_TODAY)
        overdue = json.loads(self.run_ok('visits', 'due', '--overdue', '--json').stdout)
        self.assertIn('本月（2026-11-01至2026-11-30）：', flat)
        self.assertIn('走访次数：%d次' % len(visits), flat)
        self.assertIn('走访儿童：%d名' % len({v['child_id'] for v in visits}), flat)
        self.assertIn('截至制表日2026-11-25，南关区南岭街道：', flat)
        self.assertIn('应走访而未走访（已逾期）的儿童：%d名' % len(overdue), flat)
        self.assertNotIn('应入户走访儿童', flat)
        # then the signatures, on the last page
        last = flat.split('\f')[pages - 1]
        self.assertIn('填表人', last)
        self.assertIn('单位负责人', last)
        villages = {'华阳社区', '恒安社区', '百屹社区'}
        for page in text.split('\f')[:pages]:
            lines = [l.strip() for l in page.splitlines() if l.strip()]
            # a village's heading never ends a page
            self.assertNotIn(lines[-2], villages, 'a heading alone at the foot of a page')
            # the village is the heading of its rows, not a column repeating it
            header = [l for l in lines if l.startswith('日期')]
            if header:
                self.assertNotIn('村（社区）', header[0])
            for village in villages:
                self.assertLessEqual(page.count(village), 1, f'{village} more than once on a page')
            # every page of rows starts with its village: a page its rows run on to says so
            if header:
                first = lines[lines.index(header[0]) + 1].replace(' ', '')
                self.assertTrue(first in villages or (first.endswith('（续）') and first[:-3] in villages), page)

    def test_visit_log_rows_per_page(self):
        """As many rows as fit: no third of a page left blank, the free text given the room."""
        out = os.path.join(self.tmp.name, 'visits-dense.pdf')
        self.run_ok('report', 'visits', '--month', '2026-11', '--pdf', out)
        visits = json.loads(self.run_ok('visit', 'list', '--month', '2026-11').stdout)
        pages = self.pdf_text(out).split('\f')
        rows = [len([l for l in p.splitlines() if re.match(r'\s*2026-11-\d\d ', l)]) for p in pages]
        full = [n for n in rows if n][:-1]   # every page of rows but the last
        self.assertTrue(full, 'the month fills more than one page')
        for n in full:
            self.assertGreaterEqual(n, 22, f'rows per page: {rows}')
        # it was ten visits a page and 121 pages for the demo township's month
        self.assertLessEqual(self.pdf_pages(out), len(visits) // 22 + 2)
        log = json.loads(self.run_ok('report', 'log', '--json').stdout)
        self.assertEqual((log[0]['what'], log[0]['children']), ('visit_log', len(visits)))

    def test_visit_log_of_one_visitor(self):
        visits = json.loads(self.run_ok('visit', 'list', '--month', '2026-11').stdout)
        who = visits[0]['visitor']
        theirs = [v for v in visits if v['visitor'] == who]
        out = os.path.join(self.tmp.name, 'visits-one.xlsx')
        self.assertIn(str(len(theirs)), self.run_ok('report', 'visits', '--month', '2026-11', '--visitor', who,
                                                    '--xlsx', out).stdout)
        ws = openpyxl.load_workbook(out).active
        self.assertIn(who, ws['A1'].value)
        rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] and str(r[0]).startswith('2026-11-')]
        self.assertEqual(len(rows), len(theirs))
        self.assertTrue(all(r[3] == who for r in rows))

    def test_visit_log_empty_month_and_refusals(self):
        out = os.path.join(self.tmp.name, 'visits-2024-01.pdf')
        self.run_ok('report', 'visits', '--month', '2024-01', '--pdf', out)
        self.assertIn('本月没有走访记录', self.pdf_text(out).replace(' ', ''))
        self.assertEqual(self.run_cli('report', 'visits', '--month', '2026-13', '--pdf', out).returncode, 2)
        self.assertEqual(self.run_cli('report', 'visits', '--pdf', out).returncode, 2)
        p = self.run_cli('report', 'visits', '--month', '2026-11', '--pdf', '/nonexistent/dir/x.pdf')
        self.assertEqual(p.returncode, 1)
        self.assertIn('file: ', p.stderr)

    def pdf_pages(self, path):
        info = subprocess.run(['pdfinfo', path], capture_output=True, text=True, check=True).stdout
        return int([l for l in info.splitlines() if l.startswith('Pages:')][0].split()[1])

    def sections(self):
        return [s['zh'] for s in self.form['sections'] if s['key'] not in ('header', 'footer')]

    def test_forms(self):
        # one child: the fixture, as stored, ticked where it was ticked
        one = os.path.join(self.tmp.name, 'form-one.pdf')
        self.run_ok('report', 'form', '--child', self.fixture_id, '--pdf', one)
        subprocess.run(['qpdf', '--check', one], capture_output=True, check=True)
        fonts = subprocess.run(['pdffonts', one], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        for line in fonts:
            self.assertEqual(line.split()[-5], 'yes', f'not embedded: {line}')
        flat = self.pdf_text(one).replace(' ', '')
        self.assertIn('流动儿童基本情况登记表', flat)
        for heading in self.sections():
            self.assertIn(heading.replace(' ', ''), flat)
        self.assertIn(self.fixture['name'], flat)
        self.assertIn(self.fixture['id_number'], flat)
        self.assertIn('（√）男', flat)
        self.assertIn('（）女', flat)
        self.assertIn('填表人', flat)
        pages = self.pdf_pages(one)
        self.assertLessEqual(pages, 2, 'a child fits on one or two pages')
        self.assertIn(f'第1页共{pages}页', flat)

        # the key-care children: a form each, each from a new page
        many = os.path.join(self.tmp.name, 'forms-key-care.pdf')
        out = self.run_ok('report', 'form', '--key-care', '--pdf', many).stdout
        key_care = [c for c in self.children if c['key_care']]
        self.assertIn(str(len(key_care)), out)
        text = self.pdf_text(many)
        pages = text.split('\f')
        flat = text.replace(' ', '')
        self.assertEqual(flat.count('流动儿童基本情况登记表'), len(key_care))
        for c in key_care:
            self.assertIn(c['name'], flat)
        firsts = [p.replace(' ', '') for p in pages if '流动儿童基本情况登记表' in p]
        self.assertEqual(len(firsts), len(key_care), 'every form starts its own page')
        self.assertLessEqual(self.pdf_pages(many), 2 * len(key_care))

    def test_blank_form(self):
        blank = os.path.join(self.tmp.name, 'blank.pdf')
        self.run_ok('report', 'form', '--blank', '--pdf', blank)
        flat = self.pdf_text(blank).replace(' ', '')
        self.assertIn('流动儿童基本情况登记表', flat)
        for heading in self.sections():
            self.assertIn(heading.replace(' ', ''), flat)
        self.assertNotIn('√', flat, 'nothing is ticked on the blank form')
        self.assertNotIn(self.fixture['name'], flat)
        self.assertLessEqual(self.pdf_pages(blank), 2)

    def test_forms_refused(self):
        out = os.path.join(self.tmp.name, 'none.pdf')
        p = self.run_cli('report', 'form', '--village', '220102001099', '--pdf', out)
        self.assertEqual(p.returncode, 1)
        self.assertIn('file: ', p.stderr)
        p = self.run_cli('report', 'form', '--child', 'no-such-child', '--pdf', out)
        self.assertEqual(p.returncode, 1)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.run_cli('report', 'form', '--blank', '--key-care', '--pdf', out).returncode, 2)
        self.assertEqual(self.run_cli('report', 'form', '--pdf', out).returncode, 2)

    def test_stats(self):
        import zipfile
        out = os.path.join(self.tmp.name, 'stats.xlsx')
        self.run_ok('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--xlsx', out)
        ws = openpyxl.load_workbook(out).active
        self.assertIn('内部资料 注意保密', ws['A2'].value)
        header = [c.value for c in ws[5]]
        self.assertEqual(header[0], '村（社区）')
        self.assertEqual(header[-1], '合计')
        rows = {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows(min_row=6) if r[0].value}
        registered = [c for c in self.children if self.on_register(c, '2026-11-30')]
        total = rows['期末在册儿童数']
        self.assertLess(len(registered), len(self.children), 'drafts and children not eligible are not counted')
        self.assertEqual(total[-1], len(registered), 'every child on the register at the end')
        self.assertEqual(sum(total[:-1]), total[-1], 'the areas add up to the total')
        # by gender and by age, each child once
        self.assertEqual(rows['男'][-1] + rows['女'][-1], total[-1])
        self.assertEqual(sum(rows[k][-1] for k in ('3岁以下', '3至5岁', '6至11岁', '12至15岁', '16岁及以上')),
                         total[-1])
        self.assertEqual(rows['重点关爱儿童'][-1], len([c for c in registered if c['key_care']]))
        # who left in the period, by reason: as child list --exited has them
        left = [c for c in json.loads(self.run_ok('child', 'list', '--exited', '--json', '--limit', '100000').stdout)
                if '2026-01-01' <= c['exit_date'] <= '2026-11-30']
        self.assertTrue(left)
        self.assertEqual(rows['退出台账儿童数'][-1], len(left))
        self.assertEqual(rows['超龄退出'][-1], len([c for c in left if c['exit_reason'] == 'aged-out']))
        self.assertEqual(rows['迁出本县'][-1], len([c for c in left if c['exit_reason'] == 'moved-away']))
        # a share is the count over the children
        share = rows['居住地参保（占儿童比例）'][-1]
        self.assertAlmostEqual(share, rows['居住地参保'][-1] / total[-1], places=6)
        # visits made in the period, as the store has them
        visits = sum(len(json.loads(self.run_ok('visit', 'list', '--month', '2026-%02d' % m).stdout))
                     for m in range(1, 12))
        self.assertEqual(rows['完成走访次数'][-1], visits)
        # a chart, and no child named anywhere
        with zipfile.ZipFile(out) as z:
            self.assertTrue(any(n.startswith('xl/charts/chart') for n in z.namelist()))
            everything = ''.join(z.read(n).decode('utf-8', 'ignore') for n in z.namelist())
        for c in self.children:
            self.assertNotIn(c['name'], everything)
        self.assertEqual(self.run_cli('report', 'stats', '--from', '2026-12-01', '--to', '2026-01-01',
                                      '--xlsx', out).returncode, 1)

    def test_overdue_and_urgent_lists(self):
        overdue = json.loads(self.run_ok('visits', 'due', '--overdue', '--json').stdout)
        self.assertTrue(overdue)
        pdf = os.path.join(self.tmp.name, 'overdue.pdf')
        self.assertIn(str(len(overdue)), self.run_ok('report', 'overdue', '--pdf', pdf).stdout)
        subprocess.run(['qpdf', '--check', pdf], capture_output=True, check=True)
        flat = self.pdf_text(pdf).replace(' ', '')
        self.assertIn('内部资料注意保密', flat)
        self.assertIn('%d名儿童入户走访逾期' % len(overdue), flat)
        for row in overdue:
            self.assertIn(row['name'], flat)
        xlsx = os.path.join(self.tmp.name, 'overdue.xlsx')
        self.run_ok('report', 'overdue', '--xlsx', xlsx)
        ws = openpyxl.load_workbook(xlsx).active
        self.assertEqual([c.value for c in ws[4]][:3], ['应走访日期', '逾期天数', '儿童'])
        listed = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] is not None and r[2]]
        self.assertEqual(sorted(r[2] for r in listed), sorted(r['name'] for r in overdue))

        urgent = json.loads(self.run_ok('urgent', 'list', '--json').stdout)
        pdf = os.path.join(self.tmp.name, 'urgent.pdf')
        self.run_ok('report', 'urgent', '--pdf', pdf)
        flat = self.pdf_text(pdf).replace(' ', '')
        self.assertIn('%d起紧急情况未结案' % len(urgent), flat)
        for case in urgent:
            self.assertIn(case['name'], flat)
        if urgent:
            self.assertIn('派出所', flat)
        self.assertEqual(self.run_cli('report', 'urgent', '--village', '220102001002', '--pdf', pdf).returncode, 2)
        self.assertEqual(self.run_cli('report', 'overdue', '--pdf', pdf, '--xlsx', xlsx).returncode, 2)

    def test_visit_log_xlsx(self):
        xlsx = os.path.join(self.tmp.name, 'visits.xlsx')
        self.run_ok('report', 'visits', '--month', '2026-11', '--xlsx', xlsx)
        ws = openpyxl.load_workbook(xlsx).active
        self.assertIn('2026年11月走访记录', ws['A1'].value)
        visits = json.loads(self.run_ok('visit', 'list', '--month', '2026-11').stdout)
        dated = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] and str(r[0]).startswith('2026-11-')]
        self.assertEqual(len(dated), len(visits))

    def libreoffice_rows(self, xlsx):
        """The rows of @xlsx's sheet as LibreOffice Calc shows them (its own CSV export)."""
        soffice = shutil.which('soffice')
        self.assertIsNotNone(soffice, 'LibreOffice Calc: tools/install-deps.sh installs it')
        out = tempfile.mkdtemp(dir=self.tmp.name)
        profile = 'file://' + os.path.join(self.tmp.name, 'libreoffice-profile')
        # comma, double quote, UTF-8, from line 1, cells as shown, every sheet
        csv_filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
        p = subprocess.run([soffice, '-env:UserInstallation=' + profile, '--headless', '--convert-to', csv_filter,
                            '--outdir', out, xlsx], capture_output=True, text=True, timeout=600)
        sheets = glob.glob(os.path.join(out, '*.csv'))
        self.assertEqual(len(sheets), 1, p.stdout + p.stderr)
        with open(sheets[0], encoding='utf-8', newline='') as f:
            return list(csv.reader(f))

    def assert_libreoffice_reads_back(self, xlsx):
        ws = openpyxl.load_workbook(xlsx).active
        rows = self.libreoffice_rows(xlsx)
        self.assertEqual(len(rows), ws.max_row, xlsx)
        checked = 0
        for r, row in enumerate(ws.iter_rows()):
            for c, cell in enumerate(row):
                v = cell.value
                shown = rows[r][c] if c < len(rows[r]) else ''
                where = f'{os.path.basename(xlsx)} {cell.coordinate} ({cell.number_format})'
                if v is None:
                    want = ''
                elif isinstance(v, str):
                    want = v
                elif isinstance(v, datetime.datetime):
                    self.assertEqual(cell.number_format, 'yyyy-mm-dd', where)
                    want = v.strftime('%Y-%m-%d')
                elif cell.number_format == '0.0%':
                    want = f'{v * 100:.1f}%'
                else:
                    self.assertEqual(cell.number_format, 'General', where)
                    want = str(v)
                self.assertEqual(shown, want, where)
                checked += v is not None
        return checked

    def test_libreoffice_reads_back(self):
        """The ledger, the statistics and the visit log open in LibreOffice Calc as written:
        identity and phone numbers as the same text, Chinese intact, dates as dates."""
        ledger, ws = self.ledger()
        self.assertGreater(self.assert_libreoffice_reads_back(ledger), 51 * 40)
        rows = self.libreoffice_rows(ledger)
        id_col = rows[3].index('公民身份证号码')
        ids = [r[id_col] for r in rows[4:]]
        self.assertIn(self.fixture['id_number'], ids, 'the identity number is not turned into a number')

        stats = os.path.join(self.tmp.name, 'stats-lo.xlsx')
        self.run_ok('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--xlsx', stats)
        self.assert_libreoffice_reads_back(stats)

        visits = os.path.join(self.tmp.name, 'visits-lo.xlsx')
        self.run_ok('report', 'visits', '--month', '2026-11', '--xlsx', visits)
        self.assert_libreoffice_reads_back(visits)

    def test_form_matches_reference(self):
        """The fixture's form, page one, looks as it did when the reference was made."""
        pdf = os.path.join(self.tmp.name, 'fixture-form.pdf')
        self.run_ok('report', 'form', '--child', self.fixture_id, '--pdf', pdf)
        png = os.path.join(self.tmp.name, 'fixture-form')
        subprocess.run(['pdftoppm', '-r', '50', '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, png],
                       check=True)
        reference = os.path.join(SRC, 'data', 'form-reference.png')
        if os.environ.get('TX_UPDATE_REFERENCE'):
            os.replace(png + '.png', reference)
            self.skipTest('reference image written')
        w, h, got = read_gray_png(png + '.png')
        rw, rh, want = read_gray_png(reference)
        self.assertEqual((w, h), (rw, rh))
        # the footer's time of making differs; everything else must not
        differ = sum(1 for y in range(h) for x in range(w) if abs(got[y][x] - want[y][x]) > 64)
        # (another child's form differs in 0.7 % of its pixels; the same form a minute later in 4 pixels)
        self.assertLess(differ / (w * h), 0.001, f'{differ} pixels of {w * h} differ from the reference')

    def test_stats_pdf(self):
        xlsx = os.path.join(self.tmp.name, 'stats-for-pdf.xlsx')
        pdf = os.path.join(self.tmp.name, 'stats.pdf')
        self.run_ok('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--xlsx', xlsx)
        self.run_ok('report', 'stats', '--from', '2026-01-01', '--to', '2026-11-30', '--pdf', pdf)
        subprocess.run(['qpdf', '--check', pdf], capture_output=True, check=True)
        flat = self.pdf_text(pdf).replace(' ', '')
        self.assertIn('流动儿童统计汇总', flat)
        self.assertIn('各类儿童人数', flat)
        self.assertIn('统计期内应走访和完成的入户走访', flat)
        # the PDF's total row is the workbook's total column
        ws = openpyxl.load_workbook(xlsx).active
        rows = {r[0].value: r[-1].value for r in ws.iter_rows(min_row=6) if r[0].value}
        total_line = [l for l in self.pdf_text(pdf).splitlines() if l.strip().startswith('合计')][0]
        numbers = [int(n) for n in total_line.split()[1:]]
        self.assertEqual(numbers[0], rows['期末在册儿童数'])
        self.assertEqual(numbers[4], rows['重点关爱儿童'])
        self.assertEqual(numbers[6], rows['完成走访次数'])
        for c in self.children:
            self.assertNotIn(c['name'], flat)

    def test_refused(self):
        missing = os.path.join(self.tmp.name, 'no', 'such', 'ledger.xlsx')
        p = self.run_cli('report', 'ledger', '--xlsx', missing)
        self.assertEqual(p.returncode, 1)
        self.assertIn('file: ', p.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        self.assertEqual(self.run_cli('report', 'ledger').returncode, 2)
        self.assertEqual(self.run_cli('report', 'nothing').returncode, 2)
        # nothing half written is left behind
        self.assertEqual([f for f in os.listdir(self.tmp.name) if f.endswith('.part')], [])


if __name__ == '__main__':
    txtest.main()
