#!/usr/bin/python3
# tests/test-import.py — a township's existing ledger brought in with
# `tongxing-cli import ledger`, in the shapes offices make ledgers
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ledgers are made here: a title row, a two-row header with merged
# section cells, blank rows and a 合计 row; dates in every style people
# type and as date cells and serial numbers; full-width digits; an
# identity number kept as a number; the same rows as a GB18030 CSV file
# without a byte-order mark, as an Excel 97-2003 workbook (LibreOffice
# converts it) and as a WPS-style workbook of inline strings.

import csv
import datetime
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile

import openpyxl

import txtest

CLI = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id18(first17):
    s = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return first17 + '10X98765432'[s % 11]


def fullwidth(text):
    return ''.join(chr(ord(c) + 0xFEE0) if '0' <= c <= '9' else c for c in text)


def registered_child():
    with open(os.path.join(SRC, 'data', 'child-complete.json'), encoding='utf-8') as f:
        return json.load(f)


REGISTERED = registered_child()   # 张小明, born 2018-05-14, 511323201805141234

ID_WANG = id18('51132320150302123')
ID_LI = id18('51132320150302234')
ID_BAD = ID_WANG[:-1] + ('0' if ID_WANG[-1] != '0' else '1')

HEADER_TOP = ['序号', '儿童基本信息', None, None, None, None, '父亲', None, '现居住地址', '来本地时间',
              '是否办理居住证', '备注']
HEADER_SUB = [None, '儿童姓名', '性别', '出生年月', '公民身份证号码', '民族', '姓名', '联系电话', None, None,
              None, None]

# (row values as people type them, what the dry run says)
ROWS = [
    (['1', '王小明', '男', datetime.date(2015, 3, 2), ID_WANG, '汉族', '王大明', '138 0013 8000',
      '恒安社区3号楼', '2024/3/1', '√', ''], 'new'),
    (['2', '李小红', '女', '2015/3/2', fullwidth(ID_LI), '汉', '', '', '恒安社区5号楼', '2024.03.01', '×', ''], 'new'),
    None,  # a blank row
    (['3', '赵小刚', '男', '2015.03.02', 511323201503021234.0, '汉族', '', '', '', '', '', ''], 'refused'),
    (['4', '钱多多', '女', '20150302', ID_BAD, '汉族', '', '', '', '', '', ''], 'refused'),
    (['5', '孙小空', '男', '2015年3月2日', '', '汉族', '', '', '', '', '', '无身份证'], 'new'),
    (['6', '周小周', '女', 42065, '', '汉族', '', '', '', '', '', ''], 'new'),
    (['7', '张小明', '男', '2018-05-14', '', '汉族', '', '', '', '', '', ''], 'duplicate'),
    (['8', '章晓明', '男', '2018-05-14', '', '汉族', '', '', '', '', '', ''], 'duplicate'),
    (['9', '张小明', '男', '2018-05-14', '511323201805141234', '汉族', '张建国', '13900001111', '', '',
      '是', '电话已换'], 'update'),
]
FIRST_DATA_ROW = 5   # title, blank, two header rows


def office_ledger(path):
    """An xlsx as a township office makes it in Excel"""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '流动儿童台账'
    ws['A1'] = '南关区某街道流动儿童摸底排查台账（2024年）'
    ws.merge_cells('A1:L1')
    for c, v in enumerate(HEADER_TOP, 1):
        if v:
            ws.cell(row=3, column=c, value=v)
    for c, v in enumerate(HEADER_SUB, 1):
        if v:
            ws.cell(row=4, column=c, value=v)
    ws.merge_cells('A3:A4')
    ws.merge_cells('B3:F3')
    ws.merge_cells('G3:H3')
    for col in 'IJKL':
        ws.merge_cells(f'{col}3:{col}4')
    r = FIRST_DATA_ROW
    for row in ROWS:
        if row is not None:
            for c, v in enumerate(row[0], 1):
                if v != '':
                    cell = ws.cell(row=r, column=c, value=v)
                    if isinstance(v, datetime.date):
                        cell.number_format = 'yyyy-mm-dd'
        r += 1
    ws.cell(row=r, column=1, value='合计')
    ws.cell(row=r, column=2, value='9人')
    # the signatures at the foot, as offices sign a ledger
    ws.cell(row=r + 2, column=1, value='填表人：李红梅')
    ws.cell(row=r + 2, column=5, value='审核人：张国庆')
    wb.save(path)


