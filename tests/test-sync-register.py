#!/usr/bin/python3
# tests/test-sync-register.py — exits, reopenings and transfers between stations
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A county and two of its townships, each a store of its own, through
# tongxing-cli. A child moves from one township to the other through the
# county, its bundles taken in every order and twice; exits, reopenings and
# edits made at two stations at once; the ageing-out rule run at two
# stations. What each station holds is read back with `sync dump` (every
# synced record with its versions), `child get` and the lists.

import itertools
import json
import os
import sys

import txsync
import txtest
from txsync import TOWNSHIP_A, TOWNSHIP_B, exchange

txsync.CLI = sys.argv.pop(1)


def records(dump):
    """The lines of a `sync dump`, by kind and id."""
    out = {}
    for line in dump.splitlines():
        o = json.loads(line)
        out[(o['t'], o['id'])] = line
    return out


def of_child(recs, cid):
    """The lines of one child: its record, visits, urgent cases and transfers."""
    def belongs(key, line):
        kind, rid = key
        if kind == 'child':
            return rid == cid
        o = json.loads(line)
        if kind == 'visit':
            return o['r'][3] == cid
        return kind in ('urgent', 'transfer') and o['r'].get('child') == cid
    return {k: v for k, v in recs.items() if belongs(k, v)}


