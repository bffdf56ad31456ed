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
 *
 * GTK 4.8 keeps about two hundred rows realized from the top, and builds or
 * destroys a row's widgets as soon as the row is announced as added or
 * removed there: a result that shrinks from thousands of rows to three
 * would cost some 200 rows of eleven cells in one frame. So the part of a
 * change that falls in the first REALIZED positions is announced STEP rows
 * at a time, one step per turn of the main loop, while the rows on their
 * way out show nothing. Likewise only the first page of kept items shows
 * its new rows at once (it holds the rows on screen); the other kept pages
 * are brought up to date one per step, or when the list asks for one of
 * their items. n_items is what has been announced so far;
 * tx_roster_model_is_settled() says when it has caught up.
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
#define REALIZED  256   /* more than the rows GTK 4.8 keeps realized */
#define STEP      8     /* rows announced per turn of the main loop */

struct _TxRosterModel
{
  GObject      parent_instance;

  TxStore     *store;      /* the main thread's reader */
  GArray      *rowids;
  guint        shown;      /* rows announced: rowids->len once settled */
  guint        settle_id;  /* the idle that announces the next step */
  guint        stale;      /* bit p: kept page p still shows the last result */
  GHashTable  *pages;      /* page number → GPtrArray of TxRosterItem, from FRONT on */
  TxRosterItem *front[FRONT];  /* the items of the first rows, kept */
  GQueue       lru;        /* page numbers, most recent first */
  gboolean     reveal_ids;
  gboolean     changed;    /* the rows' contents changed since they were read */
  GDate        today;      /* the day the items' words were worked out on */
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
  return TX_ROSTER_MODEL (model)->shown;
}

static void
drop_pages (TxRosterModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

/* Where a child transferred away went, in words: the old township's copy
 * says so instead of a next visit (one indexed read, for those rows only) */
static char *
transferred_to (TxRosterModel    *self,
                const TxChildRow *row)
{
  g_autoptr(TxTransfer) t = NULL;
  const char *name;

  if (g_strcmp0 (row->register_state, TX_REGISTER_TRANSFERRED) != 0 ||
      !(t = tx_store_transfer_of_child (self->store, row->id)))
    return NULL;
  name = tx_division_name (t->to_township);
  return g_strdup (name ? name : t->to_township);
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
          g_autofree char *to = transferred_to (self, row);

          g_ptr_array_add (items, tx_roster_item_new (row, to, &self->today, self->reveal_ids));
          r++;
        }
      else
        {
          TxChildRow gone = { .rowid = ids[i], .id = (char *) "", .complete = TRUE, .eligible = TRUE };
          g_ptr_array_add (items, tx_roster_item_new (&gone, NULL, &self->today, FALSE));
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
      g_autofree char *to = NULL;

      if (row && row->rowid == rowid)
        r++;
      else
        row = &gone;
      to = transferred_to (self, row);
      if (self->front[p])
        tx_roster_item_set_row (self->front[p], row, to, &self->today, self->reveal_ids);
      else
        self->front[p] = tx_roster_item_new (row, to, &self->today, self->reveal_ids);
    }
}

/* One past the last kept item made so far */
static guint
front_filled (TxRosterModel *self)
{
  guint filled = 0;

  for (guint p = 0; p < FRONT; p++)
    if (self->front[p])
      filled = p + 1;
  return filled;
}

