/* test-sync.c — the Sync view: stations, exchange files in and out,
 * conflicts, driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "tx-gui-test-util.h"
#include "tx-gui-util.h"
#include "tx-calendar-view.h"
#include "tx-conflict-row.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "tx-roster-item.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

static guint
list_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* The button of a row whose accessible label starts with @prefix */
static GtkButton *
row_button_labelled (GtkWidget  *row,
                     const char *label)
{
  for (GtkWidget *w = row; w; )
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return GTK_BUTTON (w);
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && w != row && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == row)
            break;
          w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

/* Every text the view shows now: the labels that are on screen (a closed
 * expander's are not) */
static void
shown_text (GtkWidget *w,
            GString   *out)
{
  if (!gtk_widget_get_mapped (w))
    return;
  if (GTK_IS_LABEL (w))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    shown_text (c, out);
}

static GtkExpander *
find_expander (GtkWidget *w)
{
  if (GTK_IS_EXPANDER (w))
    return GTK_EXPANDER (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkExpander *e = find_expander (c);
      if (e)
        return e;
    }
  return NULL;
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ == NULL || strstr (h_, needle) == NULL) \
      g_error ("“%s” is not in “%s”", needle, h_ ? h_ : "(nothing)"); \
  } G_STMT_END

/* The Sync view, as a township office reads it (run in English and, by
 * test-gui-zh-sync, in Chinese): the first steps until a partner is added,
 * a wrong check code refused without showing the right one, each action's
 * result under its own heading, the import counted in children and visits,
 * a conflict that says which value is in use, the technical details only
 * under Advanced */
