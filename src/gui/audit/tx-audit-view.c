/* tx-audit-view.c — the audit trail in the window: who did what, filtered,
 * whether the chain is unbroken, and printed
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For supervisors and county officers (TX_PERMISSION_AUDIT). The entries
 * the filters choose are found on the store service's thread and read a
 * page at a time (tx-audit-model.c), so that a trail of 100,000 entries
 * costs no frame. The line at the top says whether the chain of hashes is
 * unbroken, checked on the service's thread too. Printing lays the list
 * out on that thread (report/tx-report-audit.c) and draws it through
 * GtkPrintOperation; a print is itself an entry of the trail.
 */

#define G_LOG_DOMAIN "tx-audit-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-audit-model.h"
#include "tx-audit-view.h"
#include "tx-gui-util.h"

#define REFRESH_DELAY_MS 250

struct _TxAuditView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkImage       *chain_icon;
  GtkLabel       *chain_label;
  GtkWidget      *print_button;
  GtkDropDown    *person_dropdown;
  GtkSearchEntry *child_entry;
  GtkDropDown    *kind_dropdown;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkStack       *list_stack;
  GtkColumnView  *column_view;
  GtkLabel       *status_label;

  /* Owned */
  TxStore        *store;       /* the main thread's reader: pages of entries */
  TxStoreService *service;
  TxAuditModel   *model;
  GStrv           people;      /* the person drop-down's names, after "Everyone" */
  GStrv           children;    /* the children the name typed found, for a print */
  GCancellable   *list_cancellable;
  GCancellable   *verify_cancellable;
  GCancellable   *print_cancellable;
  TxPagedList    *print_list;  /* laid out, while the print dialog runs */
  guint           refresh_id;
  guint           busy;        /* requests on their way */
  gboolean        stale;       /* the store changed while the view was hidden */
  gboolean        populating;
};

G_DEFINE_FINAL_TYPE (TxAuditView, tx_audit_view, ADW_TYPE_BIN)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds of the drop-down, grouped: each group is the kinds, or the
 * parts before a dot of kinds, it shows */
static const struct {
  const char *label;
  const char *kinds[4];
} kind_groups[] = {
  { N_("Everything"), { NULL } },
  { N_("Logins"), { "login", NULL } },
  { N_("Records"), { "child", "transfer", NULL } },
  { N_("Visits"), { "visit", "urgent", NULL } },
  { N_("Exports and prints"), { "export", "print", NULL } },
  { N_("Identity numbers shown"), { "reveal", NULL } },
  { N_("Imports"), { "import", NULL } },
  { N_("Accounts"), { "account", NULL } },
};

static void
toast (TxAuditView *self,
       const char  *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* A date of the period, or %NULL when it is empty; a date that cannot be
 * read marks its entry and counts as empty */
static char *
period_day (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GDate d;
  gboolean ok = *stripped == '\0' || tx_date_parse (stripped, &d);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok && *stripped ? tx_date_format (&d) : NULL;
}

/* The filters as a query; @child_text the name typed, if any */
static TxAuditQuery *
read_filters (TxAuditView  *self,
              char        **child_text)
{
  TxAuditQuery *q = g_new0 (TxAuditQuery, 1);
  guint person = gtk_drop_down_get_selected (self->person_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autofree char *child = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->child_entry))));

  if (person != GTK_INVALID_LIST_POSITION && person > 0 && self->people &&
      person <= g_strv_length (self->people))
    q->person = g_strdup (self->people[person - 1]);
  if (kind != GTK_INVALID_LIST_POSITION && kind > 0 && kind < G_N_ELEMENTS (kind_groups))
    q->kinds = (const char *const *) g_strdupv ((char **) kind_groups[kind].kinds);
  q->from = period_day (self->from_entry);
  q->to = period_day (self->to_entry);
  *child_text = *child ? g_steal_pointer (&child) : NULL;
  return q;
}

/* The period and filters in words, for the printed header */
static char *
filters_text (TxAuditView        *self,
              const TxAuditQuery *q,
              const char         *child)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autofree char *period = NULL;

  if (q->from || q->to)
    /* Translators: the printed audit trail's period; … where it is open */
    period = g_strdup_printf (_("Dates: %s to %s"), q->from ? q->from : "…", q->to ? q->to : "…");
  else
    period = g_strdup (_("Dates: all"));
  /* Translators: the printed audit trail's filters: the period, the person, the child, what was done */
  return g_strdup_printf (_("%s · Person: %s · Child: %s · What: %s"), period,
                          q->person ? q->person : _("everyone"), child ? child : _("any"),
                          kind > 0 && kind < G_N_ELEMENTS (kind_groups) ? _(kind_groups[kind].label)
                                                                        : _("everything"));
}

