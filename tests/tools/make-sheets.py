#!/usr/bin/python3
# make-sheets.py — writes the spreadsheet fixtures of tests/test-sheet.c
# into the folder given, the way offices make them:
#
#   ledger.xlsx      openpyxl: a title row, a two-row header with merged
#                    section cells, dates as date cells and as text in
#                    every style, an ID number stored as a number, full-width
#                    digits and spaces, blank rows, a 合计 row
#   wps.xlsx         by hand, as WPS and some government systems write:
#                    inline strings, x:-prefixed elements, absolute
#                    relationship targets, no shared strings part
#   rich.xlsx        by hand: rich-text shared strings with phonetic runs,
#                    the 1904 date system, rows and cells without r
#   broken.xlsx      by hand: a sheet whose XML stops inside row 40
#   truncated.xlsx   the first half of ledger.xlsx
#   encrypted.xlsx   an OLE2 compound file holding an EncryptedPackage
#                    stream, as a password-protected workbook is
#   utf8-bom.csv, utf8.csv, gb18030.csv, semicolon.csv (quoted fields
#                    across lines, CRLF), tab.txt
#   random.bin       bytes that are no spreadsheet
#   ledger.xls       ledger.xlsx converted by LibreOffice (only with --xls:
#                    the committed one is used, conversion is slow)
#
# Usage: /usr/bin/python3 make-sheets.py FOLDER [--xls]
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Alignment


def ledger(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '留守儿童台账'
    ws.append(['城关镇2015年留守儿童信息台账'])
    ws.merge_cells('A1:I1')
    ws['A1'].alignment = Alignment(horizontal='center')
    ws.append(['基本信息', None, None, None, '日期', None, None, '联系', None])
    ws.merge_cells('A2:D2')
    ws.merge_cells('E2:G2')
    ws.merge_cells('H2:I2')
    ws.append(['序号', '姓名', '身份证号', '出生日期', '入学日期', '登记日期', '走访日期', '联系电话', '备注'])
    # row 4: a date cell, dates as text, the ID number as Excel keeps a
    # long number typed in (a float), a phone number as a number
    ws.append([1, '张三', 511323200503021234.0, datetime.date(2015, 3, 2), '2015/3/2', '2015.03.02',
               20150302, 13800138000, '已走访'])
    ws['D4'].number_format = 'yyyy-mm-dd'
    # row 5: 2015年3月2日 as text, as a date cell with a Chinese custom
    # format, a serial number with a built-in date format (14), and one
    # in General (a plain number)
    ws.append([2, '李四', '511323200503021234', '2015年3月2日', datetime.datetime(2015, 3, 2), 42065, 42065,
               '13800138000', True])
    ws['E5'].number_format = 'yyyy"年"m"月"d"日"'
    ws['F5'].number_format = 'mm-dd-yy'
    # row 6 blank, row 7: full-width digits and spaces
    ws.append([])
    ws.append([3, '王　五', '５１１３２３２００５０３０２１２３４', '２０１５－０３－０２', ' 2015-03-02 ', '　', 3.5,
               '138 0013 8000', None])
    ws.append([None, '   ', None])
    ws.append(['合计', '3人'])
    ws.append([])
    note = wb.create_sheet('说明')
    note.append(['本表由镇民政办填报'])
    wb.create_sheet('Sheet3')
    wb.save(path)


def write_zip(path, parts):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            z.writestr(name, text)


CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>'''
ROOT_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>'''
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def wps(path):
    def istr(ref, text):
        return f'<x:c r="{ref}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'

    rows = [
        '<x:row r="1">' + istr('A1', '姓名') + istr('B1', '身份证号') + istr('C1', '出生日期') + istr('D1', '人数') + '</x:row>',
        '<x:row r="2">' + istr('A2', '赵六') + istr('B2', '51132320050302123X')
        + '<x:c r="C2" s="1"><x:v>42065</x:v></x:c><x:c r="D2"><x:v>2</x:v></x:c></x:row>',
        # an empty row element, then a row with only an empty cell
        '<x:row r="3"/>',
        '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t></x:t></x:is></x:c></x:row>',
        '<x:row r="5">' + istr('B5', '钱七') + '<x:c r="C5" s="2"><x:v>42065.5</x:v></x:c>'
        + '<x:c r="D5" t="str"><x:f>A1</x:f><x:v>公式</x:v></x:c><x:c r="E5" t="e"><x:v>#N/A</x:v></x:c>'
        + '<x:c r="F5" t="b"><x:v>0</x:v></x:c></x:row>',
    ]
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
             + ''.join(rows) + '</x:sheetData></x:worksheet>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}">'
                '<x:sheets><x:sheet name="花名册" sheetId="1" r:id="R1"/><x:sheet name="汇总" sheetId="2" r:id="R2"/>'
                '</x:sheets></x:workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="/xl/worksheets/sheet1.xml"/>'
            '<Relationship Id="R2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="worksheets/summary.xml"/>'
            '<Relationship Id="R3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
            ' Target="/xl/styles.xml"/></Relationships>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="{MAIN}">'
              '<x:numFmts count="2"><x:numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '<x:numFmt numFmtId="177" formatCode="[h]:mm:ss"/></x:numFmts>'
              '<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>'
              '<x:cellXfs count="3"><x:xf numFmtId="0"><x:alignment horizontal="center"/></x:xf>'
              '<x:xf numFmtId="176" applyNumberFormat="1"/><x:xf numFmtId="177"/></x:cellXfs></x:styleSheet>')
    summary = (f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
               '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>共</x:t></x:is></x:c>'
               '<x:c r="C2"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    write_zip(path, [
        ('[Content_Types].xml', CONTENT_TYPES),
        ('_rels/.rels', ROOT_RELS),
        ('xl/workbook.xml', workbook),
        ('xl/_rels/workbook.xml.rels', rels),
        ('xl/styles.xml', styles),
        ('xl/worksheets/sheet1.xml', sheet),
        ('xl/worksheets/summary.xml', summary),
    ])