static void
fill_front (TxRosterModel *self,
            guint          position)
{
  guint start = position - position % PAGE_SIZE;

  self->stale &= ~(1u << (position / PAGE_SIZE));
  load_front (self, start, start + PAGE_SIZE);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TxRosterModel *self = TX_ROSTER_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->shown)
    return NULL;
  /* a row on its way out */
  if (position >= self->rowids->len)
    {
      if (position < FRONT && self->front[position] == NULL)
        self->front[position] = tx_roster_item_new_blank ();
      return position < FRONT ? g_object_ref (self->front[position]) : tx_roster_item_new_blank ();
    }
  if (position < FRONT)
    {
      if (self->front[position] == NULL || (self->stale & (1u << (position / PAGE_SIZE))))
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

  g_clear_handle_id (&self->settle_id, g_source_remove);
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
/* Announces one step of the change towards rowids->len */
static void
announce_step (TxRosterModel *self)
{
  guint len = self->rowids->len;
  guint n;

  if (self->shown > len)
    {
      n = MIN (STEP, self->shown - len);
      self->shown -= n;
      for (guint p = self->shown; p < self->shown + n && p < FRONT; p++)
        g_clear_object (&self->front[p]);
      g_list_model_items_changed (G_LIST_MODEL (self), self->shown, n, 0);
    }
  else if (self->shown < len)
    {
      /* past the realized rows, the rest comes in one change */
      n = self->shown >= REALIZED ? len - self->shown : MIN (STEP, len - self->shown);
      self->shown += n;
      g_list_model_items_changed (G_LIST_MODEL (self), self->shown - n, 0, n);
    }
}

/* One page of kept items brought up to date, or else one announcement */
static void
settle_step (TxRosterModel *self)
{
  if (self->stale)
    fill_front (self, (guint) g_bit_nth_lsf (self->stale, -1) * PAGE_SIZE);
  else
    announce_step (self);
}

static gboolean
settle_cb (gpointer data)
{
  TxRosterModel *self = data;

  settle_step (self);
  if (!tx_roster_model_is_settled (self))
    return G_SOURCE_CONTINUE;
  self->settle_id = 0;
  return G_SOURCE_REMOVE;
}

/* Reads every row shown again, in place: the list keeps its rows, its
 * scroll and its selection */
static void
reload (TxRosterModel *self)
{
  self->changed = FALSE;
  tx_date_today (&self->today);
  drop_pages (self);
  self->stale = 0;
  load_front (self, 0, MIN (front_filled (self), self->rowids->len));
  if (self->shown > FRONT)
    g_list_model_items_changed (G_LIST_MODEL (self), FRONT, self->shown - FRONT,
                                self->shown - FRONT);
}

/**
 * tx_roster_model_has_rowids:
 *
 * Returns: whether the model holds exactly these rows, in this order
 */
gboolean
tx_roster_model_has_rowids (TxRosterModel *self,
                            GArray        *rowids)
{
  guint n = self->rowids->len;

  return self->shown == n && rowids->len == n &&
         (n == 0 || memcmp (self->rowids->data, rowids->data, n * sizeof (gint64)) == 0);
}

/**
 * tx_roster_model_set_rowids:
 * @rowids: (transfer none) (element-type gint64): the rows in order
 *
 * Replaces the contents. The rows that stay in place show their new
 * children at once; what the list gains or loses near the top is announced
 * in steps (see the top of this file).
 */
void
tx_roster_model_set_rowids (TxRosterModel *self,
                            GArray        *rowids)
{
  guint old = self->shown;
  guint len = rowids->len;
  guint filled = 0;
  GDate today;

  /* the same rows again (another keystroke that matches the same children,
   * or a save that changed a child but not the list): read again in place
   * if their data changed or the day did (their words say "overdue") */
  tx_date_today (&today);
  if (g_date_compare (&today, &self->today) != 0)
    self->changed = TRUE;
  if (tx_roster_model_has_rowids (self, rowids))
    {
      g_array_unref (self->rowids);
      self->rowids = g_array_ref (rowids);
      if (self->changed)
        reload (self);
      return;
    }
  self->changed = FALSE;

  g_array_unref (self->rowids);
  self->rowids = g_array_ref (rowids);
  drop_pages (self);
  tx_date_today (&self->today);

  /* the kept items show the new first rows in place (the first page now,
   * the others step by step), and nothing where the new result ends before
   * the rows still shown */
  filled = front_filled (self);
  self->stale = 0;
  load_front (self, 0, MIN (MIN (filled, len), PAGE_SIZE));
  for (guint page = 1; page * PAGE_SIZE < MIN (filled, len); page++)
    self->stale |= 1u << page;
  for (guint p = len; p < FRONT; p++)
    {
      if (p >= old)
        g_clear_object (&self->front[p]);
      else if (self->front[p])
        tx_roster_item_clear (self->front[p]);
    }

  /* Past the kept items: a change GTK hears of at once. It holds no row
   * the list tracks as long as the view shows the top, so GTK does not look
   * for one among all the added items. */
  if (old > FRONT && len > FRONT)
    {
      self->shown = len;
      g_list_model_items_changed (G_LIST_MODEL (self), FRONT, old - FRONT, len - FRONT);
    }
  else if (old > MAX (len, REALIZED))
    {
      /* rows that are not realized go at once, the rest in steps */
      guint cut = MAX (len, REALIZED);

      for (guint p = cut; p < FRONT; p++)
        g_clear_object (&self->front[p]);
      self->shown = cut;
      g_list_model_items_changed (G_LIST_MODEL (self), cut, old - cut, 0);
    }

  if (!tx_roster_model_is_settled (self))
    {
      /* an announcement now, so that the frame after a keystroke shows it */
      announce_step (self);
      if (!tx_roster_model_is_settled (self) && self->settle_id == 0)
        self->settle_id = g_idle_add (settle_cb, self);
    }
  else
    g_clear_handle_id (&self->settle_id, g_source_remove);
}

/**
 * tx_roster_model_invalidate:
 *
 * Says the children's data changed (a save, a visit, an import): the next
 * tx_roster_model_set_rowids() reads the rows again even when the list
 * holds the same children, in place, keeping the scroll and the selection.
 */
void
tx_roster_model_invalidate (TxRosterModel *self)
{
  self->changed = TRUE;
}

/**
 * tx_roster_model_is_settled:
 *
 * Returns: whether the list has been told of every row of the last change
 */
gboolean
tx_roster_model_is_settled (TxRosterModel *self)
{
  return self->shown == self->rowids->len && self->stale == 0;
}

void
tx_roster_model_set_reveal_ids (TxRosterModel *self,
                                gboolean       reveal)
{
  if (self->reveal_ids == !!reveal)
    return;
  self->reveal_ids = !!reveal;
  reload (self);
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