/* Listing */

typedef struct {
  TxAuditQuery *query;
  char         *child;
} ListJob;

typedef struct {
  GArray *seqs;
  GStrv   people;
  GStrv   children;  /* the children whose name holds what was typed */
} Listed;

static void
list_job_free (ListJob *job)
{
  tx_audit_query_free (job->query);
  g_free (job->child);
  g_free (job);
}

static void
listed_free (Listed *l)
{
  g_clear_pointer (&l->seqs, g_array_unref);
  g_strfreev (l->people);
  g_strfreev (l->children);
  g_free (l);
}

static gpointer
list_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ListJob *job = data;
  Listed *l;

  if (!tx_store_require (store, TX_PERMISSION_AUDIT, error))
    return NULL;
  l = g_new0 (Listed, 1);
  if (job->child)
    {
      /* the entries of every child whose name holds what was typed */
      if (!(l->children = tx_store_audit_children_named (store, job->child, error)))
        {
          listed_free (l);
          return NULL;
        }
      g_strfreev ((char **) job->query->children);
      job->query->children = (const char *const *) g_strdupv (l->children);
    }
  if (!(l->seqs = tx_store_audit_seqs (store, job->query, error)) ||
      !(l->people = tx_store_audit_people (store, error)))
    {
      listed_free (l);
      return NULL;
    }
  return l;
}

/* The person drop-down: "Everyone", then the names, keeping the one chosen */
static void
set_people (TxAuditView *self,
            GStrv        people)
{
  g_autoptr(GtkStringList) list = NULL;
  guint selected = gtk_drop_down_get_selected (self->person_dropdown);
  const char *chosen = selected != GTK_INVALID_LIST_POSITION && selected > 0 && self->people &&
                       selected <= g_strv_length (self->people) ? self->people[selected - 1] : NULL;
  guint keep = 0;

  if (self->people && g_strv_equal ((const char *const *) self->people, (const char *const *) people))
    return;
  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _("Everyone"));
  for (guint i = 0; people[i]; i++)
    {
      gtk_string_list_append (list, people[i]);
      if (g_strcmp0 (chosen, people[i]) == 0)
        keep = i + 1;
    }
  self->populating = TRUE;
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->person_dropdown, keep);
  self->populating = FALSE;
  g_strfreev (self->people);
  self->people = g_strdupv (people);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  Listed *l = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (l == NULL)
    {
      gtk_label_set_text (self->status_label, tx_gui_error_text (error));
      return;
    }
  set_people (self, l->people);
  g_strfreev (self->children);
  self->children = g_steal_pointer (&l->children);
  tx_audit_model_set_seqs (self->model, l->seqs);
  gtk_stack_set_visible_child_name (self->list_stack, l->seqs->len ? "list" : "empty");
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry shown, newest first",
                                                          "%u entries shown, newest first", l->seqs->len),
                                             l->seqs->len);
    gtk_label_set_text (self->status_label, text);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.print", TRUE);
  listed_free (l);
}

/* Checking the chain */

typedef struct {
  gint64  n;
  gint64  broken;   /* the first entry that breaks the chain, or 0 */
  char   *problem;
} Verified;

static void
verified_free (Verified *v)
{
  g_free (v->problem);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Verified, verified_free)

/* The store's own check: numbers without a gap, each entry holding the
 * hash of the one before, each hash that of its entry, each signed
 * checkpoint the station's */
static gpointer
verify_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(TxAuditVerdict) verdict = tx_store_audit_verify (store, NULL, error);
  g_autoptr(Verified) v = NULL;

  if (verdict == NULL)
    return NULL;
  v = g_new0 (Verified, 1);
  v->n = verdict->entries;
  if (verdict->broken != TX_AUDIT_UNBROKEN)
    {
      v->broken = MAX (verdict->seq, 1);
      v->problem = g_strdup (verdict->message ? verdict->message : "");
    }
  return g_steal_pointer (&v);
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Verified) v = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *text = NULL;

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (v && v->broken == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The audit trail is unbroken: %u entry in all",
                                         "The audit trail is unbroken: %u entries in all", v->n), (guint) v->n);
  else if (v)
    /* Translators: the first entry that breaks the audit trail's chain, and what is wrong with it */
    text = g_strdup_printf (_("The audit trail is broken at entry %u: %s. Keep this computer as it is "
                              "and tell the county office."), (guint) v->broken, v->problem);
  else
    text = g_strdup_printf (_("The audit trail could not be checked: %s"), tx_gui_error_text (error));
  gtk_label_set_text (self->chain_label, text);
  gtk_image_set_from_icon_name (self->chain_icon, v && v->broken == 0 ? "emblem-ok-symbolic"
                                                                      : "dialog-warning-symbolic");
  if (v && v->broken == 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->chain_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->chain_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_icon), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_icon), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->chain_icon), "success");
    }
}

