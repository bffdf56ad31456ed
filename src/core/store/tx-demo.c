/* tx-demo.c — synthetic registrations for trying the product out
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same seed and the same date (TONGXING_TODAY) give the same children.
 * Every record goes through tx_store_child_add(), so the data obey the same
 * rules as what people type. Shares are rough figures of migrant children in
 * a northern county: most families moved for work, across provinces or from
 * the rest of the province; a few children have disabilities or illnesses;
 * one in ten or so is a key-care child. Over the last year some left the
 * register (about 2 % moved away, 1 % went back to their household's
 * place, a few no longer met the definition), recorded through
 * tx_store_child_exit() with a note; none with an urgent case still open.
 * At the end the ageing-out run takes off those past the age limit, as the
 * window does when it starts, so that the roster shows who is on the
 * register today. Visits stop when a child leaves.
 */

#define G_LOG_DOMAIN "tx-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-demo.h"
#include "tx-divisions.h"
#include "tx-idcard.h"
#include "tx-register.h"
#include "tx-schedule.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-register.h"
#include "tx-visit.h"

static const struct { const char *s; int w; } surnames[] = {
  { "王", 72 }, { "李", 72 }, { "张", 68 }, { "刘", 55 }, { "陈", 46 }, { "杨", 32 },
  { "黄", 24 }, { "赵", 22 }, { "吴", 21 }, { "周", 20 }, { "徐", 17 }, { "孙", 16 },
  { "马", 15 }, { "朱", 14 }, { "胡", 13 }, { "郭", 12 }, { "何", 11 }, { "高", 11 },
  { "林", 10 }, { "罗", 10 }, { "郑", 9 }, { "梁", 9 }, { "谢", 8 }, { "宋", 7 },
  { "唐", 7 }, { "许", 6 }, { "韩", 6 }, { "冯", 6 }, { "邓", 6 }, { "曹", 5 },
  { "彭", 5 }, { "曾", 5 }, { "肖", 5 }, { "田", 5 }, { "董", 4 }, { "于", 4 },
  { "金", 3 }, { "朴", 2 }, { "崔", 3 }, { "单", 1 }, { "欧阳", 1 }, { "司马", 1 },
};

static const char boy_chars[] = "浩宇轩然子涵博文俊杰明辉志强天佑一鸣梓睿泽晨皓阳思远家豪宏伟建军嘉懿奕辰";
static const char girl_chars[] = "欣怡梓涵诗雨佳琪静萱雅婷子晴梦瑶可馨思彤紫嫣丽娜晓燕秀英若曦一诺悦芊依";

/* children a transaction; a demo of up to this many is all or nothing */
#define DEMO_BATCH 10000

typedef struct {
  GRand     *rand;
  guint32    seed;
  guint32    uuids;      /* the uuids made so far: their time-ordered part */
  GPtrArray *chars_boy;
  GPtrArray *chars_girl;
  GPtrArray *villages;
  GPtrArray *other_province;
  GPtrArray *same_province;
  GPtrArray *same_city;
  GDate      today;
  int        surname_total;
  TxAgeLimits limits;
} Demo;

static GPtrArray *
split_chars (const char *s)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    g_ptr_array_add (a, g_strndup (p, g_utf8_next_char (p) - p));
  return a;
}

static int
rnd (Demo *d, int n)
{
  return g_rand_int_range (d->rand, 0, n);
}

static gboolean
chance (Demo *d, double p)
{
  return g_rand_double (d->rand) < p;
}

static gpointer
pick (Demo *d, GPtrArray *a)
{
  return a->pdata[rnd (d, a->len)];
}

/* Picks one of a NULL-terminated list of codes by weights in per cent */
static const char *
weighted (Demo *d, const char *const *codes, const int *weights)
{
  int r = rnd (d, 100), acc = 0;
  guint i;

  for (i = 0; codes[i + 1]; i++)
    {
      acc += weights[i];
      if (r < acc)
        return codes[i];
    }
  return codes[i];
}

#define W(...) (const int[]) { __VA_ARGS__ }
#define C(...) (const char *const[]) { __VA_ARGS__, NULL }

static char *
make_name (Demo *d, gboolean male)
{
  GString *s = g_string_new (NULL);
  int r = rnd (d, d->surname_total), acc = 0;
  GPtrArray *pool = male ? d->chars_boy : d->chars_girl;

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      acc += surnames[i].w;
      if (r < acc)
        {
          g_string_append (s, surnames[i].s);
          break;
        }
    }
  g_string_append (s, pick (d, pool));
  if (chance (d, 0.7))
    g_string_append (s, pick (d, pool));
  return g_string_free (s, FALSE);
}