class Register(txsync.CountyTest):
    def listed(self, station, *flags):
        return [c['id'] for c in json.loads(station.ok('child', 'list', '--json', *flags).stdout)]

    def transfers(self, station):
        return json.loads(station.ok('transfers', 'list', '--json').stdout)

    def conflicts(self, station):
        return json.loads(station.ok('conflicts', 'list', '--json').stdout)

    def take_if_new(self, station, bundle):
        """Imports a bundle; one older than what came from its sender already is refused and
        changes nothing."""
        before = station.file_hash()
        p = station.run('bundle', 'import', bundle)
        if p.returncode == 0:
            return True
        self.assertTrue(p.stderr.startswith('sequence: '), p.stderr)
        self.assertEqual(station.file_hash(), before, 'a bundle refused changes nothing')
        return False

    def a_child_with_visits(self):
        """A child of township A with a home visit and an urgent case, closed, known at the county."""
        cid = self.add(self.a)
        visit = {'child_id': cid, 'date': '2026-10-12', 'visitor': '李春梅', 'kind': 'home'}
        self.a.ok('visit', 'add', '-', input=json.dumps(visit, ensure_ascii=False))
        urgent = dict(visit, date='2026-11-20', urgent=['疑似遭受家庭暴力'])
        self.a.ok('visit', 'add', '--draft', '-', input=json.dumps(urgent, ensure_ascii=False))
        self.a.ok('urgent', 'close', cid, '--note', '已报警处置，儿童由外祖母照料', '--by', '王建国')
        return cid

    def test_transfer_through_the_county_in_every_order(self):
        cid = self.a_child_with_visits()
        stays = self.add(self.a, name='王小红', id_number='11010120180514123X')
        theirs = self.add(self.b, name='赵小刚', id_number='110101201805140018',
                          residence_division='220102002001', residence_address='北安社区5号')
        exchange(self.county, [self.a, self.b])

        # the old township offers the child: its copy is read-only at once
        tid = self.a.ok('child', 'transfer', cid, '--township', TOWNSHIP_B, '--date', '2026-11-20').stdout.strip()
        self.assertEqual(self.a.child(cid)['register'], 'transferred')
        offer = self.a.bundle_for(self.county)
        info = json.loads(self.county.ok('bundle', 'inspect', offer).stdout)
        self.assertEqual((info['counts']['transfers'], info['counts']['children']), (1, 0))
        self.county.take(offer)
        self.assertEqual([(t['id'], t['state']) for t in self.transfers(self.county)], [(tid, 'offered')])
        self.assertEqual(self.county.child(cid)['register'], 'active')
        # before the decision the new township hears nothing of it: the county may refuse
        offered_to_b = self.county.bundle_for(self.b)
        info = json.loads(self.b.ok('bundle', 'inspect', offered_to_b).stdout)
        self.assertEqual((info['counts']['transfers'], info['counts']['children']), (0, 0))

        # the county accepts: the child lives in township B now, its village for B to pick
        self.county.ok('transfers', 'accept', tid)
        moved = self.county.child(cid)
        self.assertEqual(moved['residence_division'], TOWNSHIP_B + '000')
        # reported by the new township, the old address gone with the child
        self.assertEqual((moved['reporting_township'], moved['residence_address']), (TOWNSHIP_B, None))
        self.assertEqual(moved['status'], 'incomplete')
        self.assertIn('the child was transferred to 自强街道; pick the village or community',
                      [p['message'] for p in moved['problems'] if p['field'] == 'residence_division'][0])
        self.assertIn('自强街道', self.county.ok('child', 'list').stdout, 'the roster names the township')
        # B's next bundle, incremental, carries the child, its visits, its urgent case, the transfer
        to_b = self.county.bundle_for(self.b)
        info = json.loads(self.b.ok('bundle', 'inspect', to_b).stdout)
        self.assertFalse(info['full'])
        self.assertEqual({k: info['counts'][k] for k in ('children', 'visits', 'urgent_cases', 'transfers')},
                         {'children': 1, 'visits': 2, 'urgent_cases': 1, 'transfers': 1})
        # A's, the decision and not the child any more
        to_a = self.county.bundle_for(self.a)
        info = json.loads(self.a.ok('bundle', 'inspect', to_a).stdout)
        self.assertEqual((info['counts']['transfers'], info['counts']['children'], info['counts']['visits']),
                         (1, 0, 0))

        deliveries = [('b', offered_to_b), ('b', to_b), ('a', to_a)]
        ends = {'a': set(), 'b': set(), 'county': set()}
        for n, order in enumerate(itertools.permutations(range(len(deliveries)))):
            folder = os.path.join(self.dir, f'order{n}')
            os.mkdir(folder)
            here = {name: s.copy_to(folder) for name, s in
                    (('county', self.county), ('a', self.a), ('b', self.b))}
            for i in order:
                name, bundle = deliveries[i]
                self.take_if_new(here[name], bundle)
            dumps = {name: s.dump() for name, s in here.items()}
            hashes = {name: s.file_hash() for name, s in here.items()}
            # twice: nothing changes
            for i in order:
                name, bundle = deliveries[i]
                self.assertFalse(self.take_if_new(here[name], bundle))
            self.assertEqual({name: s.file_hash() for name, s in here.items()}, hashes)
            for name in ends:
                ends[name].add(dumps[name])
            a, b, county = here['a'], here['b'], here['county']

            # the new township holds what the county holds of the child
            at_county = of_child(records(dumps['county']), cid)
            self.assertEqual(of_child(records(dumps['b']), cid), at_county)
            self.assertEqual(sorted(k[0] for k in at_county), ['child', 'transfer', 'urgent', 'visit', 'visit'])
            got = b.child(cid)
            self.assertEqual((got['register'], got['residence_division']), ('active', TOWNSHIP_B + '000'))
            self.assertEqual(got['next_visit_due'], moved['next_visit_due'])
            self.assertIn(cid, self.listed(b))
            self.assertEqual([c['child_id'] for c in json.loads(b.ok('urgent', 'list', '--json').stdout)], [])
            self.assertEqual(len(json.loads(b.ok('visit', 'list', '--child', cid).stdout)), 2)
            history = json.loads(b.ok('child', 'history', cid).stdout)
            self.assertEqual([h['new'] for h in history if h['field'] == '_transfer'],
                             ['Received by transfer from 南岭街道'])
            self.assertEqual([(t['id'], t['state']) for t in self.transfers(b)], [(tid, 'accepted')])

            # the old township keeps its copy, read-only, off its register
            self.assertEqual(of_child(records(dumps['a']), cid)[('transfer', tid)], at_county[('transfer', tid)])
            self.assertNotIn(('visit', cid), records(dumps['a']))
            got = a.child(cid)
            self.assertEqual((got['register'], got['exit_reason'], got['exit_date']),
                             ('transferred', 'transferred', '2026-11-20'))
            self.assertIsNone(got['next_visit_due'])
            self.assertEqual(got['residence_division'], '220102001002', 'the copy as it was')
            self.assertEqual(self.listed(a), [stays])
            self.assertEqual(self.listed(a, '--exited'), [cid])
            p = a.run('child', 'update', cid, '-', input=json.dumps(dict(got, remarks='改一下')))
            self.assertEqual(p.returncode, 1)
            self.assertIn('transferred to another township on 2026-11-20', p.stderr)
            self.assertEqual([(t['id'], t['state']) for t in self.transfers(a)], [(tid, 'accepted')])
            self.assertEqual(sorted(self.listed(b)), sorted([cid, theirs]))

            # the same records again, in full, change nothing either
            for name in ('a', 'b'):
                here[name].take(county.bundle_for(here[name], full=True))
                self.assertEqual(here[name].dump(), dumps[name])
            for s in here.values():
                self.assertEqual(self.conflicts(s), [])

        for name, seen in ends.items():
            self.assertEqual(len(seen), 1, f'{name} ends the same in every order')

        # B picks the village: the county has it, A never hears of the child again
        self.b.take(to_b)
        self.a.take(to_a)
        self.b.edit(cid, residence_division='220102002001', residence_address='北安社区7号')
        exchange(self.county, [self.a, self.b])
        self.assertEqual(self.county.child(cid)['status'], 'complete')
        self.assertEqual(of_child(records(self.b.dump()), cid), of_child(records(self.county.dump()), cid))
        self.assertEqual(self.a.child(cid)['residence_address'], '恒安社区12号楼3单元502室')
        self.assertEqual(self.listed(self.a), [stays])

    def test_refused_transfer_gives_the_child_back(self):
        cid = self.a_child_with_visits()
        exchange(self.county, [self.a, self.b])
        due = self.a.child(cid)['next_visit_due']
        self.assertIsNotNone(due)
        tid = self.a.ok('child', 'transfer', cid, '--township', TOWNSHIP_B, '--date', '2026-11-21').stdout.strip()
        self.assertIsNone(self.a.child(cid)['next_visit_due'])
        self.assertNotIn(cid, self.listed(self.a))
        self.county.take(self.a.bundle_for(self.county))
        p = self.county.run('transfers', 'refuse', tid)
        self.assertEqual(p.returncode, 1, 'a refusal says why')
        self.county.ok('transfers', 'refuse', tid, '--note', '孩子仍住在南岭')
        self.assertEqual(self.county.child(cid)['residence_division'], '220102001002')

        to_a, to_b = self.county.bundle_for(self.a), self.county.bundle_for(self.b)
        for order in ((to_a, to_b), (to_b, to_a)):
            folder = os.path.join(self.dir, f'refused{order == (to_b, to_a)}')
            os.mkdir(folder)
            a, b = self.a.copy_to(folder), self.b.copy_to(folder)
            for bundle in order:
                (a if bundle == to_a else b).take(bundle)
            got = a.child(cid)
            self.assertEqual((got['register'], got['exit_reason'], got['next_visit_due']), ('active', None, due))
            self.assertIn(cid, self.listed(a))
            self.assertEqual([(t['state'], t['note']) for t in self.transfers(a)], [('refused', '孩子仍住在南岭')])
            # the refusal and its reason in the child's history at A
            lines = [h['new'] for h in json.loads(a.ok('child', 'history', cid).stdout) if h['field'] == '_transfer']
            self.assertIn('孩子仍住在南岭', lines[0])   # the newest first
            # the new township hears nothing of a transfer refused, and never had the child
            self.assertEqual(self.transfers(b), [])
            self.assertEqual(b.run('child', 'get', cid).returncode, 1)
            self.assertNotIn(('child', cid), records(b.dump()))
            # the copy is A's to edit again
            a.edit(cid, remarks='转移未获批准，继续由南岭管理')
            self.county.copy_to(folder).take(a.bundle_for(self.county))

    def test_exit_and_edit_at_two_stations_both_kept(self):
        cid = self.add(self.a)
        exchange(self.county, [self.a])
        self.a.ok('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-11-20', '--note', '随父母回四川')
        self.county.edit(cid, contact_phone='13811112222')
        # crossing: each made its bundle before taking the other's
        to_county, to_a = self.a.bundle_for(self.county), self.county.bundle_for(self.a)
        self.county.take(to_county)
        self.a.take(to_a)
        for s in (self.a, self.county):
            got = s.child(cid)
            self.assertEqual((got['register'], got['exit_reason'], got['exit_date']),
                             ('exited', 'moved-away', '2026-11-20'))
            self.assertEqual(got['contact_phone'], '13811112222')
            self.assertIsNone(got['next_visit_due'])
            self.assertEqual(self.conflicts(s), [])
            self.assertEqual(self.listed(s), [])
            self.assertEqual(self.listed(s, '--exited'), [cid])
        exchange(self.county, [self.a])
        self.assertEqual(self.a.dump(), self.county.dump())
        history = json.loads(self.county.ok('child', 'history', cid).stdout)
        self.assertIn('_register', [h['field'] for h in history])

    def test_exit_and_reopen_crossing_keep_the_later(self):
        for later in ('exit', 'reopen'):
            with self.subTest(later=later):
                folder = os.path.join(self.dir, later)
                os.mkdir(folder)
                county, a = self.county.copy_to(folder), self.a.copy_to(folder)
                cid = self.add(a)
                exchange(county, [a])

                def reopen():
                    # the county's exit was a mistake, and it says so
                    county.ok('child', 'exit', cid, '--reason', 'not-eligible', '--date', '2026-11-21')
                    county.ok('child', 'reopen', cid, '--note', '误操作，儿童仍在本地')

                def exit():
                    a.ok('child', 'exit', cid, '--reason', 'moved-away', '--date', '2026-11-22')

                first, second = (reopen, exit) if later == 'exit' else (exit, reopen)
                first()
                second()
                to_county, to_a = a.bundle_for(county), county.bundle_for(a)
                county.take(to_county)
                a.take(to_a)
                for s in (county, a):
                    got = s.child(cid)
                    if later == 'exit':
                        self.assertEqual((got['register'], got['exit_reason']), ('exited', 'moved-away'))
                        self.assertIsNone(got['next_visit_due'])
                    else:
                        self.assertEqual((got['register'], got['exit_reason']), ('active', None))
                        self.assertIsNotNone(got['next_visit_due'])
                    # the other waits for a person, in words
                    queued = self.conflicts(s)
                    self.assertEqual([c['field'] for c in queued], ['_register'])
                    c = queued[0]
                    kept = c[c['kept']]
                    self.assertIn('"state":"exited"' if later == 'exit' else '"state":"active"', kept)
                    words = {c['summary']['mine'], c['summary']['theirs']}
                    self.assertIn('Left the register on 2026-11-22: Moved away', ' | '.join(words))
                    self.assertIn('Back on the register from 2026-11-25', ' | '.join(words))
                    said = s.ok('conflicts', 'list').stdout
                    self.assertIn('Place on the register: here “', said)
                    self.assertNotIn('{', said)
                exchange(county, [a])
                self.assertEqual(a.dump(), county.dump())

                # the county keeps the value that was not in use: it becomes the latest change
                c = self.conflicts(county)[0]
                county.ok('conflicts', 'resolve', str(c['id']), '--keep', 'mine' if c['kept'] == 'theirs' else 'theirs')
                got = county.child(cid)
                if later == 'exit':
                    self.assertEqual(got['register'], 'active')
                    self.assertIsNotNone(got['next_visit_due'], 'the schedule starts again')
                else:
                    self.assertEqual((got['register'], got['exit_reason']), ('exited', 'moved-away'))
                    self.assertIsNone(got['next_visit_due'])
                exchange(county, [a])
                self.assertEqual(a.child(cid)['register'], got['register'])
                self.assertEqual(a.child(cid)['next_visit_due'], got['next_visit_due'])
                self.assertEqual(self.conflicts(county), [])
                self.assertEqual(self.conflicts(a), [], 'the decision settles it everywhere')
                self.assertEqual(a.dump(), county.dump())

    def test_ageing_out_at_two_stations_is_no_conflict(self):
        # 16 on 2026-10-01, registered at 15 years 11 months; a migrant child only
        cid = self.add(self.a, birth_date='2010-10-01', id_number='511323201010011233')
        young = self.add(self.a, name='王小红', id_number='11010120180514123X')
        exchange(self.county, [self.a])
        for s in (self.a, self.county):
            ran = json.loads(s.ok('ageing-out', 'run', '--json').stdout)
            self.assertEqual(ran['exited'], [cid])
        to_county, to_a = self.a.bundle_for(self.county), self.county.bundle_for(self.a)
        self.assertEqual(self.county.take(to_county)['result']['conflicts'], 0)
        self.assertEqual(self.a.take(to_a)['result']['conflicts'], 0)
        for s in (self.a, self.county):
            got = s.child(cid)
            self.assertEqual((got['register'], got['exit_reason'], got['exit_date']),
                             ('exited', 'aged-out', '2026-10-01'))
            self.assertEqual(self.conflicts(s), [])
            self.assertEqual(self.listed(s), [young])
        exchange(self.county, [self.a])
        self.assertEqual(self.a.dump(), self.county.dump())
        # run again: nothing more
        self.assertEqual(json.loads(self.a.ok('ageing-out', 'run', '--json').stdout)['exited'], [])


if __name__ == '__main__':
    txtest.main()
