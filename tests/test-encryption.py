#!/usr/bin/python3
# tests/test-encryption.py — the store encrypted at rest, opened only by its people (issue 16)
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Known names, identity numbers and phone numbers are written through
# tongxing-cli, and every file the store leaves beside it is scanned for
# them: after ordinary work, after a process killed while writing (its log
# and journal as the crash left them), after a county took a township's
# exchange file. A store made before encryption (schema 16, plain) is
# converted on its first login, all of it, with no plain copy left. A wrong
# password, an unknown or disabled person, a wrong recovery key: exit 1,
# one line, the store's tables unchanged. The recovery key sets a new
# password. Five wrong passwords in a row make the next try wait.

import glob
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import txsync
import txtest

CLI = sys.argv.pop(1)
OLD_STORE = sys.argv.pop(1)
txsync.CLI = CLI
SRC = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(SRC, 'data', 'child-complete.json')

# what must never be readable in a file of the store
NAME = '甄秘密'
ID = '511323201805149995'
PHONE = '13912345678'
FATHER_PHONE = '13987654321'


def id_number(birth, seq):
    base = '511323' + birth.replace('-', '') + '%03d' % seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return base + '10X98765432'[sum(int(c) * w for c, w in zip(base, weights)) % 11]


def secret_child():
    with open(FIXTURE, encoding='utf-8') as f:
        record = json.load(f)
    record.update(name=NAME, id_number=id_number('2018-05-14', 999), contact_phone=PHONE,
                  father_phone=FATHER_PHONE)
    return record


SECRETS = [s.encode('utf-8') for s in (NAME, id_number('2018-05-14', 999), PHONE, FATHER_PHONE)]


