#!/usr/bin/python3
# tests/test-faults.py — faults injected on purpose: every write, sync and read of an operation failed in turn
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/fault/tx-fault.c is LD_PRELOADed into tongxing-cli: it fails the Nth
# write, sync or read of the files under the store's folder with EIO or
# ENOSPC, or kills the process (SIGKILL) at the Nth sync. For each operation
# (a child saved, added and updated; a visit; a ledger imported; a township's
# exchange file imported at its county) a count run learns how many writes,
# syncs and reads it does; then each fault runs on a fresh copy of a small
# prepared store, and afterwards, without the shim:
#   - the store opens and PRAGMA integrity_check is ok (tx-sql),
#   - it holds exactly the state before the operation or the state after it
#     (rows compared with a clean run's, ids and times aside), never a mix,
#   - its audit trail verifies (audit verify),
#   - a run that exited 0 changed the store (no silent failure), and one that
#     failed said on stderr what happened and what to do: the disk full and
#     which folder, or the disk's error and to copy the store elsewhere.
# By default each kind of fault runs at an evenly spread sample of N (a few
# minutes on 2 cores); TX_FAULT_FULL=1 runs every N, TX_FAULT_KINDS some
# kinds only (docs/faults.md).

import concurrent.futures
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import txsync
import txtest
from txsync import Station

CLI = sys.argv.pop(1)
SHIM = sys.argv.pop(1)
txsync.CLI = CLI
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')
FULL = os.environ.get('TX_FAULT_FULL') == '1'
# the runs of one kind of fault per operation in the default run
SAMPLE = int(os.environ.get('TX_FAULT_SAMPLE', '10'))
WORKERS = min(2, os.cpu_count() or 1)
TOWNSHIP = '220102001'

# the kinds of fault: (operation counted, errno or KILL); TX_FAULT_KINDS=read:EIO,sync:KILL runs only those
FAULTS = [('write', 'EIO'), ('write', 'ENOSPC'), ('sync', 'EIO'), ('read', 'EIO'), ('sync', 'KILL')]
if os.environ.get('TX_FAULT_KINDS'):
    FAULTS = [f for f in FAULTS if ':'.join(f) in os.environ['TX_FAULT_KINDS'].split(',')]

UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
TIME = re.compile(r'\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?')
BIG = re.compile(r'(?<![\d.])\d{12,}(?![\d.])')


def id_number(birth, seq, region='220102'):
    """A valid identity number: the region, the birth date, a sequence, the check digit."""
    first = region + birth.replace('-', '') + '%03d' % seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first + '10X98765432'[sum(int(d) * w for d, w in zip(first, weights)) % 11]


def fixture(**values):
    with open(FIXTURE, encoding='utf-8') as f:
        record = json.load(f)
    record.update(values)
    return json.dumps(record, ensure_ascii=False)


def sample(count):
    """The Ns to fail: all of them under TX_FAULT_FULL=1 or when few, else SAMPLE spread evenly"""
    if FULL or count <= SAMPLE:
        return list(range(1, count + 1))
    return sorted({1 + round(i * (count - 1) / (SAMPLE - 1)) for i in range(SAMPLE)})


class Operation:
    """One command of tongxing-cli on a store prepared in a folder of its own. @prepared: for a backup's
    command, the folder holding the store and its backups, copied whole for each run; otherwise the
    store and its key file are copied"""

    def __init__(self, name, db, args, input=None, prepared=None):
        self.name, self.db, self.args, self.input, self.prepared = name, db, list(args), input, prepared