/* The father's name: the child's surname with a given name of his own */
static char *
make_father_name (Demo *d, const char *child)
{
  g_autofree char *other = make_name (d, TRUE);
  const char *child_given = NULL, *other_given = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      if (!child_given && g_str_has_prefix (child, surnames[i].s))
        child_given = child + strlen (surnames[i].s);
      if (!other_given && g_str_has_prefix (other, surnames[i].s))
        other_given = other + strlen (surnames[i].s);
    }
  /* compound surnames are listed after the single ones they start with */
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    if (g_utf8_strlen (surnames[i].s, -1) == 2 && g_str_has_prefix (child, surnames[i].s))
      child_given = child + strlen (surnames[i].s);
  return g_strdup_printf ("%.*s%s", (int) (child_given - child), child, other_given);
}

static char *
make_id (Demo *d, const char *county, const GDate *birth, gboolean male)
{
  char buf[19];
  int seq = rnd (d, 500) * 2 + (male ? 1 : 0);

  g_snprintf (buf, sizeof buf, "%s%04u%02u%02u%03d", county, g_date_get_year (birth),
              g_date_get_month (birth), g_date_get_day (birth), seq);
  buf[17] = tx_id_check_digit (buf);
  buf[18] = 0;
  return g_strdup (buf);
}

static char *
make_mobile (Demo *d)
{
  static const char *const prefixes[] = { "130", "131", "132", "135", "136", "137", "138",
                                          "139", "150", "151", "152", "158", "159", "177",
                                          "180", "186", "187", "188", "189", "199" };
  return g_strdup_printf ("%s%08d", prefixes[rnd (d, G_N_ELEMENTS (prefixes))], rnd (d, 100000000));
}

static void
set (TxRecord *r, const char *key, const char *value)
{
  tx_record_set_key (r, key, value);
}

static void
take (TxRecord *r, const char *key, char *value)
{
  tx_record_take (r, tx_form_index (key), value);
}