def expected_rows():
    """The sheet row of each data row and what the dry run says of it"""
    out = {}
    r = FIRST_DATA_ROW
    for row in ROWS:
        if row is not None:
            out[r] = row[1]
        r += 1
    return out


def office_csv(path, encoding):
    with open(path, 'w', encoding=encoding, newline='') as f:
        w = csv.writer(f)
        w.writerow(['南关区某街道流动儿童摸底排查台账（2024年）'])
        w.writerow([])
        w.writerow([v or '' for v in HEADER_TOP])
        w.writerow([v or '' for v in HEADER_SUB])
        for row in ROWS:
            if row is None:
                w.writerow([])
                continue
            vals = []
            for v in row[0]:
                if isinstance(v, datetime.date):
                    v = v.isoformat()
                elif isinstance(v, float):
                    v = '5.11323E+17'   # what Excel writes of a long number saved as CSV
                elif isinstance(v, int):
                    v = '2015-03-02'
                vals.append(v)
            w.writerow(vals)
        w.writerow(['合计', '9人'])


def wps_ledger(path):
    """An xlsx as WPS Office writes it: inline strings, prefixed names"""
    main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

    def cell(ref, text):
        return f'<x:c r="{ref}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'
    rows = ['<x:row r="1">' + cell('A1', '姓名') + cell('B1', '身份证号码') + cell('C1', '出生日期') + '</x:row>',
            '<x:row r="2">' + cell('A2', '王小明') + cell('B2', ID_WANG) + cell('C2', '2015-03-02') + '</x:row>',
            '<x:row r="3">' + cell('A3', '周小周') + '<x:c r="C3" s="1"><x:v>42065</x:v></x:c></x:row>']
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{main}"><x:sheetData>'
             + ''.join(rows) + '</x:sheetData></x:worksheet>')
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        '_rels/.rels': f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml': f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{main}" xmlns:r="{rel}"><x:sheets><x:sheet name="花名册" sheetId="1" r:id="R1"/></x:sheets></x:workbook>',
        'xl/_rels/workbook.xml.rels': f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="{rel}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="R2" Type="{rel}/styles" Target="/xl/styles.xml"/></Relationships>',
        'xl/styles.xml': f'<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="{main}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>',
        'xl/worksheets/sheet1.xml': sheet,
    }
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class Import(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, 'tongxing.db')
        self.env = dict(os.environ)
        self.env.pop('TONGXING_DB', None)
        self.ok('init', '--county', '220102', '--township', '220102001', '--supervisor', '李春梅')
        self.registered = self.ok('child', 'add', '-', input=json.dumps(REGISTERED, ensure_ascii=False)).strip()

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args, input=None, db=None):
        return subprocess.run([CLI, '--db', db or self.db] + list(args), input=input, capture_output=True,
                              text=True, env=self.env, timeout=300)

    def ok(self, *args, input=None, db=None):
        p = self.cli(*args, input=input, db=db)
        self.assertEqual(p.returncode, 0, f'{args}: {p.stdout} {p.stderr}')
        return p.stdout

    def json(self, *args, db=None):
        return json.loads(self.ok(*args, db=db))

    def children(self, db=None):
        return self.json('child', 'list', '--reveal-ids', '--json', '--limit', '100000', db=db)

    def snapshot(self):
        self.ok('child', 'list')  # checkpoint nothing: just make sure the store opens
        # the store's tables but the audit trail's (which records every login)
        return txtest.digest(self.db)

    def check_plan(self, plan, shape='xlsx'):
        want = expected_rows()
        counts = {k: list(want.values()).count(k) for k in ('new', 'update', 'duplicate', 'refused')}
        self.assertEqual(plan['rows'], len(want), plan)
        for k, n in counts.items():
            got = len({r['row'] for r in plan[k]}) if k == 'refused' else plan[k]
            self.assertEqual(got, n, f'{k} in {json.dumps(plan, ensure_ascii=False)}')
        refused = {r['row']: r for r in plan['refused']}
        rows = sorted(r for r, k in want.items() if k == 'refused')
        self.assertEqual(sorted(refused), rows)
        number, checksum = refused[rows[0]], refused[rows[1]]
        self.assertEqual(number['key'], 'id_number')
        self.assertIn('公民身份证号码', number['column'])
        self.assertIn('format the column as text', number['message'].lower())
        self.assertEqual(checksum['key'], 'id_number')
        self.assertIn('check digit', checksum['message'])
        dups = {d['row']: d for d in plan['duplicates']}
        self.assertEqual(sorted(dups), sorted(r for r, k in want.items() if k == 'duplicate'))
        for d in dups.values():
            self.assertEqual(d['child_id'], self.registered)
        self.assertTrue(any('pinyin' in d['match'] for d in dups.values()), dups)
        self.assertEqual(plan['header_rows'], [3, 4])

    # --- tests

    def test_dry_run_of_an_office_ledger_writes_nothing(self):
        path = os.path.join(self.dir, 'ledger.xlsx')
        office_ledger(path)
        before = self.snapshot()
        plan = self.json('import', 'ledger', path, '--dry-run', '--json')
        self.assertTrue(plan['dry_run'])
        self.check_plan(plan)
        self.assertEqual(self.snapshot(), before, 'a dry run changed the store')
        cols = {c['header']: c['key'] for c in plan['columns']}
        self.assertEqual(cols['儿童基本信息 · 儿童姓名'], 'name')
        self.assertEqual(cols['儿童基本信息 · 出生年月'], 'birth_date')
        self.assertEqual(cols['父亲 · 姓名'], 'father_name')
        self.assertEqual(cols['父亲 · 联系电话'], 'father_phone')
        self.assertEqual(cols['现居住地址'], 'residence_address')
        self.assertEqual(cols['是否办理居住证'], 'child_permit')
        self.assertIsNone(cols['序号'])
        text = self.ok('import', 'ledger', path, '--dry-run')
        self.assertIn('Not imported: A 序号', text)
        self.assertIn('Row 8, 儿童基本信息 · 公民身份证号码', text)

    def test_import_reads_values_as_people_type_them(self):
        path = os.path.join(self.dir, 'ledger.xlsx')
        office_ledger(path)
        result = self.json('import', 'ledger', path, '--json')
        self.assertFalse(result['dry_run'])
        self.assertGreater(result['import'], 0)
        kids = {c['name']: c for c in self.children()}
        self.assertEqual(sorted(kids), sorted(['王小明', '李小红', '孙小空', '周小周', '张小明']))
        for name in ('王小明', '李小红', '孙小空', '周小周'):
            self.assertEqual(kids[name]['birth_date'], '2015-03-02', name)
        self.assertEqual(kids['李小红']['id_number'], ID_LI, 'full-width digits folded')
        wang = self.json('child', 'get', kids['王小明']['id'])
        self.assertEqual(wang['father_phone'], '13800138000')
        self.assertEqual(wang['child_permit'], 'issued')
        self.assertEqual(wang['arrival_date'], '2024-03-01')
        self.assertEqual(wang['residence_division'], None)
        li = self.json('child', 'get', kids['李小红']['id'])
        self.assertEqual(li['child_permit'], 'not_issued')
        self.assertEqual(li['ethnicity'], '01', '汉 is 汉族')
        self.assertTrue(wang['draft'], 'values are missing: a draft')
        # the update keeps what the ledger does not have, takes what it has
        zhang = self.json('child', 'get', self.registered)
        self.assertEqual(zhang['remarks'], '电话已换')
        self.assertEqual(zhang['residence_address'], REGISTERED['residence_address'])
        # the history says where each record came from
        history = self.json('child', 'history', kids['王小明']['id'])
        self.assertEqual(history[-1]['field'], '@source')
        self.assertEqual(history[-1]['new'], 'Imported from ledger.xlsx, sheet 流动儿童台账, row 5')
        self.assertEqual(history[-1]['editor'], os.environ['TONGXING_USER'], 'the person logged in')
        updated = self.json('child', 'history', self.registered)
        self.assertIn({'field': 'remarks', 'new': '电话已换'},
                      [{'field': h['field'], 'new': h['new']} for h in updated])
        self.assertTrue(any(h['new'] == 'Imported from ledger.xlsx, sheet 流动儿童台账, row 14' for h in updated))

    def test_the_same_ledger_in_other_shapes(self):
        xlsx = os.path.join(self.dir, 'ledger.xlsx')
        office_ledger(xlsx)
        gb = os.path.join(self.dir, 'ledger-gbk.csv')
        office_csv(gb, 'gb18030')
        with open(gb, 'rb') as f:
            raw = f.read()
        self.assertFalse(raw.startswith(b'\xef\xbb\xbf'))
        self.assertRaises(UnicodeDecodeError, raw.decode, 'utf-8')
        plan = self.json('import', 'ledger', gb, '--dry-run', '--json')
        self.check_plan(plan, 'csv')
        bom = os.path.join(self.dir, 'ledger-bom.csv')
        office_csv(bom, 'utf-8-sig')
        self.check_plan(self.json('import', 'ledger', bom, '--dry-run', '--json'), 'csv')
        soffice = shutil.which('soffice') or shutil.which('libreoffice')
        if soffice:
            out = os.path.join(self.dir, 'xls')
            subprocess.run([soffice, '--headless', '-env:UserInstallation=file://' + os.path.join(self.dir, 'lo'),
                            '--convert-to', 'xls', '--outdir', out, xlsx], capture_output=True, timeout=180)
            xls = os.path.join(out, 'ledger.xls')
            self.assertTrue(os.path.exists(xls), 'LibreOffice made the .xls')
            self.check_plan(self.json('import', 'ledger', xls, '--dry-run', '--json'), 'xls')
        else:
            print('# LibreOffice is not installed: the .xls shape is read by test-sheet only')
        wps = os.path.join(self.dir, 'wps.xlsx')
        wps_ledger(wps)
        plan = self.json('import', 'ledger', wps, '--dry-run', '--json')
        self.assertEqual((plan['rows'], plan['new'], plan['refused']), (2, 2, []), plan)
        self.assertEqual(plan['sheet'], '花名册')

    def test_columns_named_by_the_person(self):
        path = os.path.join(self.dir, 'odd.csv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('小孩,生日,身份证\n王小明,2015-03-02,%s\n' % ID_WANG)
        p = self.cli('import', 'ledger', path, '--dry-run', '--json')
        self.assertEqual(p.returncode, 1)
        self.assertIn('file: No column of odd.csv holds the children', p.stderr)
        plan = self.json('import', 'ledger', path, '--dry-run', '--json', '--map', '小孩=name')
        self.assertEqual((plan['new'], plan['refused']), (1, []))
        p = self.cli('import', 'ledger', path, '--map', '小孩=nickname')
        self.assertEqual(p.returncode, 1)
        self.assertIn('map: “nickname” is not a field of the form', p.stderr)
        p = self.cli('import', 'ledger', os.path.join(SRC, 'data', 'sheets', 'random.bin'))
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stderr.startswith('file: '), p.stderr)

    def test_a_child_who_left_is_updated_off_the_register_and_a_transferred_copy_refused(self):
        rec = self.json('child', 'get', self.registered, '--reveal-id')
        path = os.path.join(self.dir, 'ledger.csv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('姓名,公民身份证号码,出生日期,备注\n')
            f.write(f"{rec['name']},{rec['id_number']},{rec['birth_date']},已搬走\n")
        self.ok('child', 'exit', self.registered, '--reason', 'moved-away', '--date', rec['registration_date'])
        plan = self.json('import', 'ledger', path, '--dry-run', '--json')
        self.assertEqual(len(plan['updates']), 1, plan)
        self.assertIn('left the register', plan['updates'][0]['note'])
        self.ok('import', 'ledger', path)
        after = self.json('child', 'get', self.registered)
        self.assertEqual(after['remarks'], '已搬走')
        self.assertEqual(after['register'], 'exited', 'an import does not bring a child back')
        self.assertEqual(self.json('child', 'list', '--json'), [])
        # reopened and moved within the county: this copy is no longer ours to change
        self.ok('child', 'reopen', self.registered, '--note', '回来了')
        self.ok('child', 'transfer', self.registered, '--township', '220102002', '--date', os.environ.get('TONGXING_TODAY', '2026-11-25'))
        plan = self.json('import', 'ledger', path, '--dry-run', '--json')
        self.assertEqual([r['key'] for r in plan['refused']], ['id_number'], plan)
        self.assertIn('transferred', plan['refused'][0]['message'])

    def test_undo_until_a_child_is_edited(self):
        path = os.path.join(self.dir, 'ledger.xlsx')
        office_ledger(path)
        before = {c['id']: c for c in self.children()}
        first = self.json('import', 'ledger', path, '--json')['import']
        self.assertEqual(len(self.children()), 5)
        self.ok('import', 'undo', str(first))
        after = {c['id']: c for c in self.children()}
        self.assertEqual(sorted(after), sorted(before))
        self.assertEqual(self.json('child', 'get', self.registered)['remarks'], REGISTERED['remarks'],
                         'the update undone')
        listed = self.json('import', 'list', '--json')
        self.assertIsNotNone(listed[0]['undone_at'])
        p = self.cli('import', 'undo', str(first))
        self.assertEqual(p.returncode, 1)
        self.assertIn('undone already', p.stderr)
        # once a child is edited, the import stays
        second = self.json('import', 'ledger', path, '--json')['import']
        kid = next(c for c in self.children() if c['name'] == '周小周')
        rec = self.json('child', 'get', kid['id'])
        rec['remarks'] = '已走访'
        for k in ('id', 'created_at', 'updated_at', 'station', 'draft', 'complete', 'eligible', 'problems', 'age',
                  'deleted', 'next_visit_due', 'info_refresh_due', 'last_home_visit', 'status', 'eligible_from',
                  'age_at_registration', 'eligible_in_time'):
            rec.pop(k, None)
        self.ok('child', 'update', kid['id'], '-', '--draft', input=json.dumps(rec, ensure_ascii=False))
        count = len(self.children())
        p = self.cli('import', 'undo', str(second))
        self.assertEqual(p.returncode, 1)
        self.assertIn('周小周', p.stderr)
        self.assertIn('can no longer be undone', p.stderr)
        self.assertEqual(len(self.children()), count)

    def test_undoing_a_later_import_gives_the_earlier_its_undo(self):
        # seen in the new-user walk: an undone import blocked the one before it
        path = os.path.join(self.dir, 'a.csv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('姓名,出生日期,身份证号码,备注\n张小明,2018-05-14,511323201805141234,电话已换\n'
                    '王小明,2015-03-02,%s,\n' % ID_WANG)
        first = self.json('import', 'ledger', path, '--json')['import']
        with open(path, 'w', encoding='utf-8') as f:
            f.write('姓名,出生日期,身份证号码,备注\n张小明,2018-05-14,511323201805141234,搬到恒安社区\n')
        second = self.json('import', 'ledger', path, '--json')['import']
        self.assertEqual(self.json('child', 'get', self.registered)['remarks'], '搬到恒安社区')
        self.ok('import', 'undo', str(second))
        self.assertEqual(self.json('child', 'get', self.registered)['remarks'], '电话已换')
        history = self.json('child', 'history', self.registered)
        self.assertEqual(history[0]['new'], 'Import of a.csv undone')
        self.ok('import', 'undo', str(first))
        self.assertEqual(self.json('child', 'get', self.registered)['remarks'], REGISTERED['remarks'])
        self.assertEqual([c['name'] for c in self.children()], ['张小明'])

    def test_our_own_ledger_imports_back(self):
        demo = os.path.join(self.dir, 'demo.db')
        self.ok('init', '--county', '220102', '--township', '220102001', db=demo)
        self.ok('demo', '--children', '150', db=demo)
        ledger = os.path.join(self.dir, 'led.xlsx')
        self.ok('report', 'ledger', '--all', '--xlsx', ledger, db=demo)
        # the ledger lists the children on the register: not those of the demo who left it
        n = len(self.children(demo))
        self.assertLess(n, 150)
        again = self.json('import', 'ledger', ledger, '--json', db=demo)
        self.assertEqual((again['update'], again['unchanged'], again['refused'], again['new']),
                         (n, n, [], 0), again)
        self.assertNotIn('import', again, 'nothing to write: no import kept')
        fresh = os.path.join(self.dir, 'fresh.db')
        self.ok('init', '--county', '220102', '--township', '220102001', db=fresh)
        result = self.json('import', 'ledger', ledger, '--json', db=fresh)
        self.assertEqual((result['new'], result['refused']), (n, []), result)
        key = lambda c: (c['name'], c['birth_date'], c.get('id_number'))
        a = sorted(self.children(demo), key=key)
        b = sorted(self.children(fresh), key=key)
        self.assertEqual([key(c) for c in a], [key(c) for c in b])
        # every value of the form came back (the county and township are the station's)
        for x, y in list(zip(a, b))[:40]:
            rx, ry = self.json('child', 'get', x['id'], db=demo), self.json('child', 'get', y['id'], db=fresh)
            # the signatures belong on paper, not in a ledger
            for k in ('id', 'created_at', 'updated_at', 'station', 'next_visit_due', 'info_refresh_due',
                      'last_home_visit', 'problems', 'filler', 'reviewer', 'unit_head'):
                rx.pop(k, None)
                ry.pop(k, None)
            self.assertEqual(rx, ry, x['name'])

    def test_all_or_nothing_under_kill(self):
        path = os.path.join(self.dir, 'big.csv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('姓名,性别,出生日期,身份证号码\n')
            # no two of them sound alike, or rows would be possible duplicates
            given = '明红刚强军华平芳丽伟静敏燕磊洋勇杰娟涛超秀霞辉鹏建国英文玉兰海林春梅志新云飞波晨浩然怡子轩涵'
            n = len(given)
            regions = ('511323', '511302', '220102', '110101', '110102', '320102', '440103', '510104')
            for i in range(4000):
                name = '王李'[i // (n * n)] + given[i % n] + given[i // n % n]
                # digit 17 odd: a boy's number
                number = id18(regions[i // 500] + '20150302' + '%03d' % (i % 500 * 2 + 1))
                f.write('%s,男,2015-03-02,%s\n' % (name, number))
        base = len(self.children())
        # how long the whole import takes here, on a copy of the store
        copy = os.path.join(self.dir, 'copy.db')
        shutil.copy(self.db, copy)
        shutil.copy(self.db + '.keys', copy + '.keys')   # the store and its key file travel together
        start = time.monotonic()
        self.ok('import', 'ledger', path, db=copy)
        whole = time.monotonic() - start
        self.assertEqual(len(self.children(copy)) - base, 4000)
        outcomes = set()
        for fraction in (0.2, 0.5, 0.8, 0.95, 1.1):
            delay = whole * fraction
            proc = subprocess.Popen([CLI, '--db', self.db, 'import', 'ledger', path], env=self.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            with txtest.connect(self.db) as db:
                self.assertEqual(db.execute('PRAGMA integrity_check').fetchone()[0], 'ok')
                n = db.execute('SELECT count(*) FROM child WHERE deleted = 0').fetchone()[0]
                batches = db.execute('SELECT count(*) FROM import_batch WHERE undone_at IS NULL').fetchone()[0]
            self.assertIn(n - base, (0, 4000), f'killed after {delay:.2f} s: {n - base} children')
            outcomes.add(n - base)
            if n - base:
                self.assertEqual(batches, 1)
                break
            self.assertEqual(batches, 0)
        print(f'# the import takes {whole:.2f} s; children the killed imports left: {sorted(outcomes)}')


if __name__ == '__main__':
    txtest.main()