class Faults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        base = cls.tmp.name
        cls.base = base
        for d in ('town', 'county', 'inputs', 'runs'):
            os.mkdir(os.path.join(base, d))
        cls.county = Station(os.path.join(base, 'county'), 'county')
        cls.town = Station(os.path.join(base, 'town'), 'nanling', township=TOWNSHIP)
        cls.county.trust(cls.town)
        cls.town.trust(cls.county)
        cls.cids = []
        for i, (name, birth) in enumerate([('张小明', '2018-05-14'), ('李小红', '2017-03-02'),
                                           ('王小刚', '2016-07-21')]):
            cls.cids.append(cls.town.ok('child', 'add', '-', input=fixture(
                name=name, birth_date=birth, id_number=id_number(birth, 11 + 2 * i))).stdout.strip())
        cls.town.ok('visit', 'add', '-', input=json.dumps(
            {'child_id': cls.cids[0], 'date': '2026-11-02', 'visitor': '李春梅', 'kind': 'home'}))
        # the township's exchange file for its county: three children, a visit, the audit trail
        cls.bundle = os.path.join(base, 'inputs', 'nanling-for-county.txb')
        cls.town.ok('bundle', 'export', '--to', cls.county.id, '--out', cls.bundle)
        # a small ledger as an office keeps it
        cls.ledger = os.path.join(base, 'inputs', '台账.csv')
        with open(cls.ledger, 'w', encoding='utf-8', newline='') as f:
            w = csv.writer(f)
            w.writerow(['姓名', '性别', '出生日期', '身份证号码'])
            w.writerow(['赵小二', '男', '2018-06-14', id_number('2018-06-14', 17)])
            w.writerow(['赵小三', '女', '2017-04-02', id_number('2017-04-02', 26)])
        cls.tables = [r[0] for r in txtest.sql(cls.town.db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                                          "AND name NOT LIKE 'audit%' AND name NOT LIKE 'sqlite_%' "
                                                          "ORDER BY name")]
        cls.runs = 0

    @classmethod
    def tearDownClass(cls):
        print(f'# {cls.runs} runs under the shim')
        cls.tmp.cleanup()

    # the store's state

    def state(self, db):
        """(integrity_check's rows, the rows of every table but the audit trail's as JSON lines), or the
        error of a store that does not open"""
        query = "SELECT '', integrity_check FROM pragma_integrity_check(); " + ' '.join(
            f'SELECT \'{t}\', * FROM "{t}" ORDER BY 2;' for t in self.tables)
        p = subprocess.run([os.environ['TX_SQL'], db, query], capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            return None, p.stderr.strip()
        lines = p.stdout.splitlines()
        integrity = [json.loads(line)[1] for line in lines if line.startswith('["",')]
        return integrity, [line for line in lines if not line.startswith('["",')]

    @staticmethod
    def shape(lines):
        """The rows with their ids, times and clock values made alike: two clean runs of an operation differ
        only in those"""
        return sorted(BIG.sub('N', TIME.sub('T', UUID.sub('U', line))) for line in lines)

    # running

    def fresh(self, op):
        """A copy of the operation's prepared store (and its key file, or its whole folder) in a folder of
        its own"""
        folder = tempfile.mkdtemp(dir=os.path.join(self.base, 'runs'))
        db = os.path.join(folder, os.path.basename(op.db))
        if op.prepared:
            shutil.rmtree(folder)
            shutil.copytree(op.prepared, folder)
            return folder, db
        for suffix in ('', '.keys', '-wal'):
            if os.path.exists(op.db + suffix):
                shutil.copy(op.db + suffix, db + suffix)
        return folder, db

    def run_op(self, op, db, fault=None):
        env = dict(os.environ, LANGUAGE='en')
        if fault is not None:
            env.update(LD_PRELOAD=SHIM, TX_FAULT_DIR=os.path.dirname(db),
                       # a build with AddressSanitizer loads its runtime after the shim
                       ASAN_OPTIONS=env.get('ASAN_OPTIONS', '') + ':verify_asan_link_order=0')
            env.update(fault)
        return subprocess.run([CLI, '--db', db] + op.args, input=op.input, capture_output=True, text=True,
                              env=env, timeout=300)

    def count(self, op):
        folder, db = self.fresh(op)
        counts = os.path.join(self.base, 'inputs', op.name + '.count')
        p = self.run_op(op, db, {'TX_FAULT_COUNT': counts})
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(counts, encoding='utf-8') as f:
            got = {k: int(v) for k, v in (line.split() for line in f)}
        shutil.rmtree(folder)
        return got

    def run_fault(self, op, db, what, errname, n):
        """@op on @db with the Nth @what failing with @errname (or the process killed there)"""
        fault = {'TX_FAULT_OP': what, 'TX_FAULT_N': str(n)}
        fault.update({'TX_FAULT_KILL': '1'} if errname == 'KILL' else {'TX_FAULT_ERRNO': errname})
        return self.run_op(op, db, fault), f'{op.name}: {what} {n} {errname}'

    def audit_sound(self, tag, db):
        v = subprocess.run([CLI, '--db', db, 'audit', 'verify'], capture_output=True, text=True,
                           env=dict(os.environ, LANGUAGE='en'), timeout=120)
        return [f'{tag}: audit verify: {v.stderr.strip()}'] if v.returncode != 0 else []

    def outcome(self, tag, p, db, before, after, errname, keep=None, sound=None):
        """What was wrong after a run with a fault (empty when all was right): the store opens, is whole,
        holds the state before or after, @sound finds nothing, and the exit and message fit. @keep picks
        the rows compared"""
        integrity, lines = self.state(db)
        if integrity is None:
            return [f'{tag}: the store does not open afterwards: {lines}']
        wrong = []
        if integrity != ['ok']:
            wrong.append(f'{tag}: integrity_check {integrity[:3]}')
        if keep:
            lines = keep(lines)
        held = 'before' if lines == before else 'after' if self.shape(lines) == after else 'mix'
        if held == 'mix':
            wrong.append(f'{tag}: the store holds neither the state before nor after (exit {p.returncode})')
        wrong += sound(tag, db)
        if errname == 'KILL':
            if p.returncode not in (-9, 0):
                wrong.append(f'{tag}: exit {p.returncode} where the process was to be killed: {p.stderr}')
        elif p.returncode == 0:
            # a backup leaves the store as it was: its "after" is its "before"
            if held != 'after' and self.shape(before) != after:
                wrong.append(f'{tag}: exit 0, but the store holds the state before: a silent failure')
        else:
            wrong += self.message(tag, p.stderr, errname, os.path.dirname(db), held)
        return wrong

    def one(self, op, before, after, what, errname, n):
        """One run with a fault; a list of what was wrong (empty when all was right). A backup's command
        is judged without the record of its attempt, and by the backups it leaves"""
        folder, db = self.fresh(op)
        p, tag = self.run_fault(op, db, what, errname, n)
        if op.prepared:
            wrong = self.outcome(tag, p, db, before, after, errname, keep=self.without_backup_record,
                                 sound=self.backups_sound)
        else:
            wrong = self.outcome(tag, p, db, before, after, errname, sound=self.audit_sound)
        shutil.rmtree(folder)
        return wrong

    def message(self, tag, stderr, errname, folder, held):
        """What a failed run said: one line naming the problem and what to do"""
        lines = [line for line in stderr.splitlines() if line.strip()]
        text = ' '.join(lines)
        wrong = []
        if not lines:
            return [f'{tag}: failed without a word']
        if len(lines) > 2:
            wrong.append(f'{tag}: {len(lines)} lines on stderr: {text}')
        if 'Traceback' in text or 'CRITICAL' in text or 'WARNING' in text:
            wrong.append(f'{tag}: a warning where a message was due: {text}')
        if errname == 'ENOSPC':
            if not re.search(r'\bfull\b', text) or folder not in text or not re.search(r'free|space', text):
                wrong.append(f'{tag}: the disk full, but not said (which folder, free space): {text}')
            elif not re.search(r'\d+(\.\d+)?\s*[kMG]?B\b', text):
                wrong.append(f'{tag}: the disk full, but not how much is needed: {text}')
        else:
            if not re.search(r'disk', text) or not re.search(r'error', text) or not re.search(r'copy|check', text, re.I):
                wrong.append(f'{tag}: the disk\'s error not said with what to do: {text}')
        if errname != 'ENOSPC' and re.search(r'do not belong together', text):
            wrong.append(f'{tag}: the key file blamed for the disk\'s error: {text}')
        if held == 'after' and re.search(r'[Nn]othing (has been|was) (changed|saved|imported)', text):
            wrong.append(f'{tag}: says nothing changed, but the change was made: {text}')
        return wrong

    def clean(self, op):
        """The store's rows before the operation, and the shape of its rows after a clean run"""
        integrity, before = self.state(op.db)
        self.assertEqual(integrity, ['ok'])
        shapes = []
        for _ in range(2):
            folder, db = self.fresh(op)
            p = self.run_op(op, db)
            self.assertEqual(p.returncode, 0, p.stderr)
            integrity, lines = self.state(db)
            self.assertNotEqual(lines, before, 'the operation changes the store')
            shapes.append(self.shape(lines))
            shutil.rmtree(folder)
        self.assertEqual(shapes[0], shapes[1], 'two clean runs differ in more than ids and times')
        self.assertNotEqual(self.shape(before), shapes[0])
        return before, shapes[0]

    def faults(self, op, jobs, before=None, after=None):
        """Runs each (what, errno or KILL, N) of @jobs on a fresh copy; fails naming everything wrong. The
        state before and the shape after are a clean run's unless given"""
        if before is None:
            before, after = self.clean(op)
        wrong = []
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            for w in pool.map(lambda job: self.one(op, before, after, *job), jobs):
                wrong += w
        type(self).runs += len(jobs)
        self.assertFalse(wrong, '\n'.join(wrong[:30]) + (f'\n… {len(wrong)} in all' if len(wrong) > 30 else ''))

    def exercise(self, op, after_db=None):
        """The count run, then every kind of fault at the sampled Ns; the state after is a clean run's, or
        @after_db's (a backup's command: the record of its attempt aside)"""
        before = after = None
        if after_db:
            integrity, before = self.state(op.db)
            self.assertEqual(integrity, ['ok'])
            before = self.without_backup_record(before)
            integrity, after = self.state(after_db)
            after = self.shape(self.without_backup_record(after))
        counts = self.count(op)
        print(f'# {op.name}: {counts["writes"]} writes, {counts["syncs"]} syncs, {counts["reads"]} reads')
        jobs = [(what, errname, n) for what, errname in FAULTS
                for n in sample(counts['writes' if what == 'write' else what + 's'])]
        print(f'# {op.name}: {len(jobs)} runs')
        self.faults(op, jobs, before, after)

    # the operations

    def test_child_add(self):
        self.exercise(Operation('child-add', self.town.db, ['child', 'add', '-'], fixture(
            name='刘小芳', birth_date='2019-01-09', id_number=id_number('2019-01-09', 43))))

    def test_child_update(self):
        self.exercise(Operation('child-update', self.town.db, ['child', 'update', self.cids[1], '-'],
                                json.dumps({'contact_phone': '13811112222', 'remarks': '已搬到新住址'},
                                           ensure_ascii=False)))

    def test_visit_add(self):
        self.exercise(Operation('visit-add', self.town.db, ['visit', 'add', '-'], json.dumps(
            {'child_id': self.cids[2], 'date': '2026-11-20', 'visitor': '李春梅', 'kind': 'home',
             'findings': {'living': '住房整洁'}, 'needs': '课后辅导'}, ensure_ascii=False)))

    def test_import_ledger(self):
        self.exercise(Operation('import-ledger', self.town.db, ['import', 'ledger', self.ledger]))

    def test_bundle_import(self):
        self.exercise(Operation('bundle-import', self.county.db, ['bundle', 'import', self.bundle]))

    # what the sweep found, each on its own

    def test_a_failed_commit_is_undone_once(self):
        """A commit the disk fails rolls itself back; the caller's rollback after it was a second one
        (a critical warning, and with G_DEBUG=fatal-criticals a crash): every sync of a save failed"""
        op = Operation('child-update', self.town.db, ['child', 'update', self.cids[0], '-'],
                       json.dumps({'contact_phone': '13822223333'}))
        self.faults(op, [('sync', 'EIO', n) for n in range(1, self.count(op)['syncs'] + 1)])

    def test_the_messages_name_the_disk(self):
        """A full disk names the folder and asks for space, even when SQLite calls it an I/O error (the
        first write grows the log's index); the key file's read error says to copy the files away"""
        op = Operation('child-add', self.town.db, ['child', 'add', '-'], fixture(
            name='陈小花', birth_date='2019-02-10', id_number=id_number('2019-02-10', 45)))
        self.faults(op, [('write', 'ENOSPC', 1), ('write', 'EIO', 1), ('read', 'EIO', 1), ('sync', 'EIO', 1)])

    def test_a_read_the_disk_fails_is_not_a_damaged_store(self):
        """Every read of a command that only reads failed in turn: the disk's error and what to do (SQLite
        reports a read's EIO as a damaged file: the message says both), never "no account" nor "no child"
        (a failed read taken for a row not found)"""
        ops = [Operation('child-list', self.town.db, ['child', 'list', '--all', '--json']),
               Operation('child-get', self.town.db, ['child', 'get', self.cids[1]])]
        wrong = []
        for op in ops:
            wrong += self.reads_failed(op, sample(self.count(op)['reads']))[0]
        self.assertFalse(wrong, '\n'.join(wrong[:30]))

    def test_a_failed_read_at_the_key_check_is_the_disk(self):
        """Each of the first reads of a command failed in turn: the key file's, and the store's first
        page read to check the key, which SQLite3 Multiple Ciphers 2.4.0 reports as a wrong key
        (SQLITE_NOTADB). The message is the disk's error and what to do, never the key file blamed"""
        op = Operation('child-list', self.town.db, ['child', 'list', '--all', '--json'])
        wrong, failed = self.reads_failed(op, range(1, 17))
        self.assertFalse(wrong, '\n'.join(wrong[:30]))
        self.assertGreater(failed, 4, 'the first reads failed the command')

    def reads_failed(self, op, ns):
        """@op with its Nth read failed (EIO), for each N of @ns: what its messages got wrong, and how
        many runs failed"""
        wrong, failed = [], 0
        for n in ns:
            folder, db = self.fresh(op)
            p = self.run_op(op, db, {'TX_FAULT_OP': 'read', 'TX_FAULT_N': str(n), 'TX_FAULT_ERRNO': 'EIO'})
            if p.returncode != 0:
                failed += 1
                wrong += self.message(f'{op.name}: read {n} EIO', p.stderr, 'EIO', folder, 'before')
            shutil.rmtree(folder)
            type(self).runs += 1
        return wrong, failed

    def test_a_read_the_disk_fails_is_not_a_stranger(self):
        """Each of the first reads of a bundle import failed in turn, the lookup of the stations trusted here
        among them (the full run found it at the 21st): the disk's error, never "signed by a station this
        one does not trust" (a failed read taken for no trusted key)"""
        op = Operation('bundle-import', self.county.db, ['bundle', 'import', self.bundle])
        wrong = []
        for n in range(1, min(self.count(op)['reads'], 40) + 1):
            folder, db = self.fresh(op)
            p = self.run_op(op, db, {'TX_FAULT_OP': 'read', 'TX_FAULT_N': str(n), 'TX_FAULT_ERRNO': 'EIO'})
            if p.returncode != 0 and re.search(r'does not trust|not trusted', p.stderr):
                wrong.append(f'{op.name}: read {n} EIO taken for a station not trusted: {p.stderr.strip()}')
            shutil.rmtree(folder)
            type(self).runs += 1
        self.assertFalse(wrong, '\n'.join(wrong[:30]))

    # backups: the store is only read (the last attempt's record aside), the backup is whole or absent

    @staticmethod
    def without_backup_record(lines):
        """The rows without the record of the last backup attempt (settings' backup_last), which a
        backup writes whether it worked or not"""
        return [line for line in lines if not line.startswith('["settings","backup_last"')]

    def backups_sound(self, tag, db):
        """Every backup beside the store after a run: listed as usable and passing `backup verify`, or
        listed as unusable (half-made, after a kill); a new backup can be made in any case"""
        wrong = []
        env = dict(os.environ, LANGUAGE='en')
        p = subprocess.run([CLI, '--db', db, 'backup', 'list', '--json'], capture_output=True, text=True,
                           env=env, timeout=120)
        if p.returncode != 0:
            return [f'{tag}: backup list: {p.stderr.strip()}']
        for b in json.loads(p.stdout or '[]'):
            if b.get('unusable'):
                continue
            v = subprocess.run([CLI, '--db', db, 'backup', 'verify', b['path']], capture_output=True, text=True,
                               env=env, timeout=120)
            if v.returncode != 0:
                wrong.append(f'{tag}: a backup listed as usable fails its check: {v.stderr.strip()}')
        n = subprocess.run([CLI, '--db', db, 'backup', 'now'], capture_output=True, text=True, env=env,
                           timeout=120)
        if n.returncode != 0:
            wrong.append(f'{tag}: no backup can be made afterwards: {n.stderr.strip()}')
        return wrong

    def prepare_backup_folder(self, name):
        """The township's store and key file in a folder of their own, with one backup beside it taken
        before a child's phone number changed; returns (folder, db, the backup's path)"""
        folder = os.path.join(self.base, 'inputs', name)
        os.mkdir(folder)
        db = os.path.join(folder, os.path.basename(self.town.db))
        for suffix in ('', '.keys', '-wal'):
            if os.path.exists(self.town.db + suffix):
                shutil.copy(self.town.db + suffix, db + suffix)
        env = dict(os.environ, LANGUAGE='en')
        p = subprocess.run([CLI, '--db', db, 'backup', 'now', '--json'], capture_output=True, text=True, env=env,
                           timeout=120, check=True)
        backup = json.loads(p.stdout)[0]['path']   # one a place: the folder beside the store
        subprocess.run([CLI, '--db', db, 'child', 'update', self.cids[2], '-'], capture_output=True, text=True,
                       env=env, timeout=120, check=True, input=json.dumps({'contact_phone': '13933334444'}))
        return folder, db, backup

    def test_backup_now(self):
        """A backup the disk fails or that dies half-way: the store as it was, no half-made backup taken
        for a good one, and the next backup made"""
        folder, db, _ = self.prepare_backup_folder('backup-now')
        self.exercise(Operation('backup-now', db, ['backup', 'now'], prepared=folder), db)

    def test_backup_restore(self):
        """A restore the disk fails or that dies half-way: the store as it was or as the backup holds it,
        never a mix, and the store kept before the restore a sound backup"""
        folder, db, backup = self.prepare_backup_folder('backup-restore')
        # the state after is the backup's, read from a copy (a login writes to the store it opens)
        copy = os.path.join(self.base, 'inputs', 'restored-backup')
        shutil.copytree(backup, copy)
        backup_db = os.path.join(copy, os.path.basename(db))
        self.exercise(Operation('backup-restore', db, ['backup', 'restore', backup, '--yes'], prepared=folder),
                      backup_db)


if __name__ == '__main__':
    if len(sys.argv) > 1:
        # by hand: test-faults.py CLI SHIM Faults.test_visit_add …
        unittest.main(argv=sys.argv, verbosity=2)
    else:
        txtest.main()
