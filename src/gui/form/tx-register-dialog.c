/* tx-register-dialog.c — recording a child's exit, reopening, or transfer
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for the three changes of a child's place on the register the
 * form's menu offers; each shows only its own inputs. The change is written
 * on the store service's thread. When the store refuses (an urgent case
 * still open, a date in the future, a note missing), its message shows in
 * the dialog, which stays open with everything as typed.
 */

#define G_LOG_DOMAIN "tx-register-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-register-dialog.h"

struct _TxRegisterDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *apply_button;
  GtkWidget            *message_label;
  GtkWidget            *intro_label;
  GtkWidget            *township_box;
  GtkWidget            *township_dropdown;
  GtkWidget            *reason_box;
  GtkWidget            *reason_dropdown;
  GtkWidget            *transfer_line;
  GtkWidget            *transfer_button;
  GtkWidget            *date_box;
  GtkWidget            *date_label;
  GtkWidget            *date_entry;
  GtkWidget            *note_box;
  GtkWidget            *note_label;
  GtkWidget            *note_entry;
  GtkWidget            *note_hint;

  /* Owned */
  TxStore              *store;
  TxStoreService       *service;
  char                 *child_id;
  char                 *child_name;
  GPtrArray            *reasons;    /* the codes of the reason drop-down, NULL first */
  GPtrArray            *townships;  /* the codes of the township drop-down, NULL first */

  TxRegisterDialogKind  kind;
  gboolean              busy;
  gboolean              closed;
};

G_DEFINE_FINAL_TYPE (TxRegisterDialog, tx_register_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  TRANSFER_INSTEAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (TxRegisterDialog *self,
              const char       *text)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), text ? text : "");
  gtk_widget_set_visible (self->message_label, text != NULL);
}

static const char *
code_at (GPtrArray *codes,
         GtkWidget *dropdown)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  return codes && pos != GTK_INVALID_LIST_POSITION && pos < codes->len ? codes->pdata[pos] : NULL;
}

/* A choice of codes shown by their names, "—" (none chosen) first */
static GPtrArray *
fill_choices (GtkWidget          *dropdown,
              const char *const  *codes,
              const char *const  *names,
              guint               n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (list, "—");
  g_ptr_array_add (kept, NULL);
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (list, names[i]);
      g_ptr_array_add (kept, g_strdup (codes[i]));
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  return kept;
}

/* The reasons a person records: ageing out is the rule's, and a move
 * within the county is a transfer, offered on the line below */
static void
fill_reasons (TxRegisterDialog *self)
{
  const char *const *all = tx_exit_reasons ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; all[i]; i++)
    if (!g_str_equal (all[i], TX_EXIT_AGED_OUT) && !g_str_equal (all[i], TX_EXIT_TRANSFERRED))
      {
        g_ptr_array_add (codes, (gpointer) all[i]);
        g_ptr_array_add (names, (gpointer) tx_exit_reason_label (all[i]));
      }
  self->reasons = fill_choices (self->reason_dropdown, (const char *const *) codes->pdata,
                                (const char *const *) names->pdata, codes->len);
}

/* The other townships of the county: at a township office all but its
 * own, at the county office all but the child's */
static void
fill_townships (TxRegisterDialog *self,
                const TxRecord   *child)
{
  g_autofree char *county = tx_store_get_setting (self->store, TX_SETTING_COUNTY);
  g_autofree char *own = tx_store_get_setting (self->store, TX_SETTING_TOWNSHIP);
  g_autoptr(GPtrArray) all = tx_division_children (county);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *residence = tx_record_get_key (child, "residence_division");
  g_autofree char *from = own ? g_strdup (own)
                              : residence && strlen (residence) >= 9 ? g_strndup (residence, 9) : NULL;

  for (guint i = 0; all && i < all->len; i++)
    {
      const TxDivision *d = all->pdata[i];
      if (g_strcmp0 (d->code, from) == 0)
        continue;
      g_ptr_array_add (codes, (gpointer) d->code);
      g_ptr_array_add (names, d->name);
    }
  self->townships = fill_choices (self->township_dropdown, (const char *const *) codes->pdata,
                                  (const char *const *) names->pdata, codes->len);
  tx_gui_dropdown_set_searchable (GTK_DROP_DOWN (self->township_dropdown));
}