static void
test_sync (void)
{
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "tongxing", "sync-other.db", NULL);
  g_autofree char *exports = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  g_autofree char *other_identity = g_build_filename (exports, "other.identity", NULL);
  g_autofree char *my_identity = g_build_filename (exports, "here.identity", NULL);
  g_autofree char *bundle1 = g_build_filename (exports, "one.txb", NULL);
  g_autofree char *bundle2 = g_build_filename (exports, "two.txb", NULL);
  g_autofree char *back = g_build_filename (exports, "back.txb", NULL);
  g_autofree char *bad = g_build_filename (exports, "bad.txb", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = tx_test_open (other_path, &error);
  g_autoptr(TxRecord) child = tx_gui_fixture ();
  g_autoptr(TxStation) other_self = NULL, here = NULL;
  g_autoptr(TxBundleInfo) info = NULL;
  g_autofree char *text = NULL, *child_id = NULL, *imported = NULL;
  TxWindow *window;
  TxSyncView *view;
  TxStore *store;
  gsize len;

  g_assert_no_error (error);
  g_mkdir_with_parents (exports, 0700);
  /* another workstation of the township, with children */
  g_assert_true (tx_station_init_workstation (other, "220102", "220102001", "南岭街道二号机", &error));
  child_id = tx_store_child_add (other, child, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tx_demo_generate (other, 4, 9, NULL, NULL, &error));
  other_self = tx_station_self (other, &error);
  text = tx_station_identity_text (other, &error);
  g_assert_true (g_file_set_contents (other_identity, text, -1, NULL));
  g_clear_pointer (&text, g_free);

  window = tx_gui_new_window ("sync-here.db", 0);
  store = tx_window_get_store (window);
  here = tx_station_self (store, &error);
  text = tx_station_identity_text (store, &error);
  g_assert_true (tx_station_trust (other, text, strlen (text), here->fingerprint, &error) != NULL);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  view = tx_window_get_sync_view (window);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* no partner yet: the first steps, in a township's words; no engineer's
   * words and no UUID on screen, until Advanced is opened */
  {
    g_autoptr(GString) shown = g_string_new (NULL);
    GtkExpander *advanced = find_expander (GTK_WIDGET (view));

    assert_contains (tx_sync_view_get_guide (view), zh ? "1. 让县民政局认识本工作站" : "1. Tell the county who you are");
    assert_contains (tx_sync_view_get_guide (view), zh ? "2. 把数据发送给县民政局" : "2. Send your data to the county");
    assert_contains (tx_sync_view_get_guide (view), zh ? "3. 导入县里的文件" : "3. Take the county's file");
    shown_text (GTK_WIDGET (view), shown);
    assert_contains (shown->str, here->fingerprint);
    assert_contains (shown->str, zh ? "核对码" : "Check Code");
    g_assert_null (strstr (shown->str, here->id));
    g_assert_null (strstr (shown->str, here->key_id));
    g_assert_null (strstr (shown->str, ".minisign.pub"));
    if (zh)
      for (const char *const *w = (const char *const[]) { "指纹", "数据包", "身份文件", "密钥", NULL }; *w; w++)
        if (strstr (shown->str, *w))
          g_error ("the Sync view says %s:\n%s", *w, shown->str);
    g_assert_nonnull (advanced);
    gtk_expander_set_expanded (advanced, TRUE);
    tx_gui_wait (50);
    g_string_truncate (shown, 0);
    shown_text (GTK_WIDGET (view), shown);
    assert_contains (shown->str, here->id);
    assert_contains (shown->str, here->key_id);
    assert_contains (shown->str, ".minisign.pub");
    gtk_expander_set_expanded (advanced, FALSE);
  }

  /* the station file saved: said under This Workstation, with the code to
   * read out, and the .minisign.pub beside it explained */
  {
    g_autoptr(GFile) f = g_file_new_for_path (my_identity);
    g_autofree char *pub = g_strconcat (my_identity, ".minisign.pub", NULL);

    tx_sync_view_save_identity (view, f);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
    assert_contains (tx_sync_view_get_result (view, "station"), here->fingerprint);
    assert_contains (tx_sync_view_get_result (view, "station"), zh ? "高级" : "Advanced");
    g_assert_true (g_file_test (pub, G_FILE_TEST_EXISTS));
  }

  /* a wrong check code adds nothing, and never shows the right one; the
   * right one does */
  {
    g_autoptr(GFile) f = g_file_new_for_path (other_identity);
    g_autoptr(GPtrArray) list = NULL;
    g_auto(GStrv) groups = g_strsplit (other_self->fingerprint, "-", -1);
    const char *said;

    tx_sync_view_trust_file (view, f, "AAAA-BBBB-CCCC-DDDD");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
    list = tx_store_station_list (store, &error);
    g_assert_cmpuint (list->len, ==, 0);
    said = tx_sync_view_get_result (view, "partners");
    assert_contains (said, zh ? "核对码与这个工作站信息文件不符" : "The check code does not match");
    assert_contains (said, zh ? "打电话" : "Phone the other station");
    for (guint i = 0; groups[i]; i++)
      g_assert_null (strstr (said, groups[i]));
    g_assert_nonnull (tx_sync_view_get_guide (view));

    tx_sync_view_trust_file (view, f, other_self->fingerprint);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
    g_assert_cmpuint (list_rows (tx_sync_view_get_list (view, "stations")), ==, 1);
    assert_contains (tx_sync_view_get_result (view, "partners"), zh ? "已成为往来工作站" : "is a partner station now");
    g_assert_null (tx_sync_view_get_guide (view));
  }

  /* its exchange file comes in, counted in children and visits, under
   * Receive; the roster shows the children */
  info = tx_bundle_export (other, here->id, FALSE, bundle1, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, tx_bundle_info_free);
  {
    g_autoptr(GFile) f = g_file_new_for_path (bundle1);
    tx_sync_view_import_file (view, f);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
  assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "新增儿童 5 名" : "5 new children");
  assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "新增走访记录" : "new visit records");
  g_assert_null (strstr (tx_sync_view_get_result (view, "receive"), zh ? "条，未变" : "unchanged"));
  tx_gui_wait_roster (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)))), ==, 5);

  /* the same remark changed on both: a conflict to settle; heading and row
   * agree on what the record holds meanwhile (the later change, here's) */
  {
    g_autoptr(TxRecord) there = tx_store_child_get (other, child_id, &error);
    g_autoptr(TxRecord) mine = tx_store_child_get (store, child_id, &error);
    GtkListBox *conflicts = tx_sync_view_get_list (view, "conflicts");
    GtkWidget *group;
    GtkButton *take;

    tx_record_set_key (there, "remarks", "二号机写的备注");
    g_assert_true (tx_store_child_update (other, there, TRUE, NULL, &error));
    tx_record_set_key (mine, "remarks", "这台机器写的备注");
    g_assert_true (tx_store_child_update (tx_gui_writer (window), mine, TRUE, NULL, &error));
    info = tx_bundle_export (other, here->id, FALSE, bundle2, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&info, tx_bundle_info_free);
    {
      g_autoptr(GFile) f = g_file_new_for_path (bundle2);
      tx_sync_view_import_file (view, f);
    }
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "有 1 处冲突待处理" : "1 conflict to settle");
    assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "下方" : "below");
    g_assert_cmpuint (list_rows (conflicts), ==, 1);
    group = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (conflicts))));
    g_assert_true (gtk_widget_get_visible (group));
    assert_contains (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                     zh ? "两站都暂用较晚的那次修改" : "both use the later of the two changes");
    assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_first_child (GTK_WIDGET (conflicts)))),
                     zh ? "目前采用：这台机器写的备注（较晚的修改）" : "in use for now: 这台机器写的备注 (the later change)");
    imported = g_strdup (tx_sync_view_get_result (view, "receive"));
    take = row_button_labelled (gtk_widget_get_first_child (GTK_WIDGET (conflicts)), zh ? "采用传来的值(_T)" : "Take _Theirs");
    g_assert_nonnull (take);
    g_signal_emit_by_name (take, "clicked");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    tx_gui_wait (50);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    g_assert_cmpuint (list_rows (conflicts), ==, 0);
    g_clear_pointer (&mine, tx_record_free);
    mine = tx_store_child_get (store, child_id, &error);
    g_assert_cmpstr (tx_record_get_key (mine, "remarks"), ==, "二号机写的备注");
  }

  /* a file back: said under Partner Stations, the import's result stays
   * under Receive; the other station takes it */
  {
    g_autoptr(GFile) f = g_file_new_for_path (back);
    tx_sync_view_export_to (view, other_self->id, f);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
  assert_contains (tx_sync_view_get_result (view, "partners"), zh ? "交换文件已保存" : "saved");
  g_assert_cmpstr (tx_sync_view_get_result (view, "receive"), ==, imported);
  info = tx_bundle_import (other, back, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, tx_bundle_info_free);

  /* a changed file is refused, with the reason */
  {
    g_autofree char *data = NULL;
    g_autoptr(GFile) f = g_file_new_for_path (bad);

    g_assert_true (g_file_get_contents (bundle2, &data, &len, NULL));
    data[len / 2] ^= 1;
    g_assert_true (g_file_set_contents (bad, data, len, NULL));
    tx_sync_view_import_file (view, f);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "交换文件被拒绝" : "refused");
  }

  /* stopping the exchange with a station asks first */
  {
    GtkListBox *stations = tx_sync_view_get_list (view, "stations");
    GtkButton *stop = row_button_labelled (gtk_widget_get_first_child (GTK_WIDGET (stations)),
                                           zh ? "停止往来(_R)" : "_Revoke");
    AdwMessageDialog *question;
    g_autoptr(TxStation) still = NULL;

    g_assert_nonnull (stop);
    g_signal_emit_by_name (stop, "clicked");
    question = tx_gui_wait_dialog ();
    g_assert_nonnull (question);
    tx_gui_respond (question, "cancel");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    still = tx_store_station_get (store, other_self->id, NULL);
    g_assert_null (still->revoked_at);
    g_clear_pointer (&still, tx_station_free);
    g_signal_emit_by_name (stop, "clicked");
    question = tx_gui_wait_dialog ();
    tx_gui_respond (question, "revoke");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    tx_gui_wait (100);
    still = tx_store_station_get (store, other_self->id, NULL);
    g_assert_nonnull (still->revoked_at);
  }
  tx_gui_close_window (window);
}