static TxRecord *
make_child (Demo *d, const char *county, const char *township)
{
  TxRecord *r = tx_record_new ();
  gboolean male = chance (d, 0.53);
  int age = rnd (d, 16);
  GDate birth = d->today, reg = d->today, arrival;
  g_autofree char *name = make_name (d, male);
  const char *hukou;
  const char *school;
  int months_here;
  double roll = g_rand_double (d->rand);

  /* registered over the last two years (the action plans began in 2024),
   * so the older ones have two years of visits; born 0–15 years before */
  g_date_subtract_days (&reg, rnd (d, 730));
  birth = reg;
  g_date_subtract_years (&birth, age);
  g_date_subtract_days (&birth, rnd (d, 364) + 1);

  hukou = roll < 0.45 ? pick (d, d->other_province)
        : roll < 0.75 ? pick (d, d->same_province)
        : pick (d, d->same_city);

  /* most have been here for years; some arrived recently, some not yet six months ago */
  months_here = chance (d, 0.06) ? rnd (d, 6) : 6 + rnd (d, 1 + MIN (age * 12, 114));
  arrival = reg;
  g_date_subtract_months (&arrival, months_here);
  g_date_subtract_days (&arrival, rnd (d, 27));
  if (g_date_compare (&arrival, &birth) < 0)
    arrival = birth;

  take (r, "registration_date", tx_date_format (&reg));
  set (r, "child_category", chance (d, 0.04) ? "migrant,distressed" : "migrant");
  set (r, "name", name);
  set (r, "gender", male ? "male" : "female");
  set (r, "ethnicity", weighted (d, C ("01", "10", "11", "03", "02"), W (92, 3, 3, 1, 1)));
  take (r, "birth_date", tx_date_format (&birth));
  set (r, "id_type", "resident_id");
  take (r, "id_number", make_id (d, hukou, &birth, male));
  set (r, "hukou_registered", chance (d, 0.005) ? "no" : "yes");
  set (r, "hukou_division", hukou);
  {
    g_autofree char *place = tx_division_full_name (hukou);
    take (r, "hukou_address", g_strdup_printf ("%s%s村%d组", place, (const char *) pick (d, d->chars_boy), 1 + rnd (d, 9)));
  }
  {
    const TxDivision *v = pick (d, d->villages);
    set (r, "residence_division", v->code);
    take (r, "residence_address", g_strdup_printf ("%s%d号楼%d单元%d室", v->name, 1 + rnd (d, 30),
                                                   1 + rnd (d, 6), 101 + rnd (d, 6) * 100 + rnd (d, 4)));
  }
  take (r, "arrival_date", tx_date_format (&arrival));
  set (r, "accompanied_by", weighted (d, C ("both_parents", "father", "mother", "other_guardian"),
                                      W (72, 10, 12, 6)));
  take (r, "contact_phone", make_mobile (d));

  roll = g_rand_double (d->rand);
  if (roll < 0.02)
    {
      set (r, "health", "disabled");
      set (r, "disability_kind", weighted (d, C ("visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"),
                                           W (10, 15, 10, 30, 20, 10, 5)));
      set (r, "disability_grade", weighted (d, C ("1", "2", "3", "4"), W (15, 30, 30, 25)));
      set (r, "disability_certificate", chance (d, 0.8) ? "yes" : "no");
    }
  else if (roll < 0.05)
    {
      gboolean serious = chance (d, 0.3);
      set (r, "health", "ill");
      set (r, "illness", serious ? weighted (d, C ("白血病", "先天性心脏病", "肾病综合征"), W (40, 40, 20))
                                 : weighted (d, C ("哮喘", "过敏性鼻炎", "贫血"), W (50, 30, 20)));
      set (r, "serious_illness", serious ? "yes" : "no");
    }
  else
    set (r, "health", "healthy");

  if (age < 3)
    school = "home";
  else if (age < 6)
    school = chance (d, 0.88) ? "kindergarten" : "home";
  else if (age < 12)
    school = chance (d, 0.995) ? "primary" : "not_in_school";
  else if (age < 15)
    school = chance (d, 0.985) ? "junior" : "dropped_out";
  else
    school = weighted (d, C ("senior", "vocational", "junior", "dropped_out"), W (55, 30, 12, 3));
  set (r, "schooling", school);
  if (!g_str_equal (school, "home") && !g_str_equal (school, "not_in_school") &&
      !g_str_equal (school, "dropped_out"))
    {
      const char *kind = weighted (d, C ("public", "private_inclusive", "private", "purchased"), W (78, 12, 6, 4));
      static const char *const schools[] = { "实验", "第一", "第二", "第三", "育才", "阳光", "明德" };
      const char *suffix = g_str_equal (school, "kindergarten") ? "幼儿园"
                         : g_str_equal (school, "primary") ? "小学"
                         : g_str_equal (school, "junior") ? "中学"
                         : g_str_equal (school, "vocational") ? "职业技术学校" : "高级中学";
      take (r, "school_name", g_strdup_printf ("%s%s%s", tx_division_name (township),
                                               schools[rnd (d, G_N_ELEMENTS (schools))], suffix));
      set (r, "school_kind", kind);
      set (r, "boarding", chance (d, age >= 12 ? 0.3 : 0.03) ? "yes" : "no");
    }

  set (r, "child_permit", chance (d, 0.55) ? "issued" : "not_issued");
  set (r, "guardian_permit", chance (d, 0.75) ? "issued" : "not_issued");
  set (r, "health_managed", age > 6 ? (chance (d, 0.9) ? "not_applicable" : "yes")
                                    : (chance (d, 0.85) ? "yes" : "no"));
  set (r, "vaccination_card", chance (d, 0.96) ? "yes" : "no");
  set (r, "vaccination", weighted (d, C ("complete", "partial", "none", "unknown"), W (88, 8, 1, 3)));
  set (r, "vaccination_site", chance (d, 0.7) ? "社区卫生服务中心预防接种门诊" : NULL);
  set (r, "insurance", weighted (d, C ("residence", "hukou", "none"), W (52, 40, 8)));
  if (g_strcmp0 (tx_record_get_key (r, "insurance"), "hukou") == 0)
    set (r, "remote_care_filed", weighted (d, C ("filed", "not_filed", "not_applicable"), W (35, 45, 20)));
  set (r, "rehab", g_str_equal (tx_record_get_key (r, "health"), "disabled")
                   ? weighted (d, C ("receiving", "applied", "not_applied"), W (60, 20, 20))
                   : "not_applicable");

  {
    const char *acc = tx_record_get_key (r, "accompanied_by");
    gboolean single = chance (d, 0.07);
    gboolean father_away = g_str_equal (acc, "mother") || g_str_equal (acc, "other_guardian");
    gboolean mother_away = g_str_equal (acc, "father") || g_str_equal (acc, "other_guardian");
    const char *fam = single ? "single_parent" : weighted (d, C ("two_parent", "blended", "other"), W (94, 5, 1));
    g_autofree char *father = make_father_name (d, name);
    g_autofree char *mother = make_name (d, FALSE);

    set (r, "father_name", father);
    take (r, "father_phone", make_mobile (d));
    set (r, "father_work", weighted (d, C ("建筑工人", "快递员", "个体经营", "工厂工人", "司机", "厨师"), W (25, 15, 20, 20, 10, 10)));
    set (r, "father_lives_with_child", father_away ? "no" : "yes");
    set (r, "father_status", single && chance (d, 0.3) ? "deceased" : "normal");
    set (r, "mother_name", mother);
    take (r, "mother_phone", make_mobile (d));
    set (r, "mother_work", weighted (d, C ("服务员", "保洁员", "个体经营", "工厂工人", "家务", "超市收银员"), W (20, 15, 20, 20, 15, 10)));
    set (r, "mother_lives_with_child", mother_away ? "no" : "yes");
    set (r, "mother_status", "normal");
    if (g_str_equal (acc, "other_guardian"))
      {
        take (r, "other_guardian_name", make_name (d, chance (d, 0.5)));
        set (r, "other_guardian_relation", weighted (d, C ("grandparents", "maternal_grandparents", "relative", "non_relative"), W (55, 30, 13, 2)));
        take (r, "other_guardian_phone", make_mobile (d));
      }
    set (r, "family_structure", fam);
    set (r, "actual_guardian",
         g_str_equal (acc, "other_guardian") ? "grandparents"
         : g_str_equal (acc, "father") ? "father"
         : g_str_equal (acc, "mother") ? "mother" : "both_parents");
  }

  roll = g_rand_double (d->rand);
  if (roll < 0.72)
    set (r, "guardianship", "good");
  else if (roll < 0.97)
    {
      set (r, "guardianship", "average");
      if (chance (d, 0.12))
        set (r, "guardianship_problem", "insufficient");
    }
  else
    {
      set (r, "guardianship", "poor");
      set (r, "guardianship_problem", weighted (d, C ("insufficient", "improper", "absent", "abuse"), W (50, 30, 17, 3)));
    }

  set (r, "income", weighted (d, C ("wages", "business", "wages,government", "wages,relatives"), W (70, 20, 6, 4)));
  set (r, "living_difficulty", chance (d, 0.04) ? "yes" : "no");
  set (r, "support", g_str_equal (tx_record_get_key (r, "living_difficulty"), "yes")
                     ? weighted (d, C ("dibao", "temporary", "dibao,education"), W (50, 30, 20)) : "none");
  set (r, "housing", weighted (d, C ("rented", "owned", "dormitory", "borrowed", "other"), W (62, 20, 10, 7, 1)));
  if (chance (d, 0.01))
    set (r, "key_care_reasons", chance (d, 0.5) ? "psychological" : "asked_for_help");
  if (chance (d, 0.2))
    set (r, "needs", weighted (d, C ("education", "medical", "living", "psychological", "legal"), W (40, 20, 20, 15, 5)));
  set (r, "filler", "李春梅");
  set (r, "reviewer", "王建国");
  set (r, "unit_head", "赵志刚");
  (void) county;
  return r;
}

