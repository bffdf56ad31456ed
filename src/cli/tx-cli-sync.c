/* tx-cli-sync.c — stations, bundles, conflicts and duplicates on the command line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tx-cli-private.h"

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
station_json (JsonBuilder     *b,
              const TxStation *s)
{
  json_builder_begin_object (b);
  tx_json_add_string (b, "id", s->id);
  tx_json_add_string (b, "name", s->name);
  tx_json_add_string (b, "unit", s->unit);
  tx_json_add_string (b, "county", s->county);
  tx_json_add_string (b, "township", s->township);
  tx_json_add_string (b, "fingerprint", s->fingerprint);
  tx_json_add_string (b, "key_id", s->key_id);
  if (s->trusted_at)
    {
      tx_json_add_string (b, "trusted_at", s->trusted_at);
      tx_json_add_string (b, "revoked_at", s->revoked_at);
      add_int (b, "last_imported", s->in_seq);
      tx_json_add_string (b, "imported_at", s->in_at);
      add_int (b, "last_exported", s->out_seq);
      tx_json_add_string (b, "exported_at", s->out_at);
      tx_json_add_string (b, "replaces", s->replaces);
      tx_json_add_string (b, "replaced_by", s->replaced_by);
    }
  json_builder_end_object (b);
}

static int
print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  tx_cli_print_json (root);
  return TX_CLI_EXIT_OK;
}

static gboolean
write_text (const char  *path,
            const char  *text,
            GError     **error)
{
  return tx_store_check_output (path, error) &&
         g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

int
tx_cli_station (TxCli *cli,
                int    argc,
                char **argv)
{
  g_autofree char *fp = NULL, *minisign_pub = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &fp, N_("The check code the other station read out by phone"), N_("FP") },
    { "minisign-pub", 0, 0, G_OPTION_ARG_FILENAME, &minisign_pub, N_("Also write the signing key as a minisign public key, for checking exchange files with minisign"), N_("PUBFILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("show | export-identity OUT | trust FILE | list | revoke ID | replace ID FILE"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *usage = _("Usage: tongxing-cli station show [--json] | export-identity OUT [--minisign-pub PUBFILE] | "
                        "trust FILE --fingerprint FP | list [--json] | revoke ID | "
                        "replace ID FILE --fingerprint FP");
  const char *sub;
  int status;

  g_option_context_set_summary (ctx, _("This workstation's station file and check code, and the partner stations it exchanges files with."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return tx_cli_usage_error (ctx, usage);
  sub = argv[1];
  if (!((g_str_equal (sub, "show") && argc == 2) || (g_str_equal (sub, "list") && argc == 2) ||
        (g_str_equal (sub, "export-identity") && argc == 3) || (g_str_equal (sub, "trust") && argc == 3 && fp) ||
        (g_str_equal (sub, "revoke") && argc == 3) || (g_str_equal (sub, "replace") && argc == 4 && fp)))
    return tx_cli_usage_error (ctx, usage);
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;

  if (g_str_equal (sub, "show"))
    {
      g_autoptr(TxStation) s = tx_station_self (store, &error);
      if (s == NULL)
        return tx_cli_store_failure (error);
      if (json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          station_json (b, s);
          return print_builder (b);
        }
      g_print ("%s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n", s->name, _("Id"), s->id, _("Unit"), s->unit,
               _("Check code"), s->fingerprint, _("Signing key"), s->key_id);
      return TX_CLI_EXIT_OK;
    }
  if (g_str_equal (sub, "export-identity"))
    {
      g_autofree char *text = tx_station_identity_text (store, &error);
      g_autofree char *pub = NULL;
      if (text == NULL)
        return tx_cli_store_failure (error);
      if (minisign_pub && !(pub = tx_station_minisign_pubkey (store, &error)))
        return tx_cli_store_failure (error);
      if (!write_text (argv[2], text, &error) || (pub && !write_text (minisign_pub, pub, &error)))
        {
          tx_cli_problem ("file", error->message);
          return TX_CLI_EXIT_REFUSED;
        }
      {
        g_autoptr(TxStation) s = tx_station_self (store, NULL);
        /* Translators: said after writing the station file; the check code is to be read over the phone */
        g_printerr (_("Station file of %s written to %s. Read this check code to the other station by "
                      "phone: %s\n"),
                    s->name, argv[2], s->fingerprint);
      }
      return TX_CLI_EXIT_OK;
    }
  if (g_str_equal (sub, "trust") || g_str_equal (sub, "replace"))
    {
      gboolean replace = g_str_equal (sub, "replace");
      const char *file = argv[replace ? 3 : 2];
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autoptr(TxStation) s = NULL;

      if (!g_file_get_contents (file, &text, &len, &error))
        {
          tx_cli_problem ("file", error->message);
          return TX_CLI_EXIT_REFUSED;
        }
      if (len > 64 * 1024)
        {
          tx_cli_problem ("identity", _("This file is too large to be a station file."));
          return TX_CLI_EXIT_REFUSED;
        }
      s = replace ? tx_station_replace (store, argv[2], text, len, fp, &error)
                  : tx_station_trust (store, text, len, fp, &error);
      if (s == NULL)
        {
          /* the role, a station unknown or replaced: the store's refusal */
          if (error->domain == TX_STORE_ERROR)
            return tx_cli_store_failure (error);
          tx_cli_problem ("identity", error->message);
          return TX_CLI_EXIT_REFUSED;
        }
      if (replace)
        g_printerr (_("%s (%s) is a partner station now, in place of %s, whose exchange files are refused "
                      "from now on. Make it an exchange file of everything with “bundle export --to %s --full”.\n"),
                    s->name, s->id, argv[2], s->id);
      else
        g_printerr (_("%s (%s) is a partner station now.\n"), s->name, s->id);
      if (json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          station_json (b, s);
          return print_builder (b);
        }
      g_print ("%s\n", s->id);
      return TX_CLI_EXIT_OK;
    }
  if (g_str_equal (sub, "revoke"))
    {
      if (!tx_store_station_revoke (store, argv[2], &error))
        return tx_cli_store_failure (error);
      return TX_CLI_EXIT_OK;
    }
  {
    g_autoptr(GPtrArray) list = tx_store_station_list (store, &error);
    if (list == NULL)
      return tx_cli_store_failure (error);
    if (json)
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();
        json_builder_begin_array (b);
        for (guint i = 0; i < list->len; i++)
          station_json (b, list->pdata[i]);
        json_builder_end_array (b);
        return print_builder (b);
      }
    for (guint i = 0; i < list->len; i++)
      {
        TxStation *s = list->pdata[i];
        if (s->replaced_by)
          g_print ("%s  %-16s  %s  %s %s\n", s->id, s->name, s->fingerprint, _("replaced by"), s->replaced_by);
        else
          g_print ("%s  %-16s  %s  %s\n", s->id, s->name, s->fingerprint,
                   s->revoked_at ? _("revoked") : _("partner"));
      }
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u station\n", "%u stations\n", list->len), list->len);
  }
  return TX_CLI_EXIT_OK;
}

