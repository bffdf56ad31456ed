#!/usr/bin/python3
# tests/test-backup.py — backups that restore (issue 17), through tongxing-cli
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# backup now makes a folder beside the store with the store's copy, its key
# file and a manifest, 0700 and 0600, encrypted like the store (every file
# is scanned for a known name and identity number); list shows it checked
# with the right counts; a restore brings the store back as it was and
# keeps the store it replaces as a backup (restoring that brings the change
# back); a restore is refused while another program holds the store, and
# for a backup with flipped bytes (verify names the problem; the store is
# untouched); a backup taken while another process writes continuously is
# one snapshot; a full disk leaves nothing behind; preview lists the roster
# and changes nothing; a backup copied to a "new PC" is restored there and
# opens with the password and with the recovery key; a backup's folder is
# never opened as the store, and verify, preview and restore leave it as it
# was.

import glob
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import txtest

CLI = sys.argv.pop(1)
HOLDER = sys.argv.pop(1)
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')

NAME = '甄备份'
LATER = '后来的'


def id_number(birth, seq):
    base = '511323' + birth.replace('-', '') + '%03d' % seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return base + '10X98765432'[sum(int(c) * w for c, w in zip(base, weights)) % 11]


ID = id_number('2018-05-14', 997)


def child(name, number):
    with open(FIXTURE, encoding='utf-8') as f:
        record = json.load(f)
    record.update(name=name, id_number=number)
    return record


def Holder(db, env):
    return txtest.Holder(HOLDER, db, env)


def tree(folder):
    """Every file under @folder with a hash of its bytes and its mode"""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            st = os.stat(path)
            digest = ''
            if stat.S_ISREG(st.st_mode):
                with open(path, 'rb') as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            out[os.path.relpath(path, folder)] = (digest, stat.S_IMODE(st.st_mode), st.st_mtime_ns)
    return out