static const char *const living_notes[] = {
  "住房整洁，饮食起居正常", "租住两居室，生活用品齐全", "家中卫生一般，已提醒家长注意", "居住条件较差，已了解租金困难",
};
static const char *const guardianship_notes[] = {
  "父母照料尽心，作息规律", "父亲常加班，母亲照料", "由祖母照看，监护基本到位", "父母外出务工时间长，陪伴不足",
};
static const char *const schooling_notes[] = {
  "按时上学，成绩中等", "已入园，适应良好", "按程序接种，已核对接种证", "感冒已愈，按时复查",
};
static const char *const service_notes[] = {
  "告知城乡居民医保参保办法", "推荐参加社区四点半课堂", "发放安全教育资料", "介绍居住证办理流程",
};
static const char *const service_ids[] = {
  "school_enrolment", "family_education", "vaccination", "resident_insurance", "safety_education",
  "city_integration", "education_aid", "psychological_care",
};

/* A time-ordered UUID (the layout of version 7: 48 bits that grow, then
 * random bits) from the demo's seeded generator, so that a seed always
 * makes the same database: the seed and a counter stand for the time.
 * Visits and cases written one after the other then go to the end of the
 * uuid index instead of anywhere in it: at a million children the
 * index of ten million visits' uuids outgrew the page cache, and every
 * visit read and wrote a page of its own (issue #18) */
