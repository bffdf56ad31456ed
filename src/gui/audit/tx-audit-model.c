/* tx-audit-model.c — a list model that pages the audit trail from SQLite
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the roster's model does: the sequence numbers of the entries the
 * filters chose are worked out on the store service's thread (8 bytes an
 * entry: 800 kB for a trail of 100,000), and the entries are read a page
 * at a time by number when the list asks for them, and put in words then
 * (the child named as the record reads now). A few recent pages are kept;
 * nothing else is.
 */

#define G_LOG_DOMAIN "tx-audit-view"

#include "config.h"

#include "tx-core.h"
#include "tx-audit-model.h"

#define PAGE_SIZE 64
#define MAX_PAGES 16
#define REALIZED  256   /* more than the rows GTK 4.8 keeps realized */
#define FIRST_STEP 16   /* rows announced per turn of the main loop among those */
#define STEP      4096  /* rows announced per turn after them */

/* An entry of the trail in words */

struct _TxAuditItem
{
  GObject  parent_instance;

  gint64   seq;
  char    *time;
  char    *person;
  char    *what;
};

G_DEFINE_FINAL_TYPE (TxAuditItem, tx_audit_item, G_TYPE_OBJECT)

static void
tx_audit_item_finalize (GObject *object)
{
  TxAuditItem *self = TX_AUDIT_ITEM (object);

  g_free (self->time);
  g_free (self->person);
  g_free (self->what);
  G_OBJECT_CLASS (tx_audit_item_parent_class)->finalize (object);
}

static void
tx_audit_item_class_init (TxAuditItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_audit_item_finalize;
}

static void
tx_audit_item_init (TxAuditItem *self)
{
}

static TxAuditItem *
item_new (TxStore            *store,
          const TxAuditEntry *e)
{
  TxAuditItem *self = g_object_new (TX_TYPE_AUDIT_ITEM, NULL);

  self->seq = e->seq;
  self->time = tx_audit_entry_local_time (e);
  self->person = g_strdup (e->person && *e->person ? e->person : "—");
  self->what = tx_audit_entry_describe (store, e);
  return self;
}

gint64
tx_audit_item_get_seq (TxAuditItem *self)
{
  return self->seq;
}

const char *
tx_audit_item_get_time (TxAuditItem *self)
{
  return self->time;
}

const char *
tx_audit_item_get_person (TxAuditItem *self)
{
  return self->person;
}

const char *
tx_audit_item_get_what (TxAuditItem *self)
{
  return self->what;
}

/* The model */

struct _TxAuditModel
{
  GObject      parent_instance;

  TxStore     *store;   /* the main thread's reader */
  GArray      *seqs;
  guint        shown;   /* rows announced: seqs->len once settled */
  guint        settle_id;
  GHashTable  *pages;   /* page number → GPtrArray of TxAuditItem */
  GQueue       lru;     /* page numbers, most recent first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxAuditModel, tx_audit_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return TX_TYPE_AUDIT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return TX_AUDIT_MODEL (model)->shown;
}

static GPtrArray *
load_page (TxAuditModel *self,
           guint         page)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = page * PAGE_SIZE;
  guint end = MIN (first + PAGE_SIZE, self->seqs->len);

  for (guint i = first; i < end; i++)
    {
      g_autoptr(TxAuditEntry) e = tx_store_audit_get (self->store, g_array_index (self->seqs, gint64, i), NULL);
      TxAuditEntry gone = { .seq = g_array_index (self->seqs, gint64, i), .kind = (char *) "" };

      /* an entry cannot go, but a row must show something whatever happens */
      g_ptr_array_add (items, item_new (self->store, e ? e : &gone));
    }
  return items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TxAuditModel *self = TX_AUDIT_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->shown)
    return NULL;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
      if (g_queue_get_length (&self->lru) >= MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
    }
  else
    g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  return g_object_ref (items->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
tx_audit_model_finalize (GObject *object)
{
  TxAuditModel *self = TX_AUDIT_MODEL (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_object (&self->store);
  g_array_unref (self->seqs);
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->lru);
  G_OBJECT_CLASS (tx_audit_model_parent_class)->finalize (object);
}

static void
tx_audit_model_class_init (TxAuditModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_audit_model_finalize;
}

static void
tx_audit_model_init (TxAuditModel *self)
{
  self->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/**
 * tx_audit_model_new:
 * @store: the main thread's store, read a page at a time
 *
 * Returns: (transfer full): an empty model
 */
TxAuditModel *
tx_audit_model_new (TxStore *store)
{
  TxAuditModel *self = g_object_new (TX_TYPE_AUDIT_MODEL, NULL);

  self->store = g_object_ref (store);
  return self;
}

/* Announces the next rows: a few while GTK builds their widgets, many
 * once it only counts them */
static gboolean
settle_cb (gpointer data)
{
  TxAuditModel *self = data;
  guint from = self->shown;
  guint n = MIN (from < REALIZED ? FIRST_STEP : STEP, self->seqs->len - from);

  self->shown += n;
  g_list_model_items_changed (G_LIST_MODEL (self), from, 0, n);
  if (self->shown < self->seqs->len)
    return G_SOURCE_CONTINUE;
  self->settle_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * tx_audit_model_set_seqs:
 * @seqs: the numbers of the entries to list, in order
 *
 * Lists these entries from now on; the pages are read again as they are
 * asked for. The rows gone and the new ones are announced apart, the new
 * ones a step at a time, one step a turn of the main loop: GTK 4.8 looks
 * for the items of the rows it shows among those added in one change,
 * asking for each (a filter changed on a trail of 100,000 entries held the
 * window for seconds), and builds the widgets of the rows on screen as
 * soon as they are announced (the first REALIZED rows go FIRST_STEP at a
 * time, as the roster's model does).
 */
void
tx_audit_model_set_seqs (TxAuditModel *self,
                         GArray       *seqs)
{
  guint old = self->shown;

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  self->shown = 0;
  if (old)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  g_array_unref (self->seqs);
  self->seqs = g_array_ref (seqs);
  if (settle_cb (self))
    self->settle_id = g_idle_add (settle_cb, self);
}

/* Whether every row has been announced */
gboolean
tx_audit_model_is_settled (TxAuditModel *self)
{
  return self->shown == self->seqs->len;
}

/* How many pages of entries are kept: for tests */
guint
tx_audit_model_get_cached_pages (TxAuditModel *self)
{
  return g_hash_table_size (self->pages);
}