class Backups(txtest.CliCase):
    cli = CLI

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, 'office')
        os.makedirs(self.dir)
        self.db = os.path.join(self.dir, 'tongxing.db')
        self.backups = self.db + '.backups'
        self.env = dict(os.environ, LANGUAGE='en')
        self.env.pop('TONGXING_DB', None)

    def tearDown(self):
        self.tmp.cleanup()

    def init(self):
        p = self.ok('init', '--county', '220102', '--township', '220102001')
        keys = [line.strip() for line in p.stdout.splitlines() + p.stderr.splitlines()
                if line.strip().count('-') == 7]
        return keys[0] if keys else None

    def add(self, name, number):
        return self.ok('child', 'add', '-', input=json.dumps(child(name, number), ensure_ascii=False)).stdout.strip()

    def names(self, db=None, env=None):
        return sorted(c['name'] for c in json.loads(self.ok('child', 'list', '--json', db=db, env=env).stdout))

    def backup_now(self, *args):
        made = json.loads(self.ok('backup', 'now', '--json', *args).stdout)
        self.assertEqual(len(made), 1)
        return made[0]

    def listed(self):
        return json.loads(self.ok('backup', 'list', '--json').stdout)

    def test_backup_listed_checked_encrypted_private(self):
        self.init()
        cid = self.add(NAME, ID)
        self.ok('visit', 'add', '-', input=json.dumps({'child_id': cid, 'date': '2026-11-20', 'visitor': '李春梅',
                                                       'kind': 'home'}, ensure_ascii=False))
        made = self.backup_now()
        self.assertTrue(made['path'].startswith(self.backups + os.sep))
        self.assertEqual(os.path.basename(made['file']), 'tongxing.db')
        listed = self.listed()
        self.assertEqual(len(listed), 1)
        b = listed[0]
        self.assertEqual(b['path'], made['path'])
        self.assertEqual((b['children'], b['visits'], b['verified']), (1, 1, True))
        self.assertTrue(b['created'].endswith('Z') or '+' in b['created'])
        self.assertGreater(b['size'], 0)
        self.assertEqual(b['who'], ['测试督导员'])
        # what a backup is: the store's copy, its key file and a manifest without people
        self.assertEqual(sorted(os.listdir(b['path'])), ['manifest.json', 'tongxing.db', 'tongxing.db.keys'])
        with open(os.path.join(b['path'], 'manifest.json'), encoding='utf-8') as f:
            manifest = json.load(f)
        self.assertEqual((manifest['children'], manifest['visits'], manifest['check']), (1, 1, 'ok'))
        self.assertEqual(manifest['township'], '220102001')
        self.assertNotIn('测试督导员', json.dumps(manifest, ensure_ascii=False))
        # no readable name or identity number in any file; the user's only
        self.assertEqual(stat.S_IMODE(os.stat(self.backups).st_mode), 0o700)
        for root, dirs, files in os.walk(self.backups):
            for d in dirs:
                self.assertEqual(stat.S_IMODE(os.stat(os.path.join(root, d)).st_mode), 0o700)
            for name in files:
                path = os.path.join(root, name)
                self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, path)
                with open(path, 'rb') as f:
                    data = f.read()
                for secret in (NAME, ID):
                    self.assertNotIn(secret.encode(), data, f'{secret} readable in {name}')
                # the key file names the people who hold a password, as the store's own does
                if name != 'tongxing.db.keys':
                    self.assertNotIn('测试督导员'.encode(), data, f'a person is named in {name}')
        # verify checks it again; the audit trail says a backup was made
        p = self.ok('backup', 'verify', b['path'])
        self.assertIn('is sound', p.stdout)
        self.ok('backup', 'verify', b['file'])
        kinds = [e['kind'] for e in json.loads(self.ok('audit', 'list', '--json', '--kind', 'backup').stdout)]
        self.assertEqual(kinds, ['backup.made'])

    def test_counts_are_the_rosters(self):
        """A backup's children are the roster's, on the register; one who left is in the total the check
        compares"""
        self.init()
        self.add(NAME, ID)
        left = self.add(LATER, id_number('2018-05-14', 11))
        self.ok('child', 'exit', left, '--reason', 'moved-away', '--date', '2026-11-21')
        roster = json.loads(self.ok('child', 'list', '--json').stdout)
        self.assertEqual([c['name'] for c in roster], [NAME])
        made = self.backup_now()
        self.assertEqual((made['children'], made['children_total']), (len(roster), 2))
        listed = self.listed()[0]
        self.assertEqual((listed['children'], listed['children_total']), (1, 2))
        p = self.ok('backup', 'verify', made['path'])
        self.assertIn('1 children', p.stdout)
        with open(os.path.join(made['path'], 'manifest.json'), encoding='utf-8') as f:
            manifest = json.load(f)
        self.assertEqual((manifest['children'], manifest['children_total']), (1, 2))
        # a manifest made before the roster's count: its children were the total, and it checks
        del manifest['children_total']
        manifest['children'] = 2
        with open(os.path.join(made['path'], 'manifest.json'), 'w', encoding='utf-8') as f:
            json.dump(manifest, f)
        self.ok('backup', 'verify', made['path'])
        self.assertEqual(self.listed()[0]['children_total'], 2)

    def test_preview_counts_as_the_list_and_marks_who_left(self):
        """The preview counts the children on the register, as the list and the roster do; one who left is
        listed after them, marked with the state and the day (a supervisor may be looking for that child)"""
        self.init()
        self.add(NAME, ID)
        left = self.add(LATER, id_number('2018-05-14', 11))
        self.ok('child', 'exit', left, '--reason', 'moved-away', '--date', '2026-11-21')
        made = self.backup_now()
        got = json.loads(self.ok('backup', 'preview', made['path'], '--json').stdout)
        self.assertEqual((got['on_register'], got['left']), (1, 1))
        self.assertEqual(got['on_register'], self.listed()[0]['children'])
        self.assertEqual(got['on_register'], len(json.loads(self.ok('child', 'list', '--json').stdout)))
        self.assertEqual([(c['name'], c['register'], c['exit_date']) for c in got['children']],
                         [(NAME, 'active', None), (LATER, 'exited', '2026-11-21')])
        p = self.ok('backup', 'preview', made['path'])
        lines = p.stdout.splitlines()
        self.assertIn('1 child on the register and 1 who left the register', lines[0])
        self.assertNotIn('2 children', lines[0])
        self.assertIn(NAME, lines[1])
        self.assertNotIn('left the register', lines[1])
        self.assertIn(LATER, lines[2])
        self.assertTrue(lines[2].endswith('left the register 2026-11-21'), lines[2])

    def test_restore_brings_back_and_keeps_the_store(self):
        self.init()
        self.add(NAME, ID)
        first = self.backup_now()
        self.add(LATER, id_number('2018-05-14', 11))
        self.assertEqual(self.names(), sorted([NAME, LATER]))
        # without a terminal, --yes is needed
        p = self.run_cli('backup', 'restore', first['path'])
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(self.names(), sorted([NAME, LATER]))

        p = self.ok('backup', 'restore', first['file'], '--yes')
        self.assertIn('kept in', p.stdout)
        self.assertEqual(self.names(), [NAME])
        self.assertEqual(txtest.sql(self.db, 'PRAGMA integrity_check'), [['ok']])
        # the restored store's trail says from which backup, after the restore
        restore = json.loads(self.ok('audit', 'list', '--json', '--kind', 'backup.restore').stdout)
        self.assertEqual(len(restore), 1)
        self.assertIn(os.path.basename(first['path']), json.dumps(restore[0], ensure_ascii=False))
        # the store as it was, a checked backup marked before restore
        kept = [b for b in self.listed() if b['before_restore']]
        self.assertEqual(len(kept), 1)
        self.assertEqual((kept[0]['children'], kept[0]['verified']), (2, True))
        # and restoring it brings the change back
        self.ok('backup', 'restore', kept[0]['path'], '--yes')
        self.assertEqual(self.names(), sorted([NAME, LATER]))
        self.assertFalse(glob.glob(self.db + '.restoring*'))

    def test_restore_refused_while_another_program_holds_the_store(self):
        self.init()
        self.add(NAME, ID)
        b = self.backup_now()
        self.add(LATER, id_number('2018-05-14', 11))
        before = txtest.digest(self.db)
        holder = Holder(self.db, self.env)
        try:
            p = self.run_cli('backup', 'restore', b['path'], '--yes')
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn('tx-store-holder', p.stderr)
            self.assertIn('Close it', p.stderr)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertEqual(holder.ask('count'), 'count 2')
        finally:
            holder.quit()
        self.assertEqual(txtest.digest(self.db), before)
        self.assertEqual(len(self.listed()), 1, 'no backup was made before the refusal')

    def test_backup_while_another_process_writes(self):
        self.init()
        self.ok('demo', '--children', '300', '--seed', '3')
        base = txtest.sql(self.db, 'SELECT count(*) FROM child WHERE deleted = 0')[0][0]
        holder = Holder(self.db, self.env)
        on_register = int(holder.ask('count').split()[1])
        stop = threading.Event()
        saved = []

        def write():
            i = 0
            while not stop.is_set():
                answer = holder.ask('add 写' + chr(0x4e00 + i % 20000))
                self.assertTrue(answer.startswith('saved '), answer)
                saved.append(answer)
                i += 1

        t = threading.Thread(target=write)
        t.start()
        try:
            time.sleep(0.3)
            made = []
            for _ in range(2):
                # checked at once: the next backup of the day rotates it away
                made.append(self.backup_now())
                self.ok('backup', 'verify', made[-1]['path'])
                copy = txtest.sql(made[-1]['file'], 'SELECT count(*) FROM child WHERE deleted = 0')[0][0]
                self.assertEqual(copy, made[-1]['children_total'])
                copy = txtest.sql(made[-1]['file'],
                                  "SELECT count(*) FROM child WHERE deleted = 0 AND register = 'active'")[0][0]
                self.assertEqual(copy, made[-1]['children'])
            time.sleep(0.2)
        finally:
            stop.set()
            t.join()
            count = int(holder.ask('count').split()[1])
            holder.quit()
        self.assertGreater(len(saved), 5, 'the writer went on during the backups')
        for b in made:
            # one snapshot: the copy holds the counts its manifest took inside the same read
            self.assertTrue(base <= b['children'] <= base + len(saved))
        self.assertLess(made[0]['children'], made[1]['children'])
        self.assertEqual(count, on_register + len(saved))

    def test_disk_full_leaves_nothing(self):
        self.init()
        self.ok('demo', '--children', '50', '--seed', '5')
        before = self.ok('child', 'list', '--json', '--all').stdout
        small = os.path.join(self.tmp.name, 'stick')
        os.makedirs(small)
        script = ('mount -t tmpfs -o size=64k,mode=0700 tmpfs "$1" && shift && exec "$@"')
        probe = subprocess.run(['unshare', '-rm', 'sh', '-c', script, 'sh', small, 'true'], capture_output=True)
        if probe.returncode != 0:
            if os.geteuid() == 0:
                self.skipTest('no small disk can be made here: ' + probe.stderr.decode())
            os.chmod(small, 0o500)
            p = self.run_cli('backup', 'now', '--to', small)
            code = 'writable'
        else:
            p = subprocess.run(['unshare', '-rm', 'sh', '-c', script + '; ', 'sh', small,
                                'sh', '-c', '"$@"; code=$?; ls -A "$0"; exit $code', small,
                                CLI, '--db', self.db, 'backup', 'now', '--to', small],
                               capture_output=True, text=True, env=self.env, timeout=300)
            code = 'full'
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn(small, p.stderr)
        self.assertIn(code, p.stderr)
        if code == 'full':
            self.assertRegex(p.stderr, r'needs about [0-9.]+\s[kM]B')
            self.assertEqual(p.stdout.strip(), '', 'nothing left in the folder: ' + p.stdout)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
        self.assertEqual(self.ok('child', 'list', '--json', '--all').stdout, before)
        self.assertEqual(txtest.sql(self.db, 'PRAGMA integrity_check'), [['ok']])
        # the failed attempt is recorded for the window's status line
        last = json.loads(txtest.sql(self.db, "SELECT value FROM settings WHERE key = 'backup_last'")[0][0])
        self.assertFalse(last['ok'])
        self.assertIn(small, last['message'])

    def test_a_damaged_backup_is_named_and_not_restored(self):
        self.init()
        self.ok('demo', '--children', '200', '--seed', '9')
        b = self.backup_now()
        self.add(LATER, id_number('2018-05-14', 11))
        before = txtest.digest(self.db)
        size = os.path.getsize(b['file'])
        with open(b['file'], 'r+b') as f:
            f.seek(size // 2)
            data = f.read(64)
            f.seek(size // 2)
            f.write(bytes(x ^ 0x5a for x in data))
        p = self.run_cli('backup', 'verify', b['path'])
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn(b['path'], p.stderr)
        self.assertIn('damaged', p.stderr)
        p = self.run_cli('backup', 'restore', b['path'], '--yes')
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(txtest.digest(self.db), before)
        self.assertIn(LATER, self.names())
        # a half-made folder and a stray one are listed as unusable
        os.makedirs(os.path.join(self.backups, '.partial-x'))
        os.makedirs(os.path.join(self.backups, 'holiday photos'))
        unusable = [x for x in self.listed() if x['unusable']]
        self.assertEqual(len(unusable), 2)
        self.assertFalse(any(x['verified'] for x in unusable))

    def test_a_damaged_store_is_set_aside_and_restored(self):
        self.init()
        self.ok('demo', '--children', '100', '--seed', '4')
        b = self.backup_now()
        size = os.path.getsize(self.db)
        with open(self.db, 'r+b') as f:
            f.seek(size // 2)
            data = f.read(4096)
            f.seek(size // 2)
            f.write(bytes(x ^ 0x5a for x in data))
        p = self.ok('backup', 'restore', b['path'], '--yes')
        self.assertNotIn('kept in', p.stdout)
        aside = [f for f in os.listdir(self.dir) if '.damaged-' in f]
        self.assertEqual(len([f for f in aside if f.endswith('.keys')]), 1, aside)
        self.assertEqual(len([f for f in aside if not f.endswith(('.keys', '-wal', '-shm'))]), 1, aside)
        self.assertEqual(txtest.sql(self.db, 'PRAGMA integrity_check'), [['ok']])
        self.assertEqual(len(json.loads(self.ok('child', 'list', '--json', '--all').stdout)), b['children_total'])
        self.assertEqual(len(json.loads(self.ok('child', 'list', '--json').stdout)), b['children'])

    def test_preview_lists_the_roster_and_changes_nothing(self):
        self.init()
        self.add(NAME, ID)
        b = self.backup_now()
        self.add(LATER, id_number('2018-05-14', 11))
        store = txtest.digest(self.db)
        files = tree(b['path'])
        got = json.loads(self.ok('backup', 'preview', b['path'], '--json').stdout)
        self.assertEqual([c['name'] for c in got['children']], [NAME])
        self.assertNotEqual(got['children'][0]['id_number'], ID)
        self.assertEqual(got['children'][0]['id_number'][:6], ID[:6])
        self.assertEqual(got['children'][0]['village'], child(NAME, ID)['residence_division'])
        self.assertEqual(got['backup']['children'], 1)
        p = self.ok('backup', 'preview', b['file'])
        self.assertIn(NAME, p.stdout)
        self.assertNotIn(LATER, p.stdout)
        self.assertEqual(tree(b['path']), files, 'the backup folder is as it was')
        self.assertEqual(txtest.digest(self.db), store)

    def test_a_backup_opens_on_a_new_pc(self):
        recovery = self.init()
        self.add(NAME, ID)
        b = self.backup_now()
        stick = os.path.join(self.tmp.name, 'stick', os.path.basename(b['path']))
        shutil.copytree(b['path'], stick)
        # nothing at the new PC yet: the backup's own key file logs the person in
        db = os.path.join(self.tmp.name, 'newpc', 'tongxing.db')
        self.ok('backup', 'restore', stick, '--yes', db=db)
        self.assertEqual(self.names(db=db), [NAME])
        # the recovery key of the old PC sets a new password there
        self.assertTrue(recovery)
        rk = os.path.join(self.tmp.name, 'rk')
        with open(rk, 'w') as f:
            f.write(recovery + '\n')
        pw = os.path.join(self.tmp.name, 'newpw')
        with open(pw, 'w') as f:
            f.write('a new password 2026\n')
        self.ok('recover', '--recovery-key-file', rk, '--user', '测试督导员', '--new-password-file', pw, db=db)
        self.assertEqual(self.names(db=db, env=dict(self.env, TONGXING_PASSWORD_FILE=pw)), [NAME])

    def test_a_new_pc_without_a_name_is_told_what_the_restore_needs(self):
        self.init()
        b = self.backup_now()
        db = os.path.join(self.tmp.name, 'newpc', 'data', 'tongxing.db')
        env = dict(self.env)
        env.pop('TONGXING_USER', None)
        p = self.run_cli('backup', 'restore', b['path'], '--yes', db=db, env=env, input='')
        self.assertNotEqual(p.returncode, 0)
        self.assertIn('valid when the backup was made', p.stderr)
        self.assertIn('--user NAME', p.stderr)
        self.assertIn('Restore From a Backup', p.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(db)))
        # with a name, the data folder is made and the backup restored
        self.ok('--user', '测试督导员', 'backup', 'restore', b['path'], '--yes', db=db, env=env)
        self.assertEqual(self.names(db=db), [])

    def test_a_backup_is_never_opened_as_the_store(self):
        """A backup's folder copied to a USB stick, and the one beside the store, opened as a store: refused
        before any password is asked, naming the backup's date, the restore and the preview, and nothing
        written beside it; verify, preview and a restore from it leave it as it was (no log, no shared
        memory)"""
        self.init()
        self.add(NAME, ID)
        b = self.backup_now()
        stick = os.path.join(self.tmp.name, 'stick', os.path.basename(b['path']))
        shutil.copytree(b['path'], stick)
        files = {stick: tree(stick), b['path']: tree(b['path'])}
        no_password = dict(self.env, TONGXING_PASSWORD_FILE=os.path.join(self.tmp.name, 'no-such-file'))
        for folder in (stick, b['path']):
            copy = os.path.join(folder, 'tongxing.db')
            for args in (['child', 'list'], ['child', 'add', '-'], ['backup', 'now'],
                         ['backup', 'restore', b['path'], '--yes']):
                p = self.run_cli(*args, db=copy, env=no_password, input='{}')
                self.assertNotEqual(p.returncode, 0, args)
                self.assertRegex(p.stderr, r'is a backup made on \d{4}-\d\d-\d\d \d\d:\d\d, not a store', args)
                self.assertIn(f'tongxing-cli backup restore {folder}', p.stderr)
                self.assertIn(f'tongxing-cli backup preview {folder}', p.stderr)
                self.assertNotIn('password', p.stderr.lower())
                self.assertEqual(tree(folder), files[folder], f'{args} changed the backup')
        for args in (['backup', 'verify', stick], ['backup', 'preview', stick], ['backup', 'restore', stick, '--yes']):
            self.ok(*args)
            self.assertEqual(sorted(os.listdir(stick)), ['manifest.json', 'tongxing.db', 'tongxing.db.keys'], args)
            self.assertEqual(tree(stick), files[stick], f'{args} changed the backup')
        self.assertEqual(self.names(), [NAME])

    def test_a_director_may_not_back_up_by_hand(self):
        self.init()
        pw = os.path.join(self.tmp.name, 'director')
        with open(pw, 'w') as f:
            f.write('director password 2026\n')
        self.ok('user', 'add', '王村长', '--role', 'director', '--villages', '220102001001', '--initial-password-file', pw)
        env = dict(self.env, TONGXING_USER='王村长', TONGXING_PASSWORD_FILE=pw)
        p = self.run_cli('backup', 'now', env=env)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn('permission', p.stderr)
        self.assertFalse(os.path.exists(self.backups))


if __name__ == '__main__':
    txtest.main()