/**
 * tx_audit_view_refresh:
 *
 * Finds the entries the filters choose, and checks the chain, on the store
 * service's thread.
 */
void
tx_audit_view_refresh (TxAuditView *self)
{
  ListJob *job;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->service == NULL)
    return;
  self->stale = FALSE;
  job = g_new0 (ListJob, 1);
  job->query = read_filters (self, &job->child);
  self->busy += 2;
  tx_store_service_run_async (self->service, list_job, job, (GDestroyNotify) list_job_free,
                              (GDestroyNotify) listed_free, tx_gui_renew_cancellable (&self->list_cancellable),
                              list_done_cb, g_object_ref (self));
  tx_store_service_run_async (self->service, verify_job, NULL, NULL, (GDestroyNotify) verified_free,
                              tx_gui_renew_cancellable (&self->verify_cancellable),
                              verify_done_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer data)
{
  TxAuditView *self = data;

  self->refresh_id = 0;
  tx_audit_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (TxAuditView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
filters_changed_cb (TxAuditView *self)
{
  if (!self->populating)
    queue_refresh (self);
}

/* Entries are written by every action: the list follows while it shows */
static void
store_changed_cb (TxAuditView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_refresh (self);
  else
    self->stale = TRUE;
}

static void
tx_audit_view_map (GtkWidget *widget)
{
  TxAuditView *self = TX_AUDIT_VIEW (widget);

  GTK_WIDGET_CLASS (tx_audit_view_parent_class)->map (widget);
  if (self->stale)
    tx_audit_view_refresh (self);
}

/* Printing */

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                TxAuditView       *self)
{
  gtk_print_operation_set_n_pages (op, tx_paged_list_get_n_pages (self->print_list));
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page,
              TxAuditView       *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double sx = gtk_print_context_get_width (context) / TX_PAGED_LIST_PAGE_WIDTH;
  double sy = gtk_print_context_get_height (context) / TX_PAGED_LIST_PAGE_HEIGHT;

  cairo_scale (cr, MIN (sx, sy), MIN (sx, sy));
  tx_paged_list_draw_page (self->print_list, cr, page + 1);
}

/* The print as an entry of the trail, on the service's thread */
static gpointer
audit_print_job (TxStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "what", "audit");
  json_object_set_int_member (detail, "count", GPOINTER_TO_UINT (data));
  return tx_store_audit (store, "print", NULL, detail, error) ? TX_STORE_JOB_DONE : NULL;
}

static void
audit_print_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TxAuditView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!tx_store_service_run_finish_boolean (TX_STORE_SERVICE (source), result, &error))
    {
      /* Translators: a print of the audit trail that could not be written into it */
      g_autofree char *text = g_strdup_printf (_("The audit trail was printed, but the print is not in it: "
                                                 "%s"), tx_gui_error_text (error));
      toast (self, text);
    }
}

/* Sends the laid-out list to the print dialog, or into @export_filename */
static void
run_print (TxAuditView *self,
           const char  *export_filename)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (op, _("Audit trail"));
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (export_filename)
    {
      gtk_print_operation_set_export_filename (op, export_filename);
      result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
    }
  else
    result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      self->busy++;
      tx_store_service_run_async (self->service, audit_print_job,
                                  GUINT_TO_POINTER (tx_paged_list_get_n_rows (self->print_list)), NULL, NULL,
                                  NULL, audit_print_done_cb, g_object_ref (self));
    }
  g_clear_pointer (&self->print_list, tx_paged_list_free);
}

static void
print_laid_out_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TxAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_filename = g_object_steal_data (G_OBJECT (self), "export-filename");
  TxPagedList *list = tx_audit_list_new_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  gtk_widget_set_sensitive (self->print_button, TRUE);
  if (list == NULL)
    {
      if (!tx_gui_is_cancelled (error))
        toast (self, tx_gui_error_text (error));
      return;
    }
  self->print_list = list;
  run_print (self, export_filename);
}

/**
 * tx_audit_view_print:
 * @export_filename: (nullable): print into this PDF instead of asking
 *
 * Prints the entries the filters show, with the filters in the header,
 * once they have been laid out on the store's thread.
 */