static void
update_note_hint_cb (TxRegisterDialog *self)
{
  const char *reason = code_at (self->reasons, self->reason_dropdown);

  if (self->kind != TX_REGISTER_DIALOG_EXIT)
    return;
  gtk_label_set_text_with_mnemonic (GTK_LABEL (self->note_label),
                                    g_strcmp0 (reason, TX_EXIT_OTHER) == 0 ? _("_Note (required)") : _("_Note"));
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxRegisterDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.apply", TRUE);
  if (!tx_store_service_change_register_finish (TX_STORE_SERVICE (source), result, &error))
    {
      /* what was typed stays, to be corrected; the store's message on an
       * urgent case names the command that closes it, the window says
       * where in the window */
      if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_URGENT_OPEN))
        {
          g_autofree char *text = g_strdup_printf (_("An urgent case of %s is still open. A child in danger stays "
                                                     "on the register until the case is settled: close it with "
                                                     "what was done (Close Case, in the urgent cases of the Visits "
                                                     "view, Alt+2), then try again."),
                                                   self->child_name ? self->child_name : "?");
          show_message (self, text);
        }
      else
        show_message (self, tx_gui_error_text (error));
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
  if (!self->closed)
    gtk_window_close (GTK_WINDOW (self));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TxRegisterDialog *self = TX_REGISTER_DIALOG (widget);
  static const TxRegisterChangeKind kinds[] = {
    [TX_REGISTER_DIALOG_EXIT] = TX_REGISTER_CHANGE_EXIT,
    [TX_REGISTER_DIALOG_REOPEN] = TX_REGISTER_CHANGE_REOPEN,
    [TX_REGISTER_DIALOG_TRANSFER] = TX_REGISTER_CHANGE_TRANSFER,
  };
  g_autoptr(TxRegisterChange) change = NULL;
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));

  if (self->busy)
    return;
  show_message (self, NULL);
  change = tx_register_change_new (kinds[self->kind], self->child_id);
  change->note = *note ? g_strdup (note) : NULL;
  if (self->kind != TX_REGISTER_DIALOG_REOPEN)
    change->date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  if (self->kind == TX_REGISTER_DIALOG_EXIT)
    {
      change->reason = g_strdup (code_at (self->reasons, self->reason_dropdown));
      if (change->reason == NULL)
        {
          show_message (self, _("Choose the reason the child leaves the register, then record the exit."));
          gtk_widget_grab_focus (self->reason_dropdown);
          return;
        }
    }
  if (self->kind == TX_REGISTER_DIALOG_TRANSFER)
    {
      change->township = g_strdup (code_at (self->townships, self->township_dropdown));
      if (change->township == NULL)
        {
          show_message (self, _("Choose the township the child moved to, then transfer."));
          gtk_widget_grab_focus (self->township_dropdown);
          return;
        }
    }
  self->busy = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.apply", FALSE);
  tx_store_service_change_register_async (self->service, g_steal_pointer (&change), NULL, change_done_cb,
                                          g_object_ref (self));
}

static void
transfer_instead_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TxRegisterDialog *self = TX_REGISTER_DIALOG (widget);

  g_signal_emit (self, signals[TRANSFER_INSTEAD], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
tx_register_dialog_close_request (GtkWindow *window)
{
  TX_REGISTER_DIALOG (window)->closed = TRUE;
  return GTK_WINDOW_CLASS (tx_register_dialog_parent_class)->close_request (window);
}

static void
tx_register_dialog_dispose (GObject *object)
{
  TxRegisterDialog *self = TX_REGISTER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_REGISTER_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->child_name, g_free);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->townships, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_register_dialog_parent_class)->dispose (object);
}

static void
tx_register_dialog_class_init (TxRegisterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tx_register_dialog_dispose;
  window_class->close_request = tx_register_dialog_close_request;

  /* the change was written: the record is to be read again */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* an exit that is a move within the county: transfer the child instead */
  signals[TRANSFER_INSTEAD] = g_signal_new ("transfer-instead", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-register-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TxRegisterDialog, name)
  BIND (window_title);
  BIND (apply_button);
  BIND (message_label);
  BIND (intro_label);
  BIND (township_box);
  BIND (township_dropdown);
  BIND (reason_box);
  BIND (reason_dropdown);
  BIND (transfer_line);
  BIND (transfer_button);
  BIND (date_box);
  BIND (date_label);
  BIND (date_entry);
  BIND (note_box);
  BIND (note_label);
  BIND (note_entry);
  BIND (note_hint);
#undef BIND

  gtk_widget_class_install_action (widget_class, "register.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "register.transfer-instead", NULL, transfer_instead_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_register_dialog_init (TxRegisterDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->reason_dropdown, "notify::selected", G_CALLBACK (update_note_hint_cb), self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->note_hint, NULL, -1);
}

/* What each kind of dialog says and asks */
static void
set_up_kind (TxRegisterDialog *self,
             const TxRecord   *child,
             gboolean          at_county)
{
  const char *name = tx_record_get_key (child, "name");
  g_autofree char *intro = NULL;
  const char *title = NULL, *apply = NULL, *hint = NULL;
  GtkWidget *first = NULL;

  name = name ? name : "?";
  switch (self->kind)
    {
    case TX_REGISTER_DIALOG_EXIT:
      title = _("Record an Exit");
      apply = _("Record _Exit");
      intro = g_strdup_printf (_("%s leaves the active register: the record, its visits and its history "
                                 "are kept, and it can be reopened."), name);
      gtk_label_set_text_with_mnemonic (GTK_LABEL (self->date_label), _("_Date of the exit"));
      hint = _("Required when the reason is “Other”: say what happened.");
      fill_reasons (self);
      first = self->reason_dropdown;
      break;
    case TX_REGISTER_DIALOG_REOPEN:
      title = _("Reopen the Record");
      apply = _("_Reopen");
      intro = g_strdup_printf (_("%s comes back on the register from today; home visits are scheduled "
                                 "again from today."), name);
      gtk_label_set_text_with_mnemonic (GTK_LABEL (self->note_label), _("_Note (required)"));
      hint = _("Why the child is back: came back to live here, or the exit was a mistake.");
      first = self->note_entry;
      break;
    case TX_REGISTER_DIALOG_TRANSFER:
      title = _("Transfer to Another Township");
      apply = _("Trans_fer");
      intro = at_county
              ? g_strdup_printf (_("%s is assigned to the new township at once; it receives the whole record "
                                   "with its history in its next bundle."), name)
              : g_strdup_printf (_("The county assigns %s to the new township, which receives the whole record "
                                   "with its history. The copy here is kept, read-only, for the records."), name);
      gtk_label_set_text_with_mnemonic (GTK_LABEL (self->date_label), _("_Date of the move"));
      gtk_label_set_text_with_mnemonic (GTK_LABEL (self->note_label), _("_Note"));
      fill_townships (self, child);
      first = self->township_dropdown;
      break;
    }
  update_note_hint_cb (self);
  gtk_widget_set_visible (self->reason_box, self->kind == TX_REGISTER_DIALOG_EXIT);
  gtk_widget_set_visible (self->township_box, self->kind == TX_REGISTER_DIALOG_TRANSFER);
  gtk_widget_set_visible (self->date_box, self->kind != TX_REGISTER_DIALOG_REOPEN);
  gtk_label_set_text (GTK_LABEL (self->note_hint), hint ? hint : "");
  gtk_widget_set_visible (self->note_hint, hint != NULL);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_button_set_label (GTK_BUTTON (self->apply_button), apply);
  gtk_label_set_text (GTK_LABEL (self->intro_label), intro);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->apply_button);
  gtk_widget_grab_focus (first);
}