static char *
demo_uuid (Demo *d)
{
  guint64 ts = ((guint64) (d->seed & 0xffff) << 32) | d->uuids++;

  return g_strdup_printf ("%08x-%04x-7%03x-%x%03x-%08x%04x", (guint32) (ts >> 16), (guint32) (ts & 0xffff),
                          g_rand_int_range (d->rand, 0, 0x1000), 8 + g_rand_int_range (d->rand, 0, 4),
                          g_rand_int_range (d->rand, 0, 0x1000), g_rand_int (d->rand),
                          g_rand_int_range (d->rand, 0, 0x10000));
}

/* An urgent visit opens a case, as tx_store_visit_add() does; a supervisor
 * closed the older ones a week later with a note, the recent ones are open
 * and mark the child urgent */
static gboolean
open_urgent_case (Demo        *d,
                  TxStore     *store,
                  TxVisit     *v,
                  const GDate *at,
                  GError     **error)
{
  g_autofree char *case_id = demo_uuid (d);
  g_autofree char *opened = g_strdup_printf ("%sT10:30:00Z", v->date);
  g_autofree char *closed = NULL;
  gboolean open = g_date_days_between (at, &d->today) < 45;

  if (!open)
    {
      GDate c = *at;
      g_autofree char *day = NULL;

      g_date_add_days (&c, 7);
      day = tx_date_format (&c);
      closed = g_strdup_printf ("%sT09:00:00Z", day);
    }
  return tx_store_add_urgent_case (store, case_id, v, opened, closed, open ? NULL : "李春梅",
                                   open ? NULL : "已由亲属接回照料，社工每周电话跟进", error);
}

/* The child's visits since registration, about as often as the rules ask:
 * most are up to date, some fell behind (overdue), a few raised an urgent
 * situation that was reported to the police */
static gboolean
make_visits (Demo        *d,
             TxStore     *store,
             const char  *child,
             TxRecord    *r,
             const GDate *until,
             guint       *n_visits,
             GError     **error)
{
  static const char *const visitors[] = { "李春梅", "王建国", "张丽", "刘洪" };
  g_autofree char *last_home = NULL;
  TxScheduleSettings settings;
  GDate reg, at, stop;
  gboolean key_care = g_strcmp0 (tx_record_get_key (r, "key_care"), "yes") == 0;
  const char *guardianship = tx_record_get_key (r, "guardianship");

  if (!tx_date_parse (tx_record_get_key (r, "registration_date"), &reg))
    return TRUE;
  tx_schedule_settings_init (&settings);
  stop = d->today;
  /* one child in seven stopped being visited some time ago */
  if (chance (d, 0.14))
    g_date_subtract_days (&stop, 20 + rnd (d, 150));
  /* nobody is visited after leaving the register */
  if (g_date_compare (until, &stop) < 0)
    stop = *until;

  at = reg;
  g_date_add_days (&at, rnd (d, settings.first_visit_days));
  tx_schedule_previous_working_day (&at);
  while (g_date_compare (&at, &stop) <= 0)
    {
      g_autoptr(TxVisit) v = tx_visit_new ();
      double kind = g_rand_double (d->rand);
      sqlite3_stmt *stmt;

      v->id = demo_uuid (d);
      v->child_id = g_strdup (child);
      v->date = tx_date_format (&at);
      v->visitor = g_strdup (visitors[rnd (d, G_N_ELEMENTS (visitors))]);
      v->kind = g_strdup (kind < 0.82 ? "home" : kind < 0.95 ? "phone" : "school");
      v->living = g_strdup (living_notes[rnd (d, G_N_ELEMENTS (living_notes))]);
      v->guardianship_found = g_strdup (guardianship_notes[rnd (d, G_N_ELEMENTS (guardianship_notes))]);
      v->medical_schooling = g_strdup (schooling_notes[rnd (d, G_N_ELEMENTS (schooling_notes))]);
      v->care_services = g_strdup (service_notes[rnd (d, G_N_ELEMENTS (service_notes))]);
      if (chance (d, 0.3))
        v->services = g_strdup (service_ids[rnd (d, G_N_ELEMENTS (service_ids))]);
      v->complete = TRUE;
      if (chance (d, 0.002))
        {
          v->urgent = g_strdup (chance (d, 0.5) ? "domestic_violence" : "alone_or_missing");
          v->police_reported_at = g_strdup_printf ("%s 10:30", v->date);
          v->police_station = g_strdup ("南岭派出所");
          v->police_officer = g_strdup ("王警官");
          v->police_receipt = g_strdup_printf ("JJ%s%03d", v->date, rnd (d, 1000));
          v->police_measures = g_strdup ("民警到场处置，社工跟进");
        }

      /* written straight in: the demo has hundreds of thousands of them */
      stmt = tx_store_prepare (store,
          "INSERT INTO visit (uuid, created_at, updated_at, station, child, date, visitor, kind, living, "
          "guardianship_found, medical_schooling, care_services, services, urgent, police_reported_at, "
          "police_station, police_officer, police_receipt, police_measures, complete) "
          "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 1)",
          error);
      if (stmt == NULL)
        return FALSE;
      {
        g_autofree char *created = g_strdup_printf ("%sT18:00:00Z", v->date);
        const char *values[] = { v->id, created, tx_store_get_station_id (store), v->child_id, v->date,
                                 v->visitor, v->kind, v->living, v->guardianship_found,
                                 v->medical_schooling, v->care_services, v->services, v->urgent,
                                 v->police_reported_at, v->police_station, v->police_officer,
                                 v->police_receipt, v->police_measures };
        for (guint i = 0; i < G_N_ELEMENTS (values); i++)
          tx_store_bind_text (stmt, i + 1, values[i]);
      }
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
      (*n_visits)++;
      if (v->urgent && !open_urgent_case (d, store, v, &at, error))
        return FALSE;
      if (g_str_equal (v->kind, "home"))
        {
          g_free (last_home);
          last_home = g_strdup (v->date);
        }

      /* the next one about when it is due, a few days either way */
      if (key_care || g_strcmp0 (guardianship, "poor") == 0)
        g_date_add_days (&at, settings.key_care_days);
      else if (g_strcmp0 (guardianship, "good") == 0)
        tx_date_add_months (&at, settings.good_months);
      else
        tx_date_add_months (&at, settings.average_months);
      g_date_subtract_days (&at, rnd (d, 6));
      /* visits are made on working days */
      tx_schedule_previous_working_day (&at);
    }
  return last_home == NULL || tx_store_child_visited (store, child, last_home, error);
}