void
tx_audit_view_print (TxAuditView *self,
                     const char  *export_filename)
{
  g_autofree char *child = NULL;
  g_autoptr(TxAuditQuery) q = NULL;
  g_autofree char *words = NULL;

  if (self->service == NULL || self->print_list)
    return;
  /* the list shows what the filters chose: a change not yet listed first */
  if (self->refresh_id)
    tx_audit_view_refresh (self);
  q = read_filters (self, &child);
  if (child)
    /* the children the latest listing found by the name typed */
    q->children = (const char *const *) (self->children ? g_strdupv (self->children) : g_new0 (char *, 1));
  words = filters_text (self, q, child);
  g_object_set_data_full (G_OBJECT (self), "export-filename", g_strdup (export_filename), g_free);
  gtk_widget_set_sensitive (self->print_button, FALSE);
  self->busy++;
  tx_audit_list_new_async (self->service, q, words, tx_gui_renew_cancellable (&self->print_cancellable),
                           print_laid_out_cb, g_object_ref (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tx_audit_view_print (TX_AUDIT_VIEW (widget), NULL);
}

/* Columns */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const char *(*get) (TxAuditItem *))
{
  TxAuditItem *entry = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), get (entry));
}

static void
add_columns (TxAuditView *self)
{
  static const struct {
    const char *title;
    const char *(*get) (TxAuditItem *);
    gboolean    expand;
  } columns[] = {
    { N_("Time"), tx_audit_item_get_time, FALSE },
    { N_("Person"), tx_audit_item_get_person, FALSE },
    { N_("What was done"), tx_audit_item_get_what, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (columns[i].expand));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) columns[i].get);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Object */

static void
tx_audit_view_dispose (GObject *object)
{
  TxAuditView *self = TX_AUDIT_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->verify_cancellable);
  g_cancellable_cancel (self->print_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->verify_cancellable);
  g_clear_object (&self->print_cancellable);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_AUDIT_VIEW);
  g_clear_pointer (&self->print_list, tx_paged_list_free);
  g_clear_pointer (&self->people, g_strfreev);
  g_clear_pointer (&self->children, g_strfreev);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (tx_audit_view_parent_class)->dispose (object);
}

static void
tx_audit_view_class_init (TxAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_audit_view_dispose;
  widget_class->map = tx_audit_view_map;

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, chain_icon);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, chain_label);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, print_button);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, child_entry);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TxAuditView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_install_action (widget_class, "audit.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "audit.print", NULL);
}

static void
tx_audit_view_init (TxAuditView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->populating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_groups); i++)
    gtk_string_list_append (kinds, _(kind_groups[i].label));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_string_list_append (people, _("Everyone"));
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (people));
  self->populating = FALSE;
  add_columns (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.print", FALSE);
}

/**
 * tx_audit_view_set_store:
 * @store: the main thread's store, which reads pages of entries
 * @service: the worker that finds them, checks the chain and writes prints
 */
void
tx_audit_view_set_store (TxAuditView    *self,
                         TxStore        *store,
                         TxStoreService *service)
{
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_clear_object (&self->model);
  self->model = tx_audit_model_new (store);
  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  }
  g_signal_connect_object (tx_store_get_monitor (store), "committed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tx_store_get_monitor (store), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* nothing to read for a person who may not: the window hides the view */
  if (tx_store_can (store, TX_PERMISSION_AUDIT))
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        tx_audit_view_refresh (self);
      else
        self->stale = TRUE;
    }
}

gboolean
tx_audit_view_is_busy (TxAuditView *self)
{
  return self->busy > 0 || self->refresh_id != 0 || self->print_list != NULL ||
         (self->model && !tx_audit_model_is_settled (self->model));
}

GListModel *
tx_audit_view_get_model (TxAuditView *self)
{
  return G_LIST_MODEL (self->model);
}

/* The widgets a test works: "person", "child", "kind", "from", "to", "print" */
GtkWidget *
tx_audit_view_get_widget (TxAuditView *self,
                          const char  *name)
{
  if (g_str_equal (name, "person"))
    return GTK_WIDGET (self->person_dropdown);
  if (g_str_equal (name, "child"))
    return GTK_WIDGET (self->child_entry);
  if (g_str_equal (name, "kind"))
    return GTK_WIDGET (self->kind_dropdown);
  if (g_str_equal (name, "from"))
    return GTK_WIDGET (self->from_entry);
  if (g_str_equal (name, "to"))
    return GTK_WIDGET (self->to_entry);
  if (g_str_equal (name, "print"))
    return self->print_button;
  g_return_val_if_reached (NULL);
}

const char *
tx_audit_view_get_chain_text (TxAuditView *self)
{
  return gtk_label_get_text (self->chain_label);
}
