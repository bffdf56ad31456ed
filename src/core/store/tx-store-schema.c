/* tx-store-schema.c — the schema and its migrations
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each migration is one step of the schema, run once in its own
 * transaction; the last steps work out derived columns again for every
 * child (rederive_children, schedule_all).
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-register.h"
#include "tx-schedule.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"

/* Schema and migrations */

static const char *const migrations[] = {
  /* 1: settings and the children, with bookkeeping for sync */
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE child ("
  "  rowid INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  station TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  draft INTEGER NOT NULL DEFAULT 0,"
  "  complete INTEGER NOT NULL DEFAULT 0,"
  "  eligible INTEGER NOT NULL DEFAULT 0,"
  "  f_name TEXT, f_birth_date TEXT, f_id_number TEXT, f_residence_division TEXT,"
  "  f_key_care TEXT);"
  "CREATE UNIQUE INDEX child_id_number ON child (f_id_number)"
  "  WHERE deleted = 0 AND f_id_number IS NOT NULL;",

  /* 2: search — pinyin sort key and initials, reversed identity number for
   * search by its last digits, and one- and two-character grams of names */
  "ALTER TABLE child ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE child ADD COLUMN initials TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE child ADD COLUMN given_initials TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE child ADD COLUMN id_rev TEXT;"
  "CREATE TABLE name_gram (gram TEXT NOT NULL, sort_key TEXT NOT NULL,"
  "  child INTEGER NOT NULL, PRIMARY KEY (gram, sort_key, child)) WITHOUT ROWID;"
  "CREATE INDEX child_sort ON child (sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_initials ON child (initials, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_given_initials ON child (given_initials, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_id_rev ON child (id_rev) WHERE deleted = 0;"
  "CREATE INDEX child_name_birth ON child (f_name, f_birth_date) WHERE deleted = 0;"
  "CREATE INDEX child_village ON child (f_residence_division, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_key_care ON child (f_key_care, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_complete ON child (complete, sort_key) WHERE deleted = 0;",

  /* 3: history of changes to each record: who, when, what */
  "CREATE TABLE child_change ("
  "  id INTEGER PRIMARY KEY,"
  "  child INTEGER NOT NULL REFERENCES child (rowid),"
  "  at TEXT NOT NULL,"
  "  station TEXT NOT NULL,"
  "  editor TEXT,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT);"
  "CREATE INDEX child_change_child ON child_change (child, id);",

  /* 4: when each child is due for a home visit and an information update;
   * indexed, so "who is due this month" reads only those children */
  "ALTER TABLE child ADD COLUMN next_visit_due TEXT;"
  "ALTER TABLE child ADD COLUMN info_refresh_due TEXT;"
  "ALTER TABLE child ADD COLUMN last_home_visit TEXT;"
  "CREATE INDEX child_next_visit ON child (next_visit_due) WHERE deleted = 0;"
  "CREATE INDEX child_info_refresh ON child (info_refresh_due) WHERE deleted = 0;",

  /* 5: visits and the list of care services (关爱服务清单) */
  "CREATE TABLE service ("
  "  id TEXT PRIMARY KEY, grp TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL DEFAULT '',"
  "  retired INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0,"
  "  updated_at TEXT NOT NULL, station TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE visit ("
  "  rowid INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL, station TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,"
  "  child TEXT NOT NULL, date TEXT NOT NULL, visitor TEXT, kind TEXT NOT NULL,"
  "  living TEXT, guardianship_found TEXT, medical_schooling TEXT, care_services TEXT,"
  "  needs TEXT, actions TEXT, follow_up TEXT, services TEXT,"
  "  guardianship TEXT, guardianship_problem TEXT, urgent TEXT,"
  "  police_reported_at TEXT, police_station TEXT, police_officer TEXT, police_receipt TEXT,"
  "  police_measures TEXT, complete INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX visit_child ON visit (child, date) WHERE deleted = 0;"
  "CREATE INDEX visit_date ON visit (date) WHERE deleted = 0;",

  /* 6: urgent situations: a case per visit that raised one, open until a
   * supervisor closes it with a note; the child is marked urgent meanwhile */
  "ALTER TABLE child ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE urgent_case ("
  "  uuid TEXT PRIMARY KEY, child TEXT NOT NULL, visit TEXT NOT NULL, situations TEXT NOT NULL,"
  "  opened_at TEXT NOT NULL, closed_at TEXT, closed_by TEXT, note TEXT,"
  "  station TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX urgent_open ON urgent_case (child) WHERE closed_at IS NULL;"
  "CREATE INDEX child_urgent ON child (urgent) WHERE deleted = 0 AND urgent = 1;",

  /* 7: the calendar's staff filter lists who visited, by this index alone */
  "CREATE INDEX visit_visitor ON visit (visitor, date) WHERE deleted = 0;",

  /* 8: the calendar reads the due-date index alone: a month's counts with
   * the urgent flag and the village in it (a month of 70,000 children due
   * took 126 ms in row lookups), a day's first page in name order */
  "DROP INDEX child_next_visit;"
  "CREATE INDEX child_next_visit ON child (next_visit_due, sort_key, urgent, f_residence_division) "
  "WHERE deleted = 0;",

  /* 9: every export and print: who, when, what and how many children */
  "CREATE TABLE export_log (rowid INTEGER PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL,"
  "  who TEXT, what TEXT NOT NULL, detail TEXT, children INTEGER NOT NULL);",

  /* 10: sync by signed bundles (docs/bundle-format.md). The stations this
   * one trusts, with the sequence and hash of the bundles exchanged; the
   * version of every field changed since the record was made (hybrid
   * logical clock, station, version vector); a local change counter per
   * record for incremental bundles; the conflicts and possible duplicates
   * that imports found, for a person to settle. An identity number may now
   * stand on two records, flagged, when two stations registered one child:
   * the store itself still refuses a second one (tx_store_child_find_id_number). */
  "CREATE TABLE station (id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',"
  "  county TEXT, township TEXT, sign_pk BLOB NOT NULL, box_pk BLOB NOT NULL, key_id BLOB NOT NULL,"
  "  fingerprint TEXT NOT NULL, trusted_at TEXT NOT NULL, revoked_at TEXT,"
  "  in_seq INTEGER NOT NULL DEFAULT 0, in_hash BLOB, in_at TEXT,"
  "  out_seq INTEGER NOT NULL DEFAULT 0, out_hash BLOB, out_at TEXT,"
  "  acked_upto INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE TABLE bundle_out (station TEXT NOT NULL, seq INTEGER NOT NULL, upto INTEGER NOT NULL,"
  "  hash BLOB NOT NULL, at TEXT NOT NULL, PRIMARY KEY (station, seq)) WITHOUT ROWID;"
  "CREATE TABLE bundle_in (hash BLOB PRIMARY KEY, station TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  at TEXT NOT NULL, summary TEXT) WITHOUT ROWID;"
  "CREATE TABLE field_version (tbl TEXT NOT NULL, uuid TEXT NOT NULL, field TEXT NOT NULL,"
  "  hlc INTEGER NOT NULL, station TEXT NOT NULL, vv TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, uuid, field)) WITHOUT ROWID;"
  "CREATE TABLE sync_record (tbl TEXT NOT NULL, uuid TEXT NOT NULL, seq INTEGER NOT NULL, origin TEXT,"
  "  PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;"
  "CREATE INDEX sync_record_seq ON sync_record (seq);"
  "CREATE TABLE conflict (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, uuid TEXT NOT NULL,"
  "  field TEXT NOT NULL, mine TEXT, theirs TEXT, kept TEXT NOT NULL, station TEXT NOT NULL,"
  "  at TEXT NOT NULL, resolved_at TEXT, resolution TEXT);"
  "CREATE INDEX conflict_open ON conflict (tbl, uuid, field) WHERE resolved_at IS NULL;"
  "CREATE TABLE duplicate (id INTEGER PRIMARY KEY, id_number TEXT NOT NULL, a TEXT NOT NULL,"
  "  b TEXT NOT NULL, at TEXT NOT NULL, resolved_at TEXT, kept TEXT, UNIQUE (a, b));"
  "DROP INDEX child_id_number;"
  "CREATE INDEX child_id_number ON child (f_id_number) WHERE deleted = 0 AND f_id_number IS NOT NULL;",

  /* 11: a record's local change counter and where the change came from now
   * stand on the record's own row, not in a table of their own keyed by its
   * random id: a county's first bundle wrote 2.4 million rows at random
   * places of that table (a fifth of the import; 360 MB of a 1.8 GB store).
   * The counter's indexes fill in order. */
  "ALTER TABLE child ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE child ADD COLUMN sync_origin TEXT;"
  "ALTER TABLE visit ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE visit ADD COLUMN sync_origin TEXT;"
  "ALTER TABLE urgent_case ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE urgent_case ADD COLUMN sync_origin TEXT;"
  "ALTER TABLE service ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE service ADD COLUMN sync_origin TEXT;"
  "UPDATE child SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'child' AND r.uuid = child.uuid;"
  "UPDATE visit SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'visit' AND r.uuid = visit.uuid;"
  "UPDATE urgent_case SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'urgent' AND r.uuid = urgent_case.uuid;"
  "UPDATE service SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'service' AND r.uuid = service.id;"
  "DROP TABLE sync_record;"
  "CREATE INDEX child_sync ON child (sync_seq) WHERE sync_seq IS NOT NULL;"
  "CREATE INDEX visit_sync ON visit (sync_seq) WHERE sync_seq IS NOT NULL;"
  "CREATE INDEX urgent_sync ON urgent_case (sync_seq) WHERE sync_seq IS NOT NULL;"
  "CREATE INDEX service_sync ON service (sync_seq) WHERE sync_seq IS NOT NULL;",

  /* 12: the day a child's six months here are up, when they were not at
   * registration: whether the child meets the definition is worked out
   * against today (ELIGIBLE_NOW), not kept from the day of the save. Every
   * child's derived values are worked out again (rederive_children): the
   * eligibility, and the key-care situations of the parents (孤儿,
   * 事实无人抚养, 服刑和戒毒人员子女) with the next visit they bring. */
  "ALTER TABLE child ADD COLUMN eligible_from TEXT;",

  /* 13: imports of ledgers, kept so that one can be undone as a whole
   * while none of its children was edited since: which children each
   * import added or updated, from which row, and an updated child's
   * values before (JSON) */
  "CREATE TABLE import_batch (id INTEGER PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL,"
  "  who TEXT, file TEXT NOT NULL, sheet TEXT, added INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER NOT NULL DEFAULT 0, undone_at TEXT);"
  "CREATE TABLE import_child (batch INTEGER NOT NULL, child TEXT NOT NULL, row INTEGER NOT NULL,"
  "  before TEXT, before_draft INTEGER NOT NULL DEFAULT 0, after_updated TEXT NOT NULL,"
  "  PRIMARY KEY (batch, child)) WITHOUT ROWID;",

  /* 14: departments' lists and the comparison rounds with the register:
   * a list's entries by sheet row, with the columns the matching reads
   * (name, birth date, identity number as the list has it, gender, the
   * name's pinyin) and every mapped value as JSON; a round keeps what it
   * found as text, so that it outlives the lists it compared */
  "CREATE TABLE dept_list (id INTEGER PRIMARY KEY, department TEXT NOT NULL, name TEXT NOT NULL,"
  "  date TEXT NOT NULL, file TEXT NOT NULL, sheet TEXT, keys TEXT NOT NULL, imported_at TEXT NOT NULL,"
  "  station TEXT NOT NULL, who TEXT, rows INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE list_entry (list INTEGER NOT NULL, row INTEGER NOT NULL, name TEXT, birth_date TEXT,"
  "  id_number TEXT, gender TEXT, pinyin TEXT, residence_division TEXT, mapped TEXT NOT NULL,"
  "  PRIMARY KEY (list, row)) WITHOUT ROWID;"
  "CREATE INDEX list_entry_id_number ON list_entry (id_number) WHERE id_number IS NOT NULL;"
  "CREATE INDEX list_entry_name_birth ON list_entry (name, birth_date);"
  "CREATE INDEX list_entry_pinyin_birth ON list_entry (pinyin, birth_date);"
  "CREATE TABLE compare_round (id INTEGER PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL, who TEXT,"
  "  division TEXT, lists TEXT NOT NULL, not_registered INTEGER NOT NULL DEFAULT 0,"
  "  found INTEGER NOT NULL DEFAULT 0, difference INTEGER NOT NULL DEFAULT 0,"
  "  possible INTEGER NOT NULL DEFAULT 0, on_no_list INTEGER NOT NULL DEFAULT 0,"
  "  children INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE compare_item (id INTEGER PRIMARY KEY, round INTEGER NOT NULL, kind TEXT NOT NULL,"
  "  list INTEGER, list_name TEXT, row INTEGER, name TEXT, birth_date TEXT, id_number TEXT, child TEXT,"
  "  child_name TEXT, residence_division TEXT, rule TEXT, differences TEXT, note TEXT, decision TEXT,"
  "  decided_by TEXT, decided_at TEXT, done INTEGER NOT NULL DEFAULT 0, done_by TEXT, done_at TEXT);"
  "CREATE INDEX compare_item_round ON compare_item (round, kind);"
  "CREATE INDEX compare_item_child ON compare_item (child, round) WHERE child IS NOT NULL;",

  /* 15: an updated child's last change before an import, so that undoing
   * a later import of the same child gives the earlier import back its
   * undo (seen in the new-user walk: an undone import blocked the one
   * before it) */
  "ALTER TABLE import_child ADD COLUMN before_updated TEXT;"
  "CREATE INDEX import_child_child ON import_child (child);",

  /* 16: a child's time on the register. The last exit or reopening as it
   * travels between stations ("_register", JSON); what this station makes
   * of it with the transfers it knows (active, exited, transferred), the
   * exit's reason and day; the day the child ages out. Transfers to
   * another township of the county: offered by the old township, accepted
   * or refused by the county, synced like urgent cases. Every child is
   * active, with the day they age out worked out (ages_out_all). */
  "ALTER TABLE child ADD COLUMN register_value TEXT;"
  "ALTER TABLE child ADD COLUMN register TEXT NOT NULL DEFAULT 'active';"
  "ALTER TABLE child ADD COLUMN exit_reason TEXT;"
  "ALTER TABLE child ADD COLUMN exit_date TEXT;"
  "ALTER TABLE child ADD COLUMN ages_out TEXT;"
  "CREATE INDEX child_ages_out ON child (ages_out, sort_key) WHERE deleted = 0 AND register = 'active';"
  "CREATE INDEX child_exited ON child (exit_date, exit_reason) WHERE deleted = 0 AND register <> 'active';"
  "CREATE TABLE transfer (uuid TEXT PRIMARY KEY, child TEXT NOT NULL, from_township TEXT NOT NULL,"
  "  to_township TEXT NOT NULL, date TEXT NOT NULL, offered_at TEXT NOT NULL, offered_by TEXT,"
  "  offer_note TEXT, station TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'offered', decided_at TEXT,"
  "  decided_by TEXT, note TEXT, sync_seq INTEGER, sync_origin TEXT) WITHOUT ROWID;"
  "CREATE INDEX transfer_child ON transfer (child, offered_at);"
  "CREATE INDEX transfer_state ON transfer (state, offered_at);"
  "CREATE INDEX transfer_sync ON transfer (sync_seq) WHERE sync_seq IS NOT NULL;",

  /* 17: people and protection. The people who may open the store, their
   * role and villages (their passwords are in the key file beside it,
   * which cannot say what a person may do); the station's secret keys,
   * which were in a file of their own; the audit trail, each entry
   * holding the hash of the one before, checkpoints signed by the station,
   * and the entries other stations sent (kept as they came, verified on
   * import). The trail cannot be changed or shortened through SQL: the
   * triggers refuse it, and the chain shows it if the file is edited. */
  "CREATE TABLE account (name TEXT PRIMARY KEY, role TEXT NOT NULL, villages TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, created_by TEXT,"
  "  changed_at TEXT, changed_by TEXT) WITHOUT ROWID;"
  "CREATE TABLE secret (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL,"
  "  person TEXT NOT NULL, kind TEXT NOT NULL, child TEXT, detail TEXT NOT NULL DEFAULT '{}',"
  "  prev BLOB NOT NULL, hash BLOB NOT NULL);"
  "CREATE INDEX audit_person ON audit (person, seq);"
  "CREATE INDEX audit_child ON audit (child, seq) WHERE child IS NOT NULL;"
  "CREATE INDEX audit_kind ON audit (kind, seq);"
  "CREATE INDEX audit_at ON audit (at);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be shortened'); END;"
  "CREATE TABLE audit_checkpoint (seq INTEGER NOT NULL, at TEXT NOT NULL, station TEXT NOT NULL,"
  "  hash BLOB NOT NULL, key_id BLOB NOT NULL, signature BLOB NOT NULL, PRIMARY KEY (station, seq))"
  "  WITHOUT ROWID;"
  "CREATE TABLE audit_remote (station TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL,"
  "  person TEXT NOT NULL, kind TEXT NOT NULL, child TEXT, detail TEXT NOT NULL, prev BLOB NOT NULL,"
  "  hash BLOB NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (station, seq)) WITHOUT ROWID;"
  "CREATE TRIGGER audit_remote_no_update BEFORE UPDATE ON audit_remote BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;"
  "CREATE TRIGGER audit_remote_no_delete BEFORE DELETE ON audit_remote BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be shortened'); END;",

  /* 18: a township's audit trail travels to the county in its exchange
   * files, the entries after those the county has acknowledged: how far
   * each bundle's entries reach, and how far the county has them */
  "ALTER TABLE station ADD COLUMN audit_acked INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE bundle_out ADD COLUMN audit_upto INTEGER NOT NULL DEFAULT 0;",

  /* 19: the roster as it opens (the children on the register, in name
   * order) read from an index alone: child_sort holds the children who
   * left too, so every row of the roster was looked up in the table to
   * ask — a second a county, the cost of reading and decrypting every
   * child's page. The row ids of the whole roster, or a page far down it,
   * now read this index and nothing else */
  "CREATE INDEX child_roster ON child (sort_key) WHERE deleted = 0 AND register = 'active';",

  /* 20: a station that lost its store and was set up again with a new
   * identity (docs/recovery.md): the county trusts the new one in place of
   * the old, whose trust is revoked. Which replaced which is kept on both
   * rows, so that the chain of a township's identities can be read */
  "ALTER TABLE station ADD COLUMN replaces TEXT;"
  "ALTER TABLE station ADD COLUMN replaced_by TEXT;",

  /* 21: a township restored from a backup older than the last exchange
   * file the county imported from it goes on from an earlier entry of its
   * audit trail than the county holds (docs/recovery.md). The county keeps
   * the entries it had, as they came, and takes the township's new branch
   * from that entry: each fork (the station, its number, the branch it
   * left and the entry it goes on from, how far the left branch reached,
   * the exchange file that declared it), the new branches' entries and
   * their signed checkpoints. Branch 0 is the trail in audit_remote and
   * audit_checkpoint; nothing here can be changed or removed either */
  "CREATE TABLE audit_fork (station TEXT NOT NULL, branch INTEGER NOT NULL, parent INTEGER NOT NULL,"
  "  at_seq INTEGER NOT NULL, left_upto INTEGER NOT NULL, bundle_seq INTEGER NOT NULL,"
  "  received_at TEXT NOT NULL, PRIMARY KEY (station, branch)) WITHOUT ROWID;"
  "CREATE TABLE audit_fork_entry (station TEXT NOT NULL, branch INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  at TEXT NOT NULL, person TEXT NOT NULL, kind TEXT NOT NULL, child TEXT, detail TEXT NOT NULL,"
  "  prev BLOB NOT NULL, hash BLOB NOT NULL, received_at TEXT NOT NULL,"
  "  PRIMARY KEY (station, branch, seq)) WITHOUT ROWID;"
  "CREATE TABLE audit_fork_checkpoint (station TEXT NOT NULL, branch INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  at TEXT NOT NULL, hash BLOB NOT NULL, key_id BLOB NOT NULL, signature BLOB NOT NULL,"
  "  PRIMARY KEY (station, branch, seq)) WITHOUT ROWID;"
  "CREATE TRIGGER audit_fork_no_update BEFORE UPDATE ON audit_fork BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;"
  "CREATE TRIGGER audit_fork_no_delete BEFORE DELETE ON audit_fork BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be shortened'); END;"
  "CREATE TRIGGER audit_fork_entry_no_update BEFORE UPDATE ON audit_fork_entry BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed'); END;"
  "CREATE TRIGGER audit_fork_entry_no_delete BEFORE DELETE ON audit_fork_entry BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be shortened'); END;",

  /* 22: how many children are on the register, and how many of them are
   * key-care children, kept by triggers as the rows change: the roster's
   * status line asked child_roster to count every child at each search,
   * and so did the window's first screen — 126 ms at a million children
   * (issue #18). One row, read in microseconds; tests/test-store.c checks
   * it against the count after every kind of change */
  "CREATE TABLE child_tally (id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  on_register INTEGER NOT NULL, key_care INTEGER NOT NULL);"
  "INSERT INTO child_tally SELECT 1, count(*), count(*) FILTER (WHERE f_key_care = 'yes')"
  "  FROM child WHERE deleted = 0 AND register = 'active';"
  "CREATE TRIGGER child_tally_insert AFTER INSERT ON child"
  "  WHEN NEW.deleted = 0 AND NEW.register = 'active' BEGIN"
  "  UPDATE child_tally SET on_register = on_register + 1,"
  "    key_care = key_care + (NEW.f_key_care IS 'yes') WHERE id = 1; END;"
  "CREATE TRIGGER child_tally_delete AFTER DELETE ON child"
  "  WHEN OLD.deleted = 0 AND OLD.register = 'active' BEGIN"
  "  UPDATE child_tally SET on_register = on_register - 1,"
  "    key_care = key_care - (OLD.f_key_care IS 'yes') WHERE id = 1; END;"
  "CREATE TRIGGER child_tally_update AFTER UPDATE OF deleted, register, f_key_care ON child"
  "  WHEN OLD.deleted IS NOT NEW.deleted OR OLD.register IS NOT NEW.register"
  "    OR OLD.f_key_care IS NOT NEW.f_key_care BEGIN"
  "  UPDATE child_tally SET"
  "    on_register = on_register - (OLD.deleted = 0 AND OLD.register = 'active')"
  "      + (NEW.deleted = 0 AND NEW.register = 'active'),"
  "    key_care = key_care - (OLD.deleted = 0 AND OLD.register = 'active' AND OLD.f_key_care IS 'yes')"
  "      + (NEW.deleted = 0 AND NEW.register = 'active' AND NEW.f_key_care IS 'yes')"
  "  WHERE id = 1; END;",

  /* 23: what a search asks of each child it finds by a name's characters,
   * initials or identity digits — on the register or not, key care, the
   * village, the name's order — in an index by row id: a count or the row
   * ids of 70,000 children read this index's pages, not 70,000 children's
   * rows scattered over the file (a search count's p95 at 200,000: 176 → 9 ms,
   * issue #18);
   * tx-store-search.c names it where it holds every condition */
  "CREATE INDEX child_state ON child (rowid, register, f_key_care, sort_key, f_residence_division)"
  "  WHERE deleted = 0;",

  /* 24: the visit calendar's month, counted by day and village as the
   * children's next visits move: the month's counts read every child due
   * in it from child_next_visit (430,000 entries for this month at a
   * million children, issue #18); now a row a day and village that has
   * children due, removed when it has none (so the table never holds
   * more rows than children) */
  "CREATE TABLE due_tally (day TEXT NOT NULL, village TEXT NOT NULL, n INTEGER NOT NULL,"
  "  urgent INTEGER NOT NULL, PRIMARY KEY (day, village)) WITHOUT ROWID;"
  "INSERT INTO due_tally SELECT next_visit_due, ifnull (f_residence_division, ''), count(*), sum(urgent)"
  "  FROM child WHERE deleted = 0 AND next_visit_due IS NOT NULL GROUP BY 1, 2;"
  "CREATE TRIGGER due_tally_insert AFTER INSERT ON child"
  "  WHEN NEW.deleted = 0 AND NEW.next_visit_due IS NOT NULL BEGIN"
  "  INSERT INTO due_tally VALUES (NEW.next_visit_due, ifnull (NEW.f_residence_division, ''), 1, NEW.urgent)"
  "    ON CONFLICT (day, village) DO UPDATE SET n = n + 1, urgent = urgent + excluded.urgent; END;"
  "CREATE TRIGGER due_tally_delete AFTER DELETE ON child"
  "  WHEN OLD.deleted = 0 AND OLD.next_visit_due IS NOT NULL BEGIN"
  "  UPDATE due_tally SET n = n - 1, urgent = urgent - OLD.urgent"
  "    WHERE day = OLD.next_visit_due AND village = ifnull (OLD.f_residence_division, '');"
  "  DELETE FROM due_tally WHERE day = OLD.next_visit_due AND village = ifnull (OLD.f_residence_division, '')"
  "    AND n = 0; END;"
  "CREATE TRIGGER due_tally_update AFTER UPDATE OF deleted, next_visit_due, urgent, f_residence_division ON child"
  "  WHEN OLD.deleted IS NOT NEW.deleted OR OLD.next_visit_due IS NOT NEW.next_visit_due"
  "    OR OLD.urgent IS NOT NEW.urgent OR OLD.f_residence_division IS NOT NEW.f_residence_division BEGIN"
  "  UPDATE due_tally SET n = n - 1, urgent = urgent - OLD.urgent"
  "    WHERE OLD.deleted = 0 AND day = OLD.next_visit_due AND village = ifnull (OLD.f_residence_division, '');"
  "  DELETE FROM due_tally WHERE day = OLD.next_visit_due AND village = ifnull (OLD.f_residence_division, '')"
  "    AND n = 0;"
  "  INSERT INTO due_tally SELECT NEW.next_visit_due, ifnull (NEW.f_residence_division, ''), 1, NEW.urgent"
  "    WHERE NEW.deleted = 0 AND NEW.next_visit_due IS NOT NULL"
  "    ON CONFLICT (day, village) DO UPDATE SET n = n + 1, urgent = urgent + excluded.urgent; END;",

  /* 25: the visits made, counted by day and visitor as visits are written:
   * the calendar's month read every visit of the month from visit_date
   * (680,000 this month at a million children, issue #18). The count is
   * made once from visit_visitor, in that index's order */
  "CREATE TABLE visit_tally (date TEXT NOT NULL, visitor TEXT NOT NULL, n INTEGER NOT NULL,"
  "  PRIMARY KEY (date, visitor)) WITHOUT ROWID;"
  "INSERT INTO visit_tally SELECT date, ifnull (visitor, ''), count(*) FROM visit WHERE deleted = 0"
  "  GROUP BY visitor, date;"
  "CREATE TRIGGER visit_tally_insert AFTER INSERT ON visit WHEN NEW.deleted = 0 BEGIN"
  "  INSERT INTO visit_tally VALUES (NEW.date, ifnull (NEW.visitor, ''), 1)"
  "    ON CONFLICT (date, visitor) DO UPDATE SET n = n + 1; END;"
  "CREATE TRIGGER visit_tally_delete AFTER DELETE ON visit WHEN OLD.deleted = 0 BEGIN"
  "  UPDATE visit_tally SET n = n - 1 WHERE date = OLD.date AND visitor = ifnull (OLD.visitor, ''); END;"
  "CREATE TRIGGER visit_tally_update AFTER UPDATE OF deleted, date, visitor ON visit"
  "  WHEN OLD.deleted IS NOT NEW.deleted OR OLD.date IS NOT NEW.date OR OLD.visitor IS NOT NEW.visitor BEGIN"
  "  UPDATE visit_tally SET n = n - 1"
  "    WHERE OLD.deleted = 0 AND date = OLD.date AND visitor = ifnull (OLD.visitor, '');"
  "  INSERT INTO visit_tally SELECT NEW.date, ifnull (NEW.visitor, ''), 1 WHERE NEW.deleted = 0"
  "    ON CONFLICT (date, visitor) DO UPDATE SET n = n + 1; END;",

  /* 26: a record's conflicts by the record, settled or not: deleting a
   * child forgets its conflicts too (tx_store_forget_fields), and
   * conflict_open holds only the unsettled ones, so that delete read the
   * whole conflict queue (test-query-plans) */
  "CREATE INDEX conflict_record ON conflict (tbl, uuid);",

  /* 27: a name gram says whether its child is on the register (a deleted
   * child has none): a search of one or two characters is counted, and
   * its row ids listed, from the grams of that character alone — 王 is
   * 70,000 children at a million, each looked up in child_state before
   * (issue #18). Written with the grams (tx_store_insert_grams) and when
   * the register changes (tx_store_mark_grams); the grams of the children
   * who left are marked with 28's */
  "ALTER TABLE name_gram ADD COLUMN active INTEGER NOT NULL DEFAULT 1;",

  /* 28: a name gram says whether its child is a key-care child, so that
   * the roster's status line counts the key-care children a search of one
   * or two characters finds from the grams too. The grams of the children
   * who left and of the key-care children (a fifth of them) are marked in
   * one walk of the table, in its order: marked by their keys, the same
   * grams lie on nearly every page, read and written in random order (40 s
   * for each at a million) */
  "ALTER TABLE name_gram ADD COLUMN key_care INTEGER NOT NULL DEFAULT 0;"
  "UPDATE name_gram SET active = child NOT IN (SELECT rowid FROM child WHERE deleted = 0 AND register <> 'active'),"
  "  key_care = child IN (SELECT rowid FROM child WHERE deleted = 0 AND f_key_care = 'yes')"
  "  WHERE child IN (SELECT rowid FROM child WHERE deleted = 0 AND (register <> 'active' OR f_key_care = 'yes'));",

  /* 29: the identity number's two indexes (its first digits, its last ones
   * reversed) carry what a search asks of each child they find, as
   * child_state does: the first six digits of a district find 27,000
   * children at a million, and each was looked up in child_state for its
   * name's order (p95 87 ms for the first page, issue #18); now the two
   * ranges of these indexes are all a count or a page reads. `deleted`
   * is in them too: SQLite takes a partial index as covering only if it
   * holds the columns of its own condition */
  "DROP INDEX child_id_number;"
  "CREATE INDEX child_id_number ON child (f_id_number, register, f_key_care, sort_key, f_residence_division,"
  "  deleted) WHERE deleted = 0 AND f_id_number IS NOT NULL;"
  "DROP INDEX child_id_rev;"
  "CREATE INDEX child_id_rev ON child (id_rev, register, f_key_care, sort_key, f_residence_division, deleted)"
  "  WHERE deleted = 0;",

  /* 30: an urgent case says on which day its visit was made (NULL while
   * the visit is deleted or not here yet), kept by triggers from either
   * side, whichever comes first in a bundle: the calendar's month marks
   * the days of the open cases raised in it, and read every open case
   * with its visit to find them (2,166 at a million children: p95 199 ms
   * for a month's counts, issue #18). Only the open cases' days are kept
   * up to date (a case reopened reads its visit's again), and only a visit
   * that raised a case (urgent set) looks for its case when written */
  "ALTER TABLE urgent_case ADD COLUMN visit_day TEXT;"
  "UPDATE urgent_case SET visit_day = (SELECT date FROM visit v WHERE v.uuid = urgent_case.visit"
  "  AND v.deleted = 0) WHERE closed_at IS NULL;"
  "CREATE INDEX urgent_open_day ON urgent_case (visit_day, child) WHERE closed_at IS NULL;"
  "CREATE TRIGGER urgent_case_day AFTER INSERT ON urgent_case BEGIN"
  "  UPDATE urgent_case SET visit_day = (SELECT date FROM visit v WHERE v.uuid = NEW.visit AND v.deleted = 0)"
  "    WHERE uuid = NEW.uuid; END;"
  "CREATE TRIGGER urgent_case_reopen AFTER UPDATE OF closed_at ON urgent_case"
  "  WHEN NEW.closed_at IS NULL AND OLD.closed_at IS NOT NULL BEGIN"
  "  UPDATE urgent_case SET visit_day = (SELECT date FROM visit v WHERE v.uuid = NEW.visit AND v.deleted = 0)"
  "    WHERE uuid = NEW.uuid; END;"
  "CREATE TRIGGER urgent_visit_insert AFTER INSERT ON visit WHEN NEW.urgent IS NOT NULL BEGIN"
  "  UPDATE urgent_case SET visit_day = CASE WHEN NEW.deleted = 0 THEN NEW.date END"
  "    WHERE child = NEW.child AND visit = NEW.uuid AND closed_at IS NULL; END;"
  "CREATE TRIGGER urgent_visit_update AFTER UPDATE OF date, deleted ON visit"
  "  WHEN OLD.date IS NOT NEW.date OR OLD.deleted IS NOT NEW.deleted BEGIN"
  "  UPDATE urgent_case SET visit_day = CASE WHEN NEW.deleted = 0 THEN NEW.date END"
  "    WHERE child = NEW.child AND visit = NEW.uuid AND closed_at IS NULL; END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TX_STORE_SCHEMA_VERSION);

static int
user_version (TxStore *self)
{
  sqlite3_stmt *stmt;
  int v = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        v = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return v;
}

int
tx_store_get_schema_version (TxStore *self)
{
  return user_version (self);
}

/* Adds a column for each declared field the child table lacks */
static gboolean
ensure_form_columns (TxStore  *self,
                     GError  **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA table_info(child)", -1, &stmt, NULL) != SQLITE_OK)
    return tx_store_set_error (self, sqlite3_errcode (self->db), error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (have, tx_store_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < form->n_fields; i++)
    {
      g_autofree char *col = g_strconcat ("f_", form->fields[i].key, NULL);
      g_autofree char *sql = NULL;

      if (g_hash_table_contains (have, col))
        continue;
      /* column names come from the compiled-in declaration, never from input */
      sql = g_strdup_printf ("ALTER TABLE child ADD COLUMN %s TEXT", col);
      if (!tx_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean schedule_all (TxStore *self, GError **error);
static gboolean rederive_children (TxStore *self, const char *which, GError **error);
static gboolean ages_out_all (TxStore *self, GError **error);

gboolean
tx_store_migrate (TxStore  *self,
                  int       target,
                  GError  **error)
{
  int from = user_version (self);

  if (from > TX_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Tongxing (database version %d, "
                     "this program knows %d). Update Tongxing to open it."),
                   self->path, from, TX_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (from >= target)
    return ensure_form_columns (self, error);

  if (!tx_store_begin (self, error))
    return FALSE;
  /* another program may have upgraded the file while this one waited for
   * the lock (the window and tongxing-cli opening an old store together) */
  from = user_version (self);
  if (from >= target)
    return tx_store_commit (self, error) && ensure_form_columns (self, error);
  for (int v = from; v < target; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!tx_store_exec (self, migrations[v], error))
        goto fail;
      if (v + 1 == 1 && !ensure_form_columns (self, error))
        goto fail;
      if (v + 1 == 2 && !tx_store_index_names (self, error))
        goto fail;
      if (v + 1 == 4 && !schedule_all (self, error))
        goto fail;
      if (v + 1 == 5 && !tx_store_seed_services (self, error))
        goto fail;
      if (v + 1 == 12 && !rederive_children (self, NULL, error))
        goto fail;
      /* a distressed child is one until 18: those of 16 and 17 at their
       * registration were counted not eligible */
      if (v + 1 == 16 && (!ages_out_all (self, error) ||
                          !rederive_children (self, " AND eligible = 0 AND instr (f_child_category, 'distressed') > 0",
                                              error)))
        goto fail;

      if (!tx_store_exec (self, pragma, error))
        goto fail;
    }
  if (!ensure_form_columns (self, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  g_prefix_error (error, _("Upgrading the database failed, and it was left as it was: "));
  tx_store_rollback (self);
  return FALSE;
}

void
tx_store_build_sql (TxStore *self)
{
  const TxForm *form = tx_form_get ();

  if (self->insert_sql)
    return;   /* built for a migration already */
  GString *ins = g_string_new ("INSERT INTO child (uuid, created_at, updated_at, station, "
                               "deleted, draft, complete, eligible, sort_key, initials, "
                               "given_initials, id_rev");
  GString *vals = g_string_new ("?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12");
  GString *upd = g_string_new ("UPDATE child SET updated_at = ?3, station = ?4, deleted = ?5, "
                               "draft = ?6, complete = ?7, eligible = ?8, sort_key = ?9, "
                               "initials = ?10, given_initials = ?11, id_rev = ?12");
  GString *sel = g_string_new ("SELECT " META_COLUMNS);
  GString *cols = g_string_new ("c.uuid, c.created_at, c.updated_at, c.station, c.deleted, c.draft");

  for (guint i = 0; i < form->n_fields; i++)
    {
      const char *k = form->fields[i].key;
      g_string_append_printf (ins, ", f_%s", k);
      g_string_append_printf (vals, ", ?%u", 13 + i);
      g_string_append_printf (upd, ", f_%s = ?%u", k, 13 + i);
      g_string_append_printf (sel, ", f_%s", k);
      g_string_append_printf (cols, ", c.f_%s", k);
    }
  g_string_append_printf (ins, ", next_visit_due, info_refresh_due, eligible_from, register_value, "
                               "register, exit_reason, exit_date, ages_out");
  for (guint k = 13; k <= 20; k++)
    g_string_append_printf (vals, ", ?%u", k + form->n_fields);
  g_string_append_printf (upd, ", next_visit_due = ?%u, info_refresh_due = ?%u, eligible_from = ?%u, "
                          "register_value = ?%u, register = ?%u, exit_reason = ?%u, exit_date = ?%u, "
                          "ages_out = ?%u",
                          13 + form->n_fields, 14 + form->n_fields, 15 + form->n_fields,
                          16 + form->n_fields, 17 + form->n_fields, 18 + form->n_fields,
                          19 + form->n_fields, 20 + form->n_fields);
  g_string_append (sel, ", next_visit_due, info_refresh_due, last_home_visit, urgent, complete, "
                        "(eligible AND (eligible_from IS NULL OR eligible_from <= tx_today())), "
                        "register_value, register, exit_reason, exit_date, ages_out");
  g_string_append (cols, ", c.next_visit_due, c.info_refresh_due, c.last_home_visit, c.urgent, c.complete, "
                         ELIGIBLE_NOW ", c.register_value, c.register, c.exit_reason, c.exit_date, c.ages_out");
  self->record_columns = g_string_free (cols, FALSE);
  g_string_append_printf (ins, ") VALUES (%s)", vals->str);
  g_string_append (upd, " WHERE uuid = ?1");
  g_string_append (sel, " FROM child WHERE uuid = ?1");
  g_string_free (vals, TRUE);

  self->insert_sql = g_string_free (ins, FALSE);
  self->update_sql = g_string_free (upd, FALSE);
  self->select_sql = g_string_free (sel, FALSE);
}

/* Fills the due dates of every record; used by migration 4 */
/* The local day of an ISO 8601 UTC time */
static gboolean
local_day (const char *iso,
           GDate      *day)
{
  g_autoptr(GDateTime) at = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;

  if (local == NULL)
    return FALSE;
  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return TRUE;
}

/* Works out again what the rules derive for every living child (a new rule,
 * or a value now kept that was not), in the migration's transaction: the
 * derived columns, completeness, eligibility and the due dates. The values
 * typed are left as they are. @which: (nullable): more of the WHERE clause,
 * to take only some children (SQL of ours, never input). */
static gboolean
rederive_children (TxStore     *self,
                   const char  *which,
                   GError     **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GString) update = g_string_new ("UPDATE child SET complete = ?2, eligible = ?3, "
                                            "eligible_from = ?4, next_visit_due = ?5, "
                                            "info_refresh_due = ?6");
  g_autofree char *all = NULL;
  g_autofree char *county = NULL, *township = NULL;
  g_autoptr(GArray) derived = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *station = NULL, *now = NULL;
  int f_reasons = TX_F ("key_care_reasons");
  sqlite3_stmt *sel, *upd, *hist;
  TxRulesContext ctx;
  int rc = SQLITE_DONE;

  if (!ensure_form_columns (self, error))
    return FALSE;
  /* the due dates move off the holidays this store knows */
  if (!tx_store_read_holidays (self, error))
    return FALSE;
  tx_store_build_sql (self);
  for (guint i = 0; i < form->n_fields; i++)
    if (form->fields[i].derived || g_str_equal (form->fields[i].key, "key_care_reasons"))
      {
        int f = i;
        g_array_append_val (derived, f);
        g_string_append_printf (update, ", f_%s = ?%u", form->fields[i].key, 6 + derived->len);
      }
  g_string_append (update, " WHERE rowid = ?1");
  /* select_sql reads one child by id; this reads them all, with the row id */
  {
    g_autofree char *columns = g_strndup (self->select_sql,
                                          strstr (self->select_sql, " FROM child") - self->select_sql);
    char *cut = strstr (columns, ", register_value");

    /* the columns of schema 16 are not there yet when migration 12 runs */
    if (cut)
      *cut = '\0';
    all = g_strconcat (columns, ", rowid FROM child WHERE deleted = 0", which, NULL);
  }

  county = tx_store_get_setting (self, TX_SETTING_COUNTY);
  township = tx_store_get_setting (self, TX_SETTING_TOWNSHIP);
  tx_rules_context_init (&ctx, county, township);

  if (!(sel = tx_store_prepare (self, all, error)) || !(upd = tx_store_prepare (self, update->str, error)) ||
      !(hist = tx_store_prepare (self, "INSERT INTO child_change (child, at, station, field, old_value, "
                                       "new_value) VALUES (?1, ?2, ?3, 'key_care_reasons', ?4, ?5)", error)))
    return FALSE;
  station = tx_store_get_setting (self, TX_SETTING_STATION_ID);
  now = tx_store_now_iso ();
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = tx_store_record_from_row (sel);
      g_autoptr(TxCheck) check = NULL;
      g_autofree char *reasons = g_strdup (r->values[f_reasons]);
      gint64 rowid = sqlite3_column_int64 (sel, sqlite3_column_count (sel) - 1);
      GDate day;
      gboolean have_day = local_day (r->updated_at, &day);

      check = tx_rules_apply (r, &ctx);
      /* the history says what a new rule changed, and when */
      if (g_strcmp0 (reasons, r->values[f_reasons]) != 0)
        {
          sqlite3_bind_int64 (hist, 1, rowid);
          tx_store_bind_text (hist, 2, now);
          tx_store_bind_text (hist, 3, station ? station : r->station);
          tx_store_bind_text (hist, 4, reasons);
          tx_store_bind_text (hist, 5, r->values[f_reasons]);
          rc = sqlite3_step (hist);
          sqlite3_reset (hist);
          if (rc != SQLITE_DONE)
            break;
        }
      tx_store_schedule_record (self, r, have_day ? &day : NULL);
      sqlite3_bind_int64 (upd, 1, rowid);
      sqlite3_bind_int (upd, 2, check->complete);
      sqlite3_bind_int (upd, 3, check->eligible_in_time);
      tx_store_bind_text (upd, 4, check->eligible_from);
      tx_store_bind_text (upd, 5, r->next_visit_due);
      tx_store_bind_text (upd, 6, r->info_refresh_due);
      for (guint i = 0; i < derived->len; i++)
        tx_store_bind_text (upd, 7 + i, r->values[g_array_index (derived, int, i)]);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/* Migration 16: the day every child ages out, by the default limits (a
 * store's own limits are settings written later) */
static gboolean
ages_out_all (TxStore  *self,
              GError  **error)
{
  TxAgeLimits limits;

  tx_age_limits_init (&limits);
  return tx_store_register_ages_out_all (self, &limits, error);
}

static gboolean
schedule_all (TxStore  *self,
              GError  **error)
{
  sqlite3_stmt *sel = NULL, *upd = NULL;
  TxScheduleSettings settings;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT rowid, f_registration_date, f_guardianship, f_key_care, "
                          "f_child_category, updated_at FROM child WHERE deleted = 0",
                          -1, &sel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE child SET next_visit_due = ?2, info_refresh_due = ?3 "
                          "WHERE rowid = ?1", -1, &upd, NULL) != SQLITE_OK)
    {
      rc = sqlite3_errcode (self->db);
      sqlite3_finalize (sel);
      sqlite3_finalize (upd);
      return tx_store_set_error (self, rc, error);
    }
  tx_store_get_schedule_settings (self, &settings);

  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = tx_record_new ();

      tx_record_set (r, TX_F ("registration_date"), (const char *) sqlite3_column_text (sel, 1));
      tx_record_set (r, TX_F ("guardianship"), (const char *) sqlite3_column_text (sel, 2));
      tx_record_set (r, TX_F ("key_care"), (const char *) sqlite3_column_text (sel, 3));
      tx_record_set (r, TX_F ("child_category"), (const char *) sqlite3_column_text (sel, 4));
      {
        /* the local day of the last change */
        g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (sel, 5), NULL);
        g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;
        GDate day;

        if (local)
          g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local));
        tx_store_schedule_record (self, r, local ? &day : NULL);
      }
      sqlite3_bind_int64 (upd, 1, sqlite3_column_int64 (sel, 0));
      tx_store_bind_text (upd, 2, r->next_visit_due);
      tx_store_bind_text (upd, 3, r->info_refresh_due);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_finalize (sel);
  sqlite3_finalize (upd);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}