def simple_book(path, sheet_xml, shared=None, workbook_pr=''):
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}'
                '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="worksheets/sheet1.xml"/></Relationships>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="57"/></cellXfs></styleSheet>')
    parts = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS), ('xl/workbook.xml', workbook),
             ('xl/_rels/workbook.xml.rels', rels), ('xl/styles.xml', styles),
             ('xl/worksheets/sheet1.xml', sheet_xml)]
    if shared:
        parts.append(('xl/sharedStrings.xml', shared))
    write_zip(path, parts)


def rich(path):
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="3" uniqueCount="3">'
              '<si><r><rPr><b/></rPr><t>留守</t></r><r><t xml:space="preserve">儿童 </t></r><r><t>名单</t></r></si>'
              '<si><t>孙八</t><rPh sb="0" eb="2"><t>スンハチ</t></rPh><phoneticPr fontId="1"/></si>'
              '<si><t/></si></sst>')
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
             '<row><c t="s"><v>0</v></c></row>'
             '<row><c t="s"><v>1</v></c><c s="1"><v>40237</v></c><c t="s"><v>2</v></c><c t="s"><v>99</v></c>'
             '<c><v>0.1</v></c></row>'
             '<row r="5"><c r="C5"><v>-12.5</v></c><c><v>1E+20</v></c></row>'
             '<row><c><v>7</v></c></row>'
             '</sheetData></worksheet>')
    simple_book(path, sheet, shared, '<workbookPr date1904="1"/>')


def broken(path):
    rows = ''.join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="B{i}" t="inlineStr"><is><t>第{i}行</t></is></c></row>'
                   for i in range(1, 41))
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>' + rows
    # row 40 stops in the middle of its second cell
    sheet = sheet[:sheet.rindex('<is>') + 6]
    simple_book(path, sheet)


