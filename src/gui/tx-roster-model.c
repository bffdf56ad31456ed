/* tx-roster-model.c — a list model that pages the roster from SQLite
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model holds the row ids of the current search in order (8 bytes a
 * child, worked out on the store service's thread) and reads rows a page at
 * a time when the list asks for them: a page of 64 rows by row id takes well
 * under a millisecond. A few recent pages are kept; nothing else is.
 *
 * The items of the first FRONT positions are kept for good and show the
 * new rows when a search changes (TxRosterItem::changed), so GTK keeps their
 * row widgets: building a few hundred rows of nine cells anew for every
 * keystroke is what made typing stall. Only the rest of the list is
 * announced as removed and added.
 */

#define G_LOG_DOMAIN "tx-roster-model"

#include "config.h"

#include <string.h>

#include "tx-core.h"
#include "tx-roster-item.h"
#include "tx-roster-model.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32
#define FRONT     512   /* a multiple of PAGE_SIZE */

struct _TxRosterModel
{
  GObject      parent_instance;

  TxStore     *store;      /* the main thread's reader */
  GArray      *rowids;
  GHashTable  *pages;      /* page number → GPtrArray of TxRosterItem, from FRONT on */
  TxRosterItem *front[FRONT];  /* the items of the first rows, kept */
  GQueue       lru;        /* page numbers, most recent first */
  gboolean     reveal_ids;
  GDate        today;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxRosterModel, tx_roster_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return TX_TYPE_ROSTER_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return TX_ROSTER_MODEL (model)->rowids->len;
}

static void
drop_pages (TxRosterModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static GPtrArray *
load_page (TxRosterModel *self,
           guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *items;
  guint start = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->rowids->len - start);
  const gint64 *ids = &g_array_index (self->rowids, gint64, start);
  guint r = 0;

  rows = tx_store_child_rows_by_rowid (self->store, ids, n, &error);
  if (rows == NULL)
    {
      g_warning ("Reading a page of the roster failed: %s", error->message);
      rows = g_ptr_array_new ();
    }

  /* a row deleted since the ids were read leaves an empty item in its place */
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      TxChildRow *row = r < rows->len ? rows->pdata[r] : NULL;

      if (row && row->rowid == ids[i])
        {
          g_ptr_array_add (items, tx_roster_item_new (row, &self->today, self->reveal_ids));
          r++;
        }
      else
        {
          TxChildRow gone = { .rowid = ids[i], .id = (char *) "", .complete = TRUE, .eligible = TRUE };
          g_ptr_array_add (items, tx_roster_item_new (&gone, &self->today, FALSE));
        }
    }

  if (g_queue_get_length (&self->lru) >= MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  return items;
}

/* Makes or refreshes the kept items of the page holding @position, and with
 * @all the whole front, from the current rows */
static void
load_front (TxRosterModel *self,
            guint          start,
            guint          end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint r = 0;

  end = MIN (end, self->rowids->len);
  if (start >= end)
    return;
  rows = tx_store_child_rows_by_rowid (self->store, &g_array_index (self->rowids, gint64, start),
                                       end - start, &error);
  if (rows == NULL)
    {
      g_warning ("Reading the roster failed: %s", error->message);
      rows = g_ptr_array_new ();
    }
  for (guint p = start; p < end; p++)
    {
      gint64 rowid = g_array_index (self->rowids, gint64, p);
      TxChildRow *row = r < rows->len ? rows->pdata[r] : NULL;
      TxChildRow gone = { .rowid = rowid, .id = (char *) "", .complete = TRUE, .eligible = TRUE };

      if (row && row->rowid == rowid)
        r++;
      else
        row = &gone;
      if (self->front[p])
        tx_roster_item_set_row (self->front[p], row, &self->today, self->reveal_ids);
      else
        self->front[p] = tx_roster_item_new (row, &self->today, self->reveal_ids);
    }
}

