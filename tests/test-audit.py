#!/usr/bin/python3
# tests/test-audit.py — the audit trail through tongxing-cli: what is recorded, and the chain that proves it
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each action leaves an entry with the person's name; the chain shows a
# changed, a removed and a moved entry, in an exported file (edited here
# with json, line by line) and in the store itself (tx-audit-tamper drops
# the triggers and rewrites a row); a township's trail travels to the
# county in its exchange files, is verified there, and a township file
# whose trail was rewritten is refused with nothing imported.

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

import txsync
import txtest
from txsync import Station

CLI = sys.argv.pop(1)
TAMPER = sys.argv.pop(1)
txsync.CLI = CLI
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')
ME = os.environ.get('TONGXING_USER', '测试督导员')
TOWNSHIP = '220102001'


def id_number(birth, seq, region='220102'):
    """A valid identity number: the region, the birth date, a sequence (odd for a boy), the check digit."""
    first = region + birth.replace('-', '') + '%03d' % seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first + '10X98765432'[sum(int(d) * w for d, w in zip(first, weights)) % 11]


def fixture(**values):
    with open(FIXTURE, encoding='utf-8') as f:
        record = json.load(f)
    record.update(values)
    return json.dumps(record, ensure_ascii=False)


class Trail(unittest.TestCase):
    """One township's store, driven in English"""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, 'tongxing.db')
        self.ok('init', '--county', '220102', '--township', TOWNSHIP, '--supervisor', '李春梅')

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, input=None, db=None):
        env = dict(os.environ, LANGUAGE='en')
        return subprocess.run([CLI, '--db', db or self.db] + list(args), input=input, capture_output=True,
                              text=True, env=env, timeout=120)

    def ok(self, *args, input=None, db=None):
        p = self.run_cli(*args, input=input, db=db)
        if p.returncode != 0:
            raise AssertionError(f'{args}: {p.stderr}')
        return p

    def entries(self, *args, db=None):
        return json.loads(self.ok('audit', 'list', '--json', *args, db=db).stdout)

    def kinds(self):
        return [e['kind'] for e in self.entries()]

    def export(self, name='trail.jsonl'):
        path = os.path.join(self.dir, name)
        self.ok('audit', 'export', path)
        with open(path, encoding='utf-8') as f:
            return path, f.read().splitlines()

    def write(self, name, lines):
        path = os.path.join(self.dir, name)
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        return path

    def verify_fails(self, *args, db=None):
        p = self.run_cli('audit', 'verify', *args, db=db)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertEqual(p.stdout, '')
        return p.stderr

    # what is recorded

    def test_every_action_has_an_entry_with_the_person(self):
        cid = self.ok('child', 'add', '-', input=fixture()).stdout.strip()
        record = json.loads(self.ok('child', 'get', cid).stdout)
        record.update(contact_phone='13900001111', school_name='南岭第二小学')
        self.ok('child', 'update', cid, '-', input=json.dumps(record, ensure_ascii=False))
        update = self.entries('--kind', 'child.update')[0]
        self.assertEqual(update['child'], cid)
        self.assertEqual(sorted(update['detail']['fields']), ['contact_phone', 'school_name'])
        visit = {'child_id': cid, 'date': '2026-11-20', 'visitor': '李春梅', 'kind': 'home',
                 'urgent': ['疑似遭受家庭暴力']}
        self.ok('visit', 'add', '--draft', '-', input=json.dumps(visit, ensure_ascii=False))
        self.ok('urgent', 'close', cid, '--note', '已报警处置')
        self.ok('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-11-21')
        self.ok('child', 'reopen', cid, '--note', '回来了')
        self.ok('child', 'transfer', cid, '--township', '220102002', '--date', '2026-11-20')
        other = self.ok('child', 'add', '-', input=fixture(name='李小红', id_number='11010120180514123X')).stdout.strip()
        self.ok('child', 'delete', other)
        self.ok('ageing-out', 'run')
        self.ok('schedule', '--good-months', '5')
        ledger = os.path.join(self.dir, 'ledger.xlsx')
        self.ok('report', 'ledger', '--all', '--xlsx', ledger)
        self.ok('audit', 'export', os.path.join(self.dir, 'trail.jsonl'))

        entries = self.entries()
        kinds = [e['kind'] for e in entries]
        for kind in ('login', 'account.add', 'child.add', 'child.update', 'visit.add', 'urgent.open', 'urgent.close',
                     'child.exit', 'child.reopen', 'transfer.offer', 'child.delete', 'settings.change', 'export'):
            self.assertIn(kind, kinds)
        # every entry carries the person; a child's entries its uuid, never its identity number
        for e in entries:
            self.assertEqual(e['person'], ME, e)
        text = json.dumps(entries, ensure_ascii=False)
        self.assertNotIn('11010120180514123X', text)
        self.assertNotIn('13900001111', text, 'changed values are not in the trail, only their keys')
        self.assertNotIn('张小明', text)
        self.assertIn({'key': 'visit_good_months'},
                      [e['detail'] for e in self.entries('--kind', 'settings.change', '--limit', '4')])
        exports = self.entries('--kind', 'export')
        self.assertEqual(exports[0]['detail'], {'kind': 'audit', 'file': 'trail.jsonl', 'rows': exports[0]['seq'] - 1})
        self.assertEqual(exports[1]['detail']['file'], 'ledger.xlsx', 'the file name, not its folder')
        self.assertEqual(exports[1]['detail']['kind'], 'ledger')
        self.assertEqual(self.entries('--child', other)[0]['kind'], 'child.delete')
        # newest first, numbered without a gap
        seqs = [e['seq'] for e in entries]
        self.assertEqual(seqs, list(range(len(entries), 0, -1)))

    def test_a_bulk_import_is_one_entry(self):
        path = os.path.join(self.dir, '台账.csv')
        with open(path, 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f)
            w.writerow(['姓名', '性别', '出生日期', '身份证号码'])
            w.writerow(['王小二', '男', '2018-05-14', id_number('2018-05-14', 17)])
            w.writerow(['王小三', '女', '2017-03-02', id_number('2017-03-02', 26)])
        before = len(self.entries())
        result = json.loads(self.ok('import', 'ledger', path, '--json').stdout)
        entries = self.entries()
        new = [e for e in entries if e['seq'] > before and e['kind'] != 'login']
        self.assertEqual([e['kind'] for e in new], ['import.ledger'])
        self.assertEqual(new[0]['detail']['file'], '台账.csv')
        self.assertEqual(new[0]['detail']['added'], 2)
        batch = result.get('batch', new[0]['detail']['batch'])
        self.ok('import', 'undo', str(batch))
        undo = self.entries('--kind', 'import.undo')[0]
        self.assertEqual(undo['detail']['children'], 2)

    def test_lists_comparison_and_stations(self):
        cid = self.ok('child', 'add', '-', input=fixture()).stdout.strip()
        path = os.path.join(self.dir, '公安名单.csv')
        with open(path, 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f)
            w.writerow(['姓名', '出生日期'])
            w.writerow(['章小明', '2018-05-14'])
        listed = json.loads(self.ok('lists', 'import', '--department', 'police', path, '--json').stdout)
        entry = self.entries('--kind', 'lists')[0]
        self.assertEqual(entry['kind'], 'lists.import')
        self.assertEqual(entry['detail'], {'department': 'police', 'file': '公安名单.csv', 'list': listed['list'],
                                           'rows': 1})
        found = json.loads(self.ok('compare', '--json').stdout)
        item = found['possible'][0]['item']
        self.ok('compare', 'decide', str(item), '--same')
        self.ok('compare', 'done', str(item))
        decided = self.entries('--kind', 'compare')
        self.assertEqual([e['kind'] for e in decided], ['compare.done', 'compare.same'])
        self.assertEqual(decided[1]['detail'], {'item': item, 'round': found['round']})
        self.ok('lists', 'remove', str(listed['list']))
        self.assertEqual(self.entries('--kind', 'lists')[0]['kind'], 'lists.remove')
        self.assertTrue(cid)

    def test_filters(self):
        cid = self.ok('child', 'add', '-', input=fixture()).stdout.strip()
        self.ok('user', 'add', '王主任', '--role', 'supervisor', '--initial-password-file',
                os.environ['TONGXING_PASSWORD_FILE'])
        env = dict(os.environ, LANGUAGE='en', TONGXING_USER='王主任')
        p = subprocess.run([CLI, '--db', self.db, 'child', 'delete', cid], capture_output=True, text=True, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        mine = self.entries('--user', ME)
        theirs = self.entries('--user', '王主任')
        self.assertTrue(mine and all(e['person'] == ME for e in mine))
        self.assertEqual(sorted(e['kind'] for e in theirs), ['child.delete', 'login'])
        about = self.entries('--child', cid)
        self.assertEqual([e['kind'] for e in about], ['child.delete', 'child.add'])
        self.assertEqual([e['person'] for e in about], ['王主任', ME])
        self.assertEqual({e['kind'] for e in self.entries('--kind', 'child')}, {'child.add', 'child.delete'})
        self.assertEqual(len(self.entries('--limit', '2')), 2)
        day = self.entries()[0]['at'][:10]
        self.assertEqual(self.entries('--to', '2000-01-01'), [])
        self.assertTrue(self.entries('--from', '2000-01-01'))
        self.assertEqual(self.entries('--from', '2999-01-01'), [])
        self.assertIn('child.delete', self.ok('audit', 'list', '--user', '王主任').stdout)
        self.assertTrue(day)

    def test_a_director_may_not_read_the_trail(self):
        self.ok('user', 'add', '赵主任', '--role', 'director', '--villages', TOWNSHIP + '002',
                '--initial-password-file', os.environ['TONGXING_PASSWORD_FILE'])
        env = dict(os.environ, LANGUAGE='en', TONGXING_USER='赵主任')
        for args in (['list'], ['verify'], ['export', os.path.join(self.dir, 'x.jsonl')]):
            p = subprocess.run([CLI, '--db', self.db, 'audit'] + args, capture_output=True, text=True, env=env)
            self.assertEqual(p.returncode, 1, args)
            self.assertFalse(os.path.exists(os.path.join(self.dir, 'x.jsonl')))

    # the chain

    def test_verify_unbroken_with_checkpoints(self):
        self.ok('child', 'add', '-', input=fixture())
        out = self.ok('audit', 'verify').stdout
        self.assertRegex(out, r'^The audit trail is unbroken: \d+ entries, \d+ signed checkpoints\.\n$')
        n, m = map(int, out.split(': ')[1].split(' entries, ')[0:1] + [out.split(', ')[1].split()[0]])
        self.assertEqual(n, len(self.entries()) - 1, 'all but the login of the listing')
        self.assertGreaterEqual(m, 2, 'a checkpoint at the end of each command that opened the store')
        path, lines = self.export()
        self.assertRegex(self.ok('audit', 'verify', path).stdout, r'^The audit trail is unbroken')
        header = json.loads(lines[0])
        self.assertEqual(set(header), {'tongxing_audit', 'station', 'sign_pk'})
        first = json.loads(lines[1])
        self.assertEqual(set(first), {'seq', 'at', 'station', 'person', 'kind', 'child', 'detail', 'prev', 'hash'})
        self.assertEqual(first['prev'], '0' * 64)
        cps = [json.loads(line)['checkpoint'] for line in lines if line.startswith('{"checkpoint"')]
        self.assertTrue(cps)
        self.assertEqual(set(cps[0]), {'seq', 'at', 'station', 'hash', 'key_id', 'signature'})
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)

    def test_an_edited_file_names_its_first_broken_entry(self):
        self.ok('child', 'add', '-', input=fixture())
        path, lines = self.export()
        at = {json.loads(line).get('seq'): i for i, line in enumerate(lines)}

        changed = list(lines)
        e = json.loads(changed[at[4]])
        e['person'] = '别人'
        changed[at[4]] = json.dumps(e, ensure_ascii=False)
        self.assertIn('Entry 4 of the audit trail of station', self.verify_fails(self.write('changed.jsonl', changed)))
        self.assertIn('was changed', self.verify_fails(self.write('changed.jsonl', changed)))

        removed = [line for i, line in enumerate(lines) if i != at[5]]
        err = self.verify_fails(self.write('removed.jsonl', removed))
        self.assertIn('Entry 5 ', err)
        self.assertIn('is missing', err)

        reordered = list(lines)
        reordered[at[5]], reordered[at[6]] = reordered[at[6]], reordered[at[5]]
        err = self.verify_fails(self.write('reordered.jsonl', reordered))
        self.assertIn('Entry 6 ', err)
        self.assertIn('out of order', err)

        # a checkpoint whose signature is not the station's
        signed = list(lines)
        i = next(i for i, line in enumerate(signed) if line.startswith('{"checkpoint"'))
        cp = json.loads(signed[i])
        sig = cp['checkpoint']['signature']
        cp['checkpoint']['signature'] = ('A' if sig[0] != 'A' else 'B') + sig[1:]
        signed[i] = json.dumps(cp)
        err = self.verify_fails(self.write('signed.jsonl', signed))
        self.assertIn('The checkpoint at entry %d ' % cp['checkpoint']['seq'], err)
        self.assertIn('not signed with the station', err)

        # the end cut off after a checkpoint
        last_cp = max(i for i, line in enumerate(lines) if line.startswith('{"checkpoint"'))
        seq = json.loads(lines[last_cp])['checkpoint']['seq']
        cut = [line for line in lines[:last_cp + 1] if json.loads(line).get('seq') != seq]
        err = self.verify_fails(self.write('cut.jsonl', cut))
        self.assertIn('Entry %d ' % seq, err)
        self.assertIn('is missing', err)

    def tampered(self, how, seq):
        p = subprocess.run([TAMPER, self.db, how, str(seq)], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        return self.verify_fails()

    def copy_store(self):
        import shutil
        saved = os.path.join(self.dir, 'saved')
        os.makedirs(saved, exist_ok=True)
        for name in os.listdir(self.dir):
            if name.startswith('tongxing.db'):
                shutil.copy(os.path.join(self.dir, name), saved)
        return saved

    def restore(self, saved):
        import shutil
        for name in os.listdir(saved):
            shutil.copy(os.path.join(saved, name), self.dir)

    def test_a_rewritten_store_names_its_first_broken_entry(self):
        self.ok('child', 'add', '-', input=fixture())
        saved = self.copy_store()
        err = self.tampered('change', 4)
        self.assertIn('Entry 4 of the audit trail of station', err)
        self.assertIn('was changed', err)
        self.restore(saved)
        err = self.tampered('rehash', 4)
        self.assertIn('Entry 4 ', err)
        self.assertIn('was changed', err)
        self.restore(saved)
        err = self.tampered('delete', 5)
        self.assertIn('Entry 5 ', err)
        self.assertIn('is missing', err)
        self.restore(saved)
        err = self.tampered('swap', 5)
        self.assertIn('Entry 5 ', err)
        self.assertIn('out of order', err)

    def test_the_trail_cannot_be_changed_through_sql(self):
        # the triggers: the tamper tool has to drop them first, and says so
        with open(os.path.join(SRC, '..', 'src', 'core', 'store', 'tx-store-schema.c'), encoding='utf-8') as f:
            schema = f.read()
        self.assertIn('audit_no_update', schema)
        self.assertIn('audit_no_delete', schema)


class Travels(unittest.TestCase):
    """A township's trail at the county"""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.county = Station(self.dir, 'county')
        self.a = Station(self.dir, 'nanling', township=TOWNSHIP)
        self.county.trust(self.a)
        self.a.trust(self.county)

    def tearDown(self):
        self.tmp.cleanup()

    def trail(self, station, *args):
        return json.loads(station.ok('audit', 'list', '--json', *args).stdout)

    def test_the_township_trail_travels_and_verifies(self):
        cid = self.a.ok('child', 'add', FIXTURE).stdout.strip()
        self.county.take(self.a.bundle_for(self.county))
        there = self.trail(self.county, '--station', self.a.id)
        here = {e['seq']: e for e in self.trail(self.a)}
        # the whole trail the township had when it made the file, as it was
        # (the export's own entry comes with the next file)
        self.assertEqual([e['seq'] for e in there], list(range(len(there), 0, -1)))
        self.assertEqual(here[len(there) + 1]['kind'], 'bundle.export')
        for e in there:
            self.assertEqual(e, here[e['seq']])
        self.assertTrue(all(e['person'] == ME for e in there))
        self.assertIn(cid, [e['child'] for e in there if e['kind'] == 'child.add'])
        self.assertEqual(self.trail(self.county, '--station', self.a.id, '--child', cid)[0]['kind'], 'child.add')
        out = self.county.ok('audit', 'verify', '--station', self.a.id).stdout
        self.assertRegex(out, r'^The audit trail is unbroken: %d entries, [1-9]\d* signed checkpoints' % len(there))
        # the county's own trail has the import
        self.assertEqual(self.trail(self.county, '--kind', 'bundle.import')[0]['detail']['station'], self.a.id)
        self.assertEqual(self.trail(self.a, '--kind', 'bundle.export')[0]['detail']['station'], self.county.id)

        # incremental: after the acknowledgement only the new entries travel
        self.a.take(self.county.bundle_for(self.a))
        self.a.ok('child', 'delete', cid)
        bundle = self.a.bundle_for(self.county)
        self.county.take(bundle)
        again = self.trail(self.county, '--station', self.a.id)
        self.assertEqual([e['seq'] for e in again], list(range(len(again), 0, -1)))
        self.assertIn('child.delete', [e['kind'] for e in again])
        self.assertRegex(self.county.ok('audit', 'verify', '--station', self.a.id).stdout, r'unbroken')
        # the second file carried only what the county had not acknowledged
        self.a.ok('child', 'add', '-', input=fixture(name='李小红', id_number='11010120180514123X'))
        self.county.take(self.a.bundle_for(self.county))
        self.assertRegex(self.county.ok('audit', 'verify', '--station', self.a.id).stdout, r'unbroken')

    def test_trust_and_revoke(self):
        trusted = self.trail(self.county, '--kind', 'station.trust')
        self.assertEqual([e['detail'] for e in trusted], [{'station': self.a.id}])
        self.county.ok('station', 'revoke', self.a.id)
        revoked = self.trail(self.county, '--kind', 'station')[0]
        self.assertEqual((revoked['kind'], revoked['detail'], revoked['person']),
                         ('station.revoke', {'station': self.a.id}, ME))

    def test_a_rewritten_township_trail_is_refused(self):
        self.a.ok('child', 'add', FIXTURE)
        p = subprocess.run([TAMPER, self.a.db, 'change', '3'], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        bundle = self.a.bundle_for(self.county)
        p = self.county.run('bundle', 'import', bundle)
        self.assertEqual(p.returncode, 1)
        self.assertIn('nanling', p.stderr)
        self.assertIn('Entry 3 of the audit trail of station %s was changed' % self.a.id, p.stderr)
        self.assertIn('Nothing was imported', p.stderr)
        # nothing written: no child, no entry of the township's
        self.assertEqual(json.loads(self.county.ok('child', 'list', '--json').stdout), [])
        self.assertEqual(self.trail(self.county, '--station', self.a.id), [])
        self.assertEqual(self.trail(self.county, '--kind', 'bundle.import'), [])

    def test_a_rewritten_county_copy_shows(self):
        self.a.ok('child', 'add', FIXTURE)
        self.county.take(self.a.bundle_for(self.county))
        p = subprocess.run([TAMPER, self.county.db, 'remote', self.a.id, '2'], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.county.run('audit', 'verify', '--station', self.a.id)
        self.assertEqual(p.returncode, 1)
        self.assertIn('Entry 2 of the audit trail of station %s was changed' % self.a.id, p.stderr)


if __name__ == '__main__':
    txtest.main()