def encrypted(path):
    '''A minimal OLE2 compound file (version 3, 512-byte sectors) with a
    4,096-byte "EncryptedPackage" stream: the header, a FAT sector, a
    directory sector, the stream's eight sectors'''
    free, end, fat_sect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = struct.pack('<8s16sHHHHH6sIIIIIIIII', bytes.fromhex('D0CF11E0A1B11AE1'), b'\0' * 16,
                         0x3E, 3, 0xFFFE, 9, 6, b'\0' * 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack('<I', 0) + struct.pack('<I', free) * 108
    fat = [fat_sect, end] + [3, 4, 5, 6, 7, 8, 9, end]
    fat_sector = b''.join(struct.pack('<I', v) for v in fat) + struct.pack('<I', free) * (128 - len(fat))

    def entry(name, kind, child, start, size):
        n = (name + '\0').encode('utf-16-le') if name else b''
        return (n.ljust(64, b'\0') + struct.pack('<HBB', len(n), kind, 1)
                + struct.pack('<III', nostream, nostream, child) + b'\0' * 16 + struct.pack('<I', 0)
                + b'\0' * 16 + struct.pack('<III', start, size, 0))

    directory = (entry('Root Entry', 5, 1, end, 0) + entry('EncryptedPackage', 2, nostream, 2, 4096)
                 + entry('', 0, nostream, 0, 0) * 2)
    assert len(header) == 512 and len(fat_sector) == 512 and len(directory) == 512
    with open(path, 'wb') as f:
        f.write(header + fat_sector + directory + bytes(range(256)) * 16)


CSV_ROWS = [
    ['姓名', '身份证号', '出生日期', '备注'],
    ['张三', '511323200503021234', '2015-03-02', '父母在广东务工'],
    [],
    ['李四', '51132320050302123X', '2015/3/2', ''],
]


def csvs(folder):
    text = '\n'.join(','.join(r) for r in CSV_ROWS) + '\n'
    with open(os.path.join(folder, 'utf8-bom.csv'), 'wb') as f:
        f.write(b'\xef\xbb\xbf' + text.encode('utf-8'))
    with open(os.path.join(folder, 'utf8.csv'), 'wb') as f:
        f.write(text.encode('utf-8'))
    with open(os.path.join(folder, 'gb18030.csv'), 'wb') as f:
        f.write(text.replace('\n', '\r\n').encode('gb18030'))
    # semicolons, a quoted field across lines, "" inside quotes, CRLF and a
    # lone CR ending records, a last record without a line end
    semi = ('姓名;住址;备注\r\n'
            '"周九";"四川省\r\n南充市";"说""已走访"""\r\n'
            '\r\n'
            '吴十;;"a;b"\r'
            '郑十一;成都;')
    with open(os.path.join(folder, 'semicolon.csv'), 'wb') as f:
        f.write(semi.encode('utf-8'))
    with open(os.path.join(folder, 'tab.txt'), 'wb') as f:
        f.write('姓名\t年龄\n陈一\t9\n'.encode('gb18030'))


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    ledger(os.path.join(folder, 'ledger.xlsx'))
    wps(os.path.join(folder, 'wps.xlsx'))
    rich(os.path.join(folder, 'rich.xlsx'))
    broken(os.path.join(folder, 'broken.xlsx'))
    with open(os.path.join(folder, 'ledger.xlsx'), 'rb') as f:
        data = f.read()
    with open(os.path.join(folder, 'truncated.xlsx'), 'wb') as f:
        f.write(data[:len(data) // 2])
    encrypted(os.path.join(folder, 'encrypted.xlsx'))
    csvs(folder)
    with open(os.path.join(folder, 'random.bin'), 'wb') as f:
        f.write(random.Random(14).randbytes(4096))
    if '--xls' in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(['libreoffice', '--headless', f'-env:UserInstallation=file://{tmp}/profile',
                            '--convert-to', 'xls', '--outdir', tmp, os.path.join(folder, 'ledger.xlsx')],
                           check=True, stdout=subprocess.DEVNULL)
            shutil.copy(os.path.join(tmp, 'ledger.xls'), os.path.join(folder, 'ledger.xls'))


if __name__ == '__main__':
    main()