/* Who left the register, and why, in the supervisor's words */
static const struct {
  const char *reason;
  double      share;
  const char *notes[3];
} leavers[] = {
  { TX_EXIT_MOVED_AWAY, 0.02, { "随父母迁往外省务工地", "全家搬到外县居住，已告知迁入地", "父亲工作调动，举家迁往市区外" } },
  { TX_EXIT_RETURNED, 0.01, { "随母亲返回户籍地上学", "回老家由祖父母照顾，已电话核实", "父母返乡创业，全家回户籍地" } },
  { TX_EXIT_NOT_ELIGIBLE, 0.004, { "户口已迁入本县，不再跨县流动", "父母将户口迁入居住地，核实后退出", "经核实常住户籍所在县，不属于流动儿童" } },
};

/* Whether the child will leave the register, and on which day: in the
 * last year, after the registration; %NULL for a child who stays */
static const char *
plan_exit (Demo     *d,
           TxRecord *r,
           gboolean  draft,
           GDate    *day,
           guint    *note)
{
  double roll = g_rand_double (d->rand), acc = 0;
  const char *reason = NULL;
  GDate reg, first;

  for (guint i = 0; i < G_N_ELEMENTS (leavers) && !reason; i++)
    if (roll < (acc += leavers[i].share))
      {
        reason = leavers[i].reason;
        *note = i * G_N_ELEMENTS (leavers[i].notes) + rnd (d, G_N_ELEMENTS (leavers[i].notes));
      }
  if (reason == NULL || draft || !tx_date_parse (tx_record_get_key (r, "registration_date"), &reg))
    return NULL;
  /* a week after the registration at the earliest, within the last year */
  first = d->today;
  g_date_subtract_days (&first, 365);
  g_date_add_days (&reg, 7);
  if (g_date_compare (&reg, &first) > 0)
    first = reg;
  if (g_date_compare (&first, &d->today) > 0)
    return NULL;
  *day = first;
  g_date_add_days (day, rnd (d, g_date_days_between (&first, &d->today) + 1));
  return reason;
}