/* An exit at one station and a reopening at another, crossing: the row
 * says both in words, never the JSON they travel as */
static void
test_register_conflict (void)
{
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxRegisterEntry exit = { .state = (char *) TX_REGISTER_EXITED, .reason = (char *) TX_EXIT_MOVED_AWAY,
                           .date = (char *) "2026-11-22", .by = (char *) "李春梅",
                           .at = (char *) "2026-11-22T02:00:00Z" };
  TxRegisterEntry back = { .state = (char *) TX_REGISTER_ACTIVE, .date = (char *) "2026-11-25",
                           .note = (char *) "误操作", .by = (char *) "王建国", .at = (char *) "2026-11-25T02:00:00Z" };
  g_autofree char *mine = tx_register_entry_format (&exit);
  g_autofree char *theirs = tx_register_entry_format (&back);
  TxConflict c = { .id = 1, .tbl = (char *) "child", .uuid = (char *) "0b7c2f5e-child", .field = (char *) "_register",
                   .name = (char *) "张小明", .mine = mine, .theirs = theirs, .kept = (char *) "theirs",
                   .station = (char *) "县民政局" };
  GtkWidget *row = g_object_ref_sink (tx_conflict_row_new (&c));
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), zh ? "张小明 · 台账状态" : "张小明 · Place on the register");
  assert_contains (subtitle, zh ? "2026-11-22 退出台账：迁出本县" : "Left the register on 2026-11-22: Moved away from the county (李春梅)");
  assert_contains (subtitle, zh ? "自 2026-11-25 起重新纳入台账" : "Back on the register from 2026-11-25 (王建国): 误操作");
  g_assert_null (strchr (subtitle, '{'));
  g_object_unref (row);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/sync", test_sync);
  g_test_add_func ("/gui/sync/register-conflict", test_register_conflict);
  return g_test_run ();
}