/**
 * tx_register_dialog_new:
 * @child: the child, as stored
 * @kind: an exit, a reopening or a transfer
 *
 * The dialog for one change of @child's place on the register. It emits
 * "done" once the change is written, and closes.
 *
 * Returns: (transfer none): the dialog, not shown yet; GTK holds it until
 *   it is closed
 */
TxRegisterDialog *
tx_register_dialog_new (GtkWindow            *parent,
                        TxStore              *store,
                        TxStoreService       *service,
                        const TxRecord       *child,
                        TxRegisterDialogKind  kind)
{
  TxRegisterDialog *self = g_object_new (TX_TYPE_REGISTER_DIALOG, "transient-for", parent, NULL);
  g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  g_autofree char *today = NULL;
  GDate d;

  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  self->child_id = g_strdup (child->id);
  self->child_name = g_strdup (tx_record_get_key (child, "name"));
  self->kind = kind;
  tx_date_today (&d);
  today = tx_date_format (&d);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  set_up_kind (self, child, township == NULL);
  return self;
}

TxRegisterDialogKind
tx_register_dialog_get_kind (TxRegisterDialog *self)
{
  return self->kind;
}

/**
 * tx_register_dialog_take_typing:
 * @from: the dialog the person started in (an exit that turned out to be
 *   a move within the county)
 *
 * Carries over the date and the note typed in @from.
 */
void
tx_register_dialog_take_typing (TxRegisterDialog *self,
                                TxRegisterDialog *from)
{
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), gtk_editable_get_text (GTK_EDITABLE (from->date_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), gtk_editable_get_text (GTK_EDITABLE (from->note_entry)));
}

const char *
tx_register_dialog_get_child_id (TxRegisterDialog *self)
{
  return self->child_id;
}

GtkWidget *
tx_register_dialog_get_reason (TxRegisterDialog *self)
{
  return self->reason_dropdown;
}

GtkWidget *
tx_register_dialog_get_date (TxRegisterDialog *self)
{
  return self->date_entry;
}

GtkWidget *
tx_register_dialog_get_township (TxRegisterDialog *self)
{
  return self->township_dropdown;
}

GtkWidget *
tx_register_dialog_get_note (TxRegisterDialog *self)
{
  return self->note_entry;
}

GtkWidget *
tx_register_dialog_get_message (TxRegisterDialog *self)
{
  return self->message_label;
}

GtkWidget *
tx_register_dialog_get_transfer_button (TxRegisterDialog *self)
{
  return self->transfer_button;
}

/* The code of the item at @position of the reason drop-down, NULL for none */
const char *
tx_register_dialog_reason_code (TxRegisterDialog *self,
                                guint             position)
{
  return self->reasons && position < self->reasons->len ? self->reasons->pdata[position] : NULL;
}

const char *
tx_register_dialog_township_code (TxRegisterDialog *self,
                                  guint             position)
{
  return self->townships && position < self->townships->len ? self->townships->pdata[position] : NULL;
}