static void
counts_json (JsonBuilder        *b,
             const char         *name,
             const TxSyncCounts *c,
             gboolean            result)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_int (b, "children", c->children);
  add_int (b, "visits", c->visits);
  add_int (b, "urgent_cases", c->urgent_cases);
  add_int (b, "services", c->services);
  add_int (b, "tombstones", c->tombstones);
  add_int (b, "transfers", c->transfers);
  if (result)
    {
      add_int (b, "added", c->added);
      add_int (b, "updated", c->updated);
      add_int (b, "unchanged", c->unchanged);
      add_int (b, "deleted", c->deleted);
      add_int (b, "conflicts", c->conflicts);
      add_int (b, "duplicates", c->duplicates);
      add_int (b, "children_added", c->children_added);
      add_int (b, "children_updated", c->children_updated);
      add_int (b, "children_unchanged", c->children_unchanged);
      add_int (b, "visits_added", c->visits_added);
      add_int (b, "urgent_changed", c->urgent_changed);
      add_int (b, "services_changed", c->services_changed);
      add_int (b, "transfers_changed", c->transfers_changed);
    }
  json_builder_end_object (b);
}

static int
print_info (const TxBundleInfo *i,
            gboolean            result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  tx_json_add_string (b, "sender", i->sender);
  tx_json_add_string (b, "sender_name", i->sender_name);
  tx_json_add_string (b, "sender_unit", i->sender_unit);
  tx_json_add_string (b, "recipient", i->recipient);
  tx_json_add_string (b, "recipient_name", i->recipient_name);
  tx_json_add_string (b, "created", i->created);
  add_int (b, "seq", i->seq);
  tx_json_add_string (b, "prev", i->prev_hash);
  add_int (b, "ack", i->ack);
  json_builder_set_member_name (b, "full");
  json_builder_add_boolean_value (b, i->full);
  add_int (b, "payload_size", i->payload_size);
  tx_json_add_string (b, "payload_hash", i->payload_hash);
  tx_json_add_string (b, "hash", i->hash);
  tx_json_add_string (b, "key_id", i->key_id);
  tx_json_add_string (b, "signature", i->signature);
  if (i->warning)
    tx_json_add_string (b, "warning", i->warning);
  counts_json (b, result ? "result" : "counts", &i->counts, result);
  json_builder_end_object (b);
  return print_builder (b);
}