static void
fill_front (TxRosterModel *self,
            guint          position)
{
  guint start = position - position % PAGE_SIZE;

  load_front (self, start, start + PAGE_SIZE);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TxRosterModel *self = TX_ROSTER_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->rowids->len)
    return NULL;
  if (position < FRONT)
    {
      if (self->front[position] == NULL)
        fill_front (self, position);
      return g_object_ref (self->front[position]);
    }
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = load_page (self, page);
  else if (g_queue_peek_head (&self->lru) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
    }
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
tx_roster_model_finalize (GObject *object)
{
  TxRosterModel *self = TX_ROSTER_MODEL (object);

  drop_pages (self);
  for (guint i = 0; i < FRONT; i++)
    g_clear_object (&self->front[i]);
  g_hash_table_unref (self->pages);
  g_array_unref (self->rowids);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tx_roster_model_parent_class)->finalize (object);
}

static void
tx_roster_model_class_init (TxRosterModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_roster_model_finalize;
}

static void
tx_roster_model_init (TxRosterModel *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
  tx_date_today (&self->today);
}

/**
 * tx_roster_model_new:
 * @store: a store read on the main thread
 *
 * Returns: (transfer full): an empty model
 */
TxRosterModel *
tx_roster_model_new (TxStore *store)
{
  TxRosterModel *self = g_object_new (TX_TYPE_ROSTER_MODEL, NULL);

  self->store = g_object_ref (store);
  return self;
}

/**
 * tx_roster_model_set_rowids:
 * @rowids: (transfer none) (element-type gint64): the rows in order
 *
 * Replaces the contents, announced in one change.
 */
void
tx_roster_model_set_rowids (TxRosterModel *self,
                            GArray        *rowids)
{
  guint old = self->rowids->len;
  guint keep, filled = 0;

  /* the same rows again (another keystroke that matches the same children) */
  if (old == rowids->len &&
      (old == 0 || memcmp (self->rowids->data, rowids->data, old * sizeof (gint64)) == 0))
    {
      g_array_unref (self->rowids);
      self->rowids = g_array_ref (rowids);
      return;
    }

  g_array_unref (self->rowids);
  self->rowids = g_array_ref (rowids);
  drop_pages (self);
  tx_date_today (&self->today);

  /* the kept items show the new first rows in place; kept items past the
   * new end are let go */
  keep = MIN (MIN (old, rowids->len), FRONT);
  for (guint p = 0; p < FRONT; p++)
    if (self->front[p])
      filled = p + 1;
  load_front (self, 0, MIN (filled, rowids->len));
  for (guint p = rowids->len; p < FRONT; p++)
    g_clear_object (&self->front[p]);

  /* the rest is a change GTK hears of; it holds no row the list tracks as
   * long as the view shows the top, so GTK does not look for one among
   * all the added items */
  if (old > keep || rowids->len > keep)
    g_list_model_items_changed (G_LIST_MODEL (self), keep, old - keep, rowids->len - keep);
}

void
tx_roster_model_set_reveal_ids (TxRosterModel *self,
                                gboolean       reveal)
{
  if (self->reveal_ids == !!reveal)
    return;
  self->reveal_ids = !!reveal;
  drop_pages (self);
  {
    guint filled = 0;
    for (guint p = 0; p < FRONT; p++)
      if (self->front[p])
        filled = p + 1;
    load_front (self, 0, filled);
  }
  if (self->rowids->len > FRONT)
    g_list_model_items_changed (G_LIST_MODEL (self), FRONT, self->rowids->len - FRONT,
                                self->rowids->len - FRONT);
}

gboolean
tx_roster_model_get_reveal_ids (TxRosterModel *self)
{
  return self->reveal_ids;
}

/* For tests and benchmarks: how many pages are held */
guint
tx_roster_model_get_cached_pages (TxRosterModel *self)
{
  guint front = 0;

  for (guint p = 0; p < FRONT; p++)
    front += self->front[p] != NULL;
  return g_hash_table_size (self->pages) + (front + PAGE_SIZE - 1) / PAGE_SIZE;
}

/**
 * tx_roster_model_find_rowid:
 *
 * Returns: the position of the row, or -1
 */
int
tx_roster_model_find_rowid (TxRosterModel *self,
                            gint64         rowid)
{
  for (guint i = 0; i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return i;
  return -1;
}