/* Records the exit planned; a child whose urgent case is still open stays */
static gboolean
record_exit (TxStore      *store,
             const char   *child,
             const char   *reason,
             const GDate  *day,
             guint         note,
             guint        *n_exits,
             GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *date = tx_date_format (day);
  const char *text = leavers[note / G_N_ELEMENTS (leavers[0].notes)].notes[note % G_N_ELEMENTS (leavers[0].notes)];

  if (tx_store_child_exit (store, child, reason, date, text, &local))
    {
      (*n_exits)++;
      return TRUE;
    }
  if (g_error_matches (local, TX_STORE_ERROR, TX_STORE_ERROR_URGENT_OPEN))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* The record's information was last brought up to date some time between
 * its registration and today, as on a real workstation, so some updates
 * are due (tx_store_child_add() counts from the day it saves) */
static gboolean
set_last_update (Demo        *d,
                 TxStore     *store,
                 const char  *child,
                 TxRecord    *r,
                 GError     **error)
{
  GDate reg, updated, due;
  g_autofree char *due_iso = NULL;
  sqlite3_stmt *stmt;
  int span;

  if (!tx_date_parse (tx_record_get_key (r, "registration_date"), &reg))
    return TRUE;
  span = g_date_days_between (&reg, &d->today);
  updated = reg;
  if (span > 0)
    g_date_add_days (&updated, rnd (d, span + 1));
  tx_schedule_info_refresh (tx_record_get_key (r, "child_category"), &updated, &due);
  due_iso = tx_date_format (&due);
  stmt = tx_store_prepare (store, "UPDATE child SET info_refresh_due = ?2 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, child);
  tx_store_bind_text (stmt, 2, due_iso);
  return tx_store_step_done (store, stmt, error);
}

static void
split_counties (Demo *d, const char *county)
{
  g_autoptr(GPtrArray) all = tx_division_search ("", TX_DIVISION_COUNTY, G_MAXUINT);

  d->other_province = g_ptr_array_new ();
  d->same_province = g_ptr_array_new ();
  d->same_city = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      const TxDivision *c = all->pdata[i];
      /* development zones (71–79) register no one */
      if (c->code[4] == '7' || strncmp (c->code, county, 6) == 0)
        continue;
      if (strncmp (c->code, county, 2) != 0)
        g_ptr_array_add (d->other_province, (gpointer) c->code);
      else if (strncmp (c->code, county, 4) != 0)
        g_ptr_array_add (d->same_province, (gpointer) c->code);
      else
        g_ptr_array_add (d->same_city, (gpointer) c->code);
    }
  /* a city with one county, or a municipality: fall back to the next ring */
  if (d->same_city->len == 0)
    g_ptr_array_extend (d->same_city, d->same_province, NULL, NULL);
  if (d->same_province->len == 0)
    g_ptr_array_extend (d->same_province, d->other_province, NULL, NULL);
  if (d->same_city->len == 0)
    g_ptr_array_extend (d->same_city, d->other_province, NULL, NULL);
}

/**
 * tx_demo_generate:
 * @n_children: how many children to add
 * @seed: the seed of the generator
 * @progress: (nullable) (scope call): called now and then
 *
 * Adds synthetic children in the villages of the workstation's township (or
 * county): up to DEMO_BATCH (10,000) children in one transaction, a larger
 * demo a transaction per 10,000, so that one stopped midway keeps the
 * batches it finished.
 */
gboolean
tx_demo_generate (TxStore        *store,
                  guint           n_children,
                  guint32         seed,
                  TxDemoProgress  progress,
                  gpointer        user_data,
                  GError        **error)
{
  g_autofree char *county = tx_store_get_setting (store, TX_SETTING_COUNTY);
  g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  Demo d = { 0 };
  gboolean ok = FALSE;
  guint done = 0, drafts = 0, visits = 0, exits = 0;

  if (county == NULL)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_SET_UP,
                           _("This workstation is not set up yet: its county and township must be "
                             "given first."));
      return FALSE;
    }

  d.rand = g_rand_new_with_seed (seed);
  d.seed = seed;
  d.chars_boy = split_chars (boy_chars);
  d.chars_girl = split_chars (girl_chars);
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    d.surname_total += surnames[i].w;
  tx_date_today (&d.today);
  tx_store_get_age_limits (store, &d.limits);
  split_counties (&d, county);

  d.villages = g_ptr_array_new ();
  {
    g_autoptr(GPtrArray) towns = NULL;
    if (township)
      towns = g_ptr_array_new (), g_ptr_array_add (towns, (gpointer) tx_division_lookup (township));
    else
      towns = tx_division_children (county);
    for (guint t = 0; t < towns->len; t++)
      {
        g_autoptr(GPtrArray) v = tx_division_children (((TxDivision *) towns->pdata[t])->code);
        g_ptr_array_extend (d.villages, v, NULL, NULL);
      }
  }
  if (d.villages->len == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("The division table lists no villages for %s; demo children need a "
                     "place to live."), township ? township : county);
      goto out;
    }

  /* a bulk load touches index pages all over the file: a larger page cache
   * for its duration saves most of the reads — 256 MB, and a kilobyte a
   * child beyond that up to 1 GB (the child's indexes, its visits') */
  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%u",
                                               CLAMP (n_children, 262144u, 1048576u));
    tx_store_exec (store, pragma, NULL);
  }
  if (!tx_store_begin (store, error))
    goto out;
  /* one audit entry for the demo, not one a child and visit */
  tx_store_audit_bulk (store);
  while (done < n_children)
    {
      g_autoptr(TxRecord) r = make_child (&d, county, township);
      g_autoptr(GError) local = NULL;
      g_autofree char *id = NULL;
      gboolean draft = chance (&d, 0.03);
      const char *exit_reason;
      GDate exit_day, until = d.today;
      guint note = 0;

      if (draft)
        {
          /* a form brought back half filled in */
          tx_record_set_key (r, "contact_phone", NULL);
          tx_record_set_key (r, "vaccination", NULL);
          tx_record_set_key (r, "child_permit", NULL);
          drafts++;
        }
      id = tx_store_child_add (store, r, draft, NULL, &local);
      if (id == NULL)
        {
          /* a generated identity number may repeat one already there: draw again */
          if (g_error_matches (local, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE))
            continue;
          g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                      _("A demo record could not be saved: "));
          tx_store_rollback (store);
          goto out;
        }
      /* visited until the child leaves: by a reason, or by age */
      exit_reason = plan_exit (&d, r, draft, &exit_day, &note);
      if (exit_reason)
        until = exit_day;
      {
        GDate ages_out;

        if (tx_register_ages_out (r, &d.limits, &ages_out) && g_date_compare (&ages_out, &until) < 0)
          until = ages_out;
      }
      if (!make_visits (&d, store, id, r, &until, &visits, error) || !set_last_update (&d, store, id, r, error) ||
          (exit_reason && g_date_compare (&exit_day, &until) <= 0 &&
           !record_exit (store, id, exit_reason, &exit_day, note, &exits, error)))
        {
          tx_store_rollback (store);
          goto out;
        }
      done++;
      if (progress && done % 1000 == 0)
        progress (done, n_children, user_data);
      /* a large demo is committed a batch at a time (its own audit entry
       * each): one transaction of a million children grows the log to
       * gigabytes, and every page read then searches the whole log's index */
      if (done % DEMO_BATCH == 0 && done < n_children)
        {
          tx_store_audit_bulk_end (store);
          if (!tx_store_audit_count_of (store, "demo", NULL, "children", DEMO_BATCH, error) ||
              !tx_store_commit (store, error))
            {
              tx_store_rollback (store);
              goto out;
            }
          if (!tx_store_begin (store, error))
            goto out;
          tx_store_audit_bulk (store);
        }
    }
  /* what the window does when it starts: those past the age limit leave */
  tx_store_audit_bulk_end (store);
  if (!tx_store_audit_count_of (store, "demo", NULL, "children",
                                done - (n_children > 0 ? (done - 1) / DEMO_BATCH * DEMO_BATCH : 0), error) ||
      !tx_store_ageing_out_run (store, &d.today, NULL, NULL, error))
    {
      tx_store_rollback (store);
      goto out;
    }
  ok = tx_store_commit (store, error);
  g_debug ("%u demo children, %u drafts, %u visits, %u exits", done, drafts, visits, exits);

out:
  tx_store_exec (store, "PRAGMA cache_size = -16000", NULL);
  g_rand_free (d.rand);
  g_ptr_array_unref (d.chars_boy);
  g_ptr_array_unref (d.chars_girl);
  g_clear_pointer (&d.villages, g_ptr_array_unref);
  g_clear_pointer (&d.other_province, g_ptr_array_unref);
  g_clear_pointer (&d.same_province, g_ptr_array_unref);
  g_clear_pointer (&d.same_city, g_ptr_array_unref);
  return ok;
}