class Encryption(txtest.CliCase):
    cli = CLI

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, 'office')
        os.makedirs(self.dir)
        self.db = os.path.join(self.dir, 'tongxing.db')
        self.pw = os.path.join(self.tmp.name, 'pw')
        with open(self.pw, 'w') as f:
            f.write('稳稳当当 2026\n')
        self.env = dict(os.environ, TONGXING_USER='李春梅', TONGXING_PASSWORD_FILE=self.pw, LANGUAGE='en')
        # tx-sql (txtest.sql) logs in as the tests' person too
        self.saved = dict(os.environ)
        os.environ.update(TONGXING_USER='李春梅', TONGXING_PASSWORD_FILE=self.pw)

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)
        self.tmp.cleanup()

    def init(self):
        p = self.ok('init', '--county', '220102', '--township', '220102001', '--admin', '李春梅')
        keys = [line.strip() for line in p.stdout.splitlines() if line.strip().count('-') == 7]
        self.assertEqual(len(keys), 1, p.stdout)
        return keys[0]

    def add_secret(self):
        return self.ok('child', 'add', '-', input=json.dumps(secret_child(), ensure_ascii=False)).stdout.strip()

    def assert_no_plaintext(self, folder, when):
        files = [f for f in glob.glob(os.path.join(folder, '*')) if os.path.isfile(f)]
        self.assertTrue(files)
        for path in files:
            with open(path, 'rb') as f:
                data = f.read()
            for secret in SECRETS:
                self.assertNotIn(secret, data, f'{when}: {secret.decode()} readable in {os.path.basename(path)}')
            # the store's files are the user's only (a station's identity is public)
            if not path.endswith(('.identity', '.pub')):
                self.assertEqual(os.stat(path).st_mode & 0o077, 0, f'{path} is readable by others')

    def test_no_plaintext_in_any_file(self):
        self.init()
        cid = self.add_secret()
        visit = {'child_id': cid, 'date': '2026-11-20', 'visitor': '李春梅', 'kind': 'home',
                 'findings': {'living': f'{NAME}在家，电话 {PHONE}'}}
        self.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False))
        # the files as they are while the store is in use and after
        self.assertTrue(os.path.exists(self.db + '-wal') or os.path.getsize(self.db) > 0)
        self.assert_no_plaintext(self.dir, 'after saving')
        # the data is all there for the person logged in
        got = json.loads(self.ok('child', 'get', cid).stdout)
        self.assertEqual(got['name'], NAME)
        self.assertEqual(got['contact_phone'], PHONE)
        # Python's SQLite (a reader not ours) cannot read the file without the key
        with self.assertRaises(sqlite3.DatabaseError):
            sqlite3.connect(self.db).execute('SELECT count(*) FROM sqlite_master').fetchall()
        # temporary tables and sorts stay in memory: no temporary file can hold a child
        options = [r[0] for r in txtest.sql(self.db, 'PRAGMA compile_options')]
        self.assertIn('TEMP_STORE=3', options)

    def test_no_plaintext_after_a_crash(self):
        self.init()
        self.add_secret()
        # a demo of many children written and killed in the middle: the log and any journal stay
        proc = subprocess.Popen([CLI, '--db', self.db, 'demo', '--children', '3000', '--seed', '7'],
                                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (os.path.exists(self.db + '-wal') and
                                                   os.path.getsize(self.db + '-wal') > 200000):
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        self.assertTrue(os.path.exists(self.db + '-wal'), 'killed with its log on disk')
        self.assert_no_plaintext(self.dir, 'after kill -9')
        # and the store opens, whole, with the child saved before
        self.assertEqual(txtest.sql(self.db, 'PRAGMA integrity_check'), [['ok']])
        names = [c['name'] for c in json.loads(self.ok('child', 'list', '--json', '--search', NAME).stdout)]
        self.assertEqual(names, [NAME])

    def test_no_plaintext_at_the_county_after_an_import(self):
        county_dir = os.path.join(self.tmp.name, 'county')
        town_dir = os.path.join(self.tmp.name, 'town')
        os.makedirs(county_dir)
        os.makedirs(town_dir)
        if True:
            county = txsync.Station(county_dir, 'county')
            town = txsync.Station(town_dir, 'town', township='220102001')
            county.trust(town)
            town.trust(county)
            town.ok('child', 'add', '-', input=json.dumps(secret_child(), ensure_ascii=False))
            town.ok('demo', '--children', '300')
            bundle = town.bundle_for(county)
            county.take(bundle)
            shutil.move(bundle, self.tmp.name)   # the exchange file is signed and sealed, not the store
            self.assertIn(NAME, county.ok('child', 'list', '--search', NAME).stdout)
            self.assert_no_plaintext(county_dir, 'at the county after the import')
            self.assert_no_plaintext(town_dir, 'at the township after the export')

    def test_a_plain_store_of_schema_16_is_converted(self):
        subprocess.run([OLD_STORE, self.db, '16'], check=True, capture_output=True)
        db = sqlite3.connect(self.db)
        db.execute("INSERT INTO settings VALUES ('county', '220102'), ('township', '220102001'), "
                   "('supervisor', '李春梅')")
        db.execute("INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, "
                   "f_birth_date, f_id_number, f_contact_phone, f_child_category, f_residence_division) "
                   "VALUES ('0b7a3c1e-0000-4000-8000-000000000001', '2026-01-01T00:00:00Z', "
                   "'2026-01-01T00:00:00Z', 'old', 0, 1, ?, '2018-05-14', ?, ?, 'migrant', '220102001002')",
                   (NAME, id_number('2018-05-14', 999), PHONE))
        db.commit()
        db.close()
        # the old program's station keys, beside the store
        with open(self.db + '.key', 'w') as f:
            f.write('Tongxing station secret keys 1\nstation: x\n')
        os.chmod(self.db + '.key', 0o600)
        with open(self.db, 'rb') as f:
            self.assertEqual(f.read(16), b'SQLite format 3\x00')

        # the first login protects it: the person becomes its supervisor, the recovery key is shown once
        p = self.ok('child', 'list', '--json')
        self.assertIn('Recovery key', p.stderr)
        self.assertEqual([c['name'] for c in json.loads(p.stdout)], [NAME])
        with open(self.db, 'rb') as f:
            self.assertNotEqual(f.read(16), b'SQLite format 3\x00')
        self.assertFalse(os.path.exists(self.db + '.before-encryption'), 'no plain copy is left')
        self.assertFalse(os.path.exists(self.db + '.key'), 'the station keys file is taken into the store')
        self.assert_no_plaintext(self.dir, 'after the conversion')
        users = json.loads(self.ok('user', 'list', '--json').stdout)
        self.assertEqual([(u['name'], u['role']) for u in users], [('李春梅', 'supervisor')])
        got = json.loads(self.ok('child', 'list', '--json', '--reveal-ids').stdout)
        self.assertEqual([c['id_number'] for c in got], [id_number('2018-05-14', 999)])
        # and opens again as any store does, no second recovery key
        p = self.ok('child', 'list')
        self.assertNotIn('Recovery key', p.stderr)

    def test_refused_logins_change_nothing(self):
        recovery = self.init()
        self.add_secret()
        wrong = os.path.join(self.tmp.name, 'wrong')
        with open(wrong, 'w') as f:
            f.write('not the password\n')
        director_pw = os.path.join(self.tmp.name, 'director')
        with open(director_pw, 'w') as f:
            f.write('director password 1\n')
        self.ok('user', 'add', '王建国', '--role', 'director', '--villages', '220102001002',
                '--initial-password-file', director_pw)
        self.ok('child', 'list', env=dict(self.env, TONGXING_USER='王建国', TONGXING_PASSWORD_FILE=director_pw))
        self.ok('user', 'disable', '王建国')
        before = txtest.digest(self.db)
        cases = {
            'wrong password': dict(self.env, TONGXING_PASSWORD_FILE=wrong),
            'unknown person': dict(self.env, TONGXING_USER='赵无名'),
            'disabled person': dict(self.env, TONGXING_USER='王建国', TONGXING_PASSWORD_FILE=director_pw),
        }
        for what, env in cases.items():
            with open(self.db, 'rb') as f:
                raw = f.read()
            p = self.run_cli('child', 'add', '-', input=json.dumps(secret_child(), ensure_ascii=False), env=env)
            self.assertEqual(p.returncode, 1, f'{what}: {p.stdout} {p.stderr}')
            lines = [l for l in p.stderr.splitlines() if l]
            self.assertEqual(len(lines), 1, f'{what}: one line: {p.stderr}')
            with open(self.db, 'rb') as f:
                self.assertEqual(f.read(), raw, f'{what}: the store was written')
        self.assertEqual(txtest.digest(self.db), before)
        # a wrong recovery key
        bad = os.path.join(self.tmp.name, 'bad-recovery')
        with open(bad, 'w') as f:
            f.write('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH\n')
        p = self.run_cli('recover', '--recovery-key-file', bad, '--user', '李春梅', '--new-password-file', wrong)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn('recovery key', p.stderr)
        self.assertEqual(txtest.digest(self.db), before)
        # the right one sets a new password: the old one no longer opens, the new one does
        good = os.path.join(self.tmp.name, 'recovery')
        with open(good, 'w') as f:
            f.write(recovery.lower().replace('-', ' ') + '\n')   # as typed from paper
        newpw = os.path.join(self.tmp.name, 'new')
        with open(newpw, 'w') as f:
            f.write('a new password 2026\n')
        self.ok('recover', '--recovery-key-file', good, '--user', '李春梅', '--new-password-file', newpw)
        self.assertEqual(self.run_cli('child', 'list').returncode, 1)
        self.ok('child', 'list', env=dict(self.env, TONGXING_PASSWORD_FILE=newpw))

    def test_five_wrong_passwords_slow_the_next(self):
        self.init()
        wrong = os.path.join(self.tmp.name, 'wrong')
        with open(wrong, 'w') as f:
            f.write('not the password\n')
        for _ in range(5):
            p = self.run_cli('child', 'list', env=dict(self.env, TONGXING_PASSWORD_FILE=wrong))
            self.assertIn('is wrong', p.stderr)
        # the sixth try waits, even with the right password
        p = self.run_cli('child', 'list')
        self.assertEqual(p.returncode, 1)
        self.assertIn('Try again in', p.stderr)

    def test_password_change_rewraps_and_never_reencrypts(self):
        self.init()
        self.add_secret()
        with open(self.db, 'rb') as f:
            header = f.read(4096)
        newpw = os.path.join(self.tmp.name, 'new')
        with open(newpw, 'w') as f:
            f.write('another password\n')
        self.ok('user', 'passwd', '李春梅', '--new-password-file', newpw)
        with open(self.db, 'rb') as f:
            self.assertEqual(f.read(4096)[:16], header[:16], 'the store keeps its salt: not encrypted again')
        self.assertEqual(self.run_cli('child', 'list').returncode, 1)
        self.ok('child', 'list', env=dict(self.env, TONGXING_PASSWORD_FILE=newpw))
        with open(self.db + '.keys', encoding='utf-8') as f:
            keys = json.load(f)
        wrap = keys['wraps']['李春梅']
        self.assertEqual(wrap['kdf'], 'argon2id13')
        self.assertGreaterEqual(wrap['opslimit'], 1)


if __name__ == '__main__':
    txtest.main()