/* A refused bundle: the reason, under the key that says which check */
static int
bundle_failure (const GError *error)
{
  static const char *const keys[] = {
    [TX_BUNDLE_ERROR_NOT_A_BUNDLE] = "file", [TX_BUNDLE_ERROR_TOO_LARGE] = "file",
    [TX_BUNDLE_ERROR_TRUNCATED] = "file", [TX_BUNDLE_ERROR_SIGNATURE] = "signature",
    [TX_BUNDLE_ERROR_UNKNOWN_KEY] = "signature", [TX_BUNDLE_ERROR_REVOKED] = "signature",
    [TX_BUNDLE_ERROR_MALFORMED] = "header", [TX_BUNDLE_ERROR_WRONG_RECIPIENT] = "recipient",
    [TX_BUNDLE_ERROR_REPLAYED] = "sequence", [TX_BUNDLE_ERROR_DAMAGED] = "payload",
    [TX_BUNDLE_ERROR_NOT_TRUSTED] = "station",
  };

  if (error->domain == TX_BUNDLE_ERROR && error->code >= 0 && error->code < (int) G_N_ELEMENTS (keys))
    {
      tx_cli_problem (keys[error->code], error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (error->domain == G_IO_ERROR)
    {
      tx_cli_problem ("file", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  return tx_cli_store_failure (error);
}

int
tx_cli_bundle (TxCli *cli,
               int    argc,
               char **argv)
{
  g_autofree char *to = NULL, *out = NULL, *extract = NULL;
  gboolean full = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The station the exchange file is for"), N_("STATION") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Every record, not only what changed since the last acknowledgement"), NULL },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The exchange file to write"), N_("FILE") },
    { "extract", 0, 0, G_OPTION_ARG_FILENAME, &extract, N_("Write the signed bytes and their minisign signature into this folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("export | import FILE | inspect FILE"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBundleInfo) info = NULL;
  const char *usage = _("Usage: tongxing-cli bundle export --to STATION [--full] --out FILE | import FILE | "
                        "inspect FILE [--extract DIR]");
  int status;

  g_option_context_set_summary (ctx, _("Signed, encrypted exchange files for another station."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2 || !((g_str_equal (argv[1], "export") && argc == 2 && to && out) ||
                    (g_str_equal (argv[1], "import") && argc == 3) ||
                    (g_str_equal (argv[1], "inspect") && argc == 3)))
    return tx_cli_usage_error (ctx, usage);
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;

  if (g_str_equal (argv[1], "export"))
    {
      if (!(info = tx_bundle_export (store, to, full, out, NULL, &error)))
        return bundle_failure (error);
      if (json)
        return print_info (info, FALSE);
      g_printerr (_("Exchange file %lld for %s written to %s: %u children (%u deleted), %u visits, "
                    "%u urgent cases, %u services, %u transfers.\n"), (long long) info->seq,
                  info->recipient_name, out, info->counts.children, info->counts.tombstones, info->counts.visits,
                  info->counts.urgent_cases, info->counts.services, info->counts.transfers);
      return TX_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "import"))
    {
      g_autofree char *summary = NULL;

      if (!(info = tx_bundle_import (store, argv[2], NULL, &error)))
        return bundle_failure (error);
      if (info->warning)
        tx_cli_problem ("sequence", info->warning);
      if (json)
        return print_info (info, TRUE);
      summary = tx_sync_counts_summary (&info->counts);
      g_printerr (_("Exchange file %lld from %s imported: %s.\n"), (long long) info->seq, info->sender_name, summary);
      if (info->counts.conflicts)
        g_printerr (_("See them with “tongxing-cli conflicts list”.\n"));
      if (info->counts.duplicates)
        g_printerr (_("See them with “tongxing-cli duplicates list”.\n"));
      return TX_CLI_EXIT_OK;
    }
  if (!(info = tx_bundle_inspect (store, argv[2], extract, &error)))
    return bundle_failure (error);
  return print_info (info, FALSE);
}

int
tx_cli_conflicts (TxCli *cli,
                  int    argc,
                  char **argv)
{
  g_autofree char *keep = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("mine: this station's value; theirs: the value that came"), N_("mine|theirs") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("list | resolve ID --keep mine|theirs"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *usage = _("Usage: tongxing-cli conflicts list [--json] | conflicts resolve ID --keep mine|theirs");
  int status;

  g_option_context_set_summary (ctx, _("Fields changed at two stations: which value to keep."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc == 3 && g_str_equal (argv[1], "resolve") && keep &&
      (g_str_equal (keep, "mine") || g_str_equal (keep, "theirs")))
    {
      gint64 id;
      if (!g_ascii_string_to_signed (argv[2], 10, 1, G_MAXINT64, &id, NULL))
        return tx_cli_usage_error (ctx, usage);
      if (!(store = tx_cli_open_store (cli)))
        return TX_CLI_EXIT_REFUSED;
      if (!tx_store_conflict_resolve (store, id, g_str_equal (keep, "mine"), &error))
        return tx_cli_store_failure (error);
      return TX_CLI_EXIT_OK;
    }
  if (!(argc == 2 && g_str_equal (argv[1], "list")))
    return tx_cli_usage_error (ctx, usage);
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  {
    g_autoptr(GPtrArray) list = tx_store_conflicts (store, &error);
    g_autoptr(JsonBuilder) b = json_builder_new ();

    if (list == NULL)
      return tx_cli_store_failure (error);
    if (!json)
      {
        for (guint i = 0; i < list->len; i++)
          {
            TxConflict *c = list->pdata[i];
            g_autofree char *mine = tx_conflict_value_text (c, c->mine);
            g_autofree char *theirs = tx_conflict_value_text (c, c->theirs);
            g_print ("%" G_GINT64_FORMAT "  %s  %s  %s: %s “%s”, %s “%s” (%s)\n", c->id, c->name, c->uuid,
                     tx_conflict_field_title (c), _("here"), mine ? mine : "", c->station, theirs ? theirs : "",
                     g_str_equal (c->kept, "mine") ? _("kept here's") : _("kept theirs"));
          }
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u open conflict\n", "%u open conflicts\n", list->len), list->len);
        return TX_CLI_EXIT_OK;
      }
    json_builder_begin_array (b);
    for (guint i = 0; i < list->len; i++)
      {
        TxConflict *c = list->pdata[i];
        json_builder_begin_object (b);
        add_int (b, "id", c->id);
        tx_json_add_string (b, "table", c->tbl);
        tx_json_add_string (b, "record", c->uuid);
        tx_json_add_string (b, "name", c->name);
        tx_json_add_string (b, "field", c->field);
        tx_json_add_string (b, "mine", c->mine);
        tx_json_add_string (b, "theirs", c->theirs);
        tx_json_add_string (b, "kept", c->kept);
        tx_json_add_string (b, "station", c->station);
        tx_json_add_string (b, "at", c->at);
        if (g_str_equal (c->field, "_register"))
          {
            g_autofree char *mine = tx_conflict_value_text (c, c->mine);
            g_autofree char *theirs = tx_conflict_value_text (c, c->theirs);

            /* an exit or a reopening, in words */
            json_builder_set_member_name (b, "summary");
            json_builder_begin_object (b);
            tx_json_add_string (b, "mine", mine);
            tx_json_add_string (b, "theirs", theirs);
            json_builder_end_object (b);
          }
        json_builder_end_object (b);
      }
    json_builder_end_array (b);
    return print_builder (b);
  }
}

int
tx_cli_duplicates (TxCli *cli,
                   int    argc,
                   char **argv)
{
  g_autofree char *keep = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("The child's record to keep; the other is deleted"), N_("CHILD_ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("list | resolve ID --keep CHILD_ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *usage = _("Usage: tongxing-cli duplicates list [--json] | duplicates resolve ID --keep CHILD_ID");
  int status;

  g_option_context_set_summary (ctx, _("One identity number registered at two stations."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc == 3 && g_str_equal (argv[1], "resolve") && keep)
    {
      gint64 id;
      if (!g_ascii_string_to_signed (argv[2], 10, 1, G_MAXINT64, &id, NULL))
        return tx_cli_usage_error (ctx, usage);
      if (!(store = tx_cli_open_store (cli)))
        return TX_CLI_EXIT_REFUSED;
      if (!tx_store_duplicate_resolve (store, id, keep, &error))
        return tx_cli_store_failure (error);
      return TX_CLI_EXIT_OK;
    }
  if (!(argc == 2 && g_str_equal (argv[1], "list")))
    return tx_cli_usage_error (ctx, usage);
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  {
    g_autoptr(GPtrArray) list = tx_store_duplicates (store, &error);
    g_autoptr(JsonBuilder) b = json_builder_new ();

    if (list == NULL)
      return tx_cli_store_failure (error);
    if (!json)
      {
        for (guint i = 0; i < list->len; i++)
          {
            TxDuplicate *d = list->pdata[i];
            g_autofree char *masked = tx_id_mask (d->id_number);
            g_print ("%" G_GINT64_FORMAT "  %s  %s %s  %s %s\n", d->id, masked, d->a, d->name_a ? d->name_a : "",
                     d->b, d->name_b ? d->name_b : "");
          }
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u possible duplicate\n", "%u possible duplicates\n", list->len),
                    list->len);
        return TX_CLI_EXIT_OK;
      }
    json_builder_begin_array (b);
    for (guint i = 0; i < list->len; i++)
      {
        TxDuplicate *d = list->pdata[i];
        json_builder_begin_object (b);
        add_int (b, "id", d->id);
        tx_json_add_string (b, "id_number", d->id_number);
        tx_json_add_string (b, "a", d->a);
        tx_json_add_string (b, "name_a", d->name_a);
        tx_json_add_string (b, "b", d->b);
        tx_json_add_string (b, "name_b", d->name_b);
        tx_json_add_string (b, "at", d->at);
        json_builder_end_object (b);
      }
    json_builder_end_array (b);
    return print_builder (b);
  }
}

int
tx_cli_sync (TxCli *cli,
             int    argc,
             char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  if (argc != 2 || !g_str_equal (argv[1], "dump"))
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli sync dump"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(dump = tx_sync_dump (store, &error)))
    return tx_cli_store_failure (error);
  fputs (dump, stdout);
  return TX_CLI_EXIT_OK;
}
