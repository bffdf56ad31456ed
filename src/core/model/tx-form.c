/* tx-form.c — the registration form (《流动儿童基本情况登记表》, Appendix 1), declared once
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that shows, checks, stores, prints or imports a registration
 * derives from the tables in this file. The keys are public names: they appear
 * in JSON, in spreadsheet headers and in the database (as columns "f_<key>").
 * Add a field here and the store adds its column at the next start.
 */

#define G_LOG_DOMAIN "tx-form"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-form.h"

#define END { NULL, NULL, NULL, 0 }

static const TxSection sections[] = {
  { "header",        "表头",                   N_("Header") },
  { "basic",         "一、儿童基本信息",         N_("1. Basic information") },
  { "schooling",     "二、入园入学情况",         N_("2. Kindergarten and school") },
  { "permit",        "三、办理居住证情况",       N_("3. Residence permit") },
  { "health_mgmt",   "四、健康管理情况",         N_("4. Health management") },
  { "immunization",  "五、国家免疫规划疫苗接种情况", N_("5. National immunization programme") },
  { "insurance",     "六、参加城乡居民医保情况",   N_("6. Residents' medical insurance") },
  { "rehabilitation","七、接受残疾康复救助情况",   N_("7. Disability rehabilitation assistance") },
  { "guardianship",  "八、家庭监护情况",         N_("8. Family guardianship") },
  { "living",        "九、生活保障情况",         N_("9. Living security") },
  { "key_care",      "十、重点关爱情形与需求",    N_("10. Key-care situations and needs") },
  { "footer",        "表尾",                   N_("Signatures") },
};

/* Choice lists, in the order of the paper form */

static const TxChoice yes_no[] = {
  { "yes", "是", N_("Yes") }, { "no", "否", N_("No") }, END };

static const TxChoice child_category[] = {
  { "migrant",     "流动儿童", N_("Migrant child") },
  { "left_behind", "留守儿童", N_("Left-behind child") },
  { "distressed",  "困境儿童", N_("Distressed child") },
  END };

static const TxChoice gender[] = {
  { "male", "男", N_("Male") }, { "female", "女", N_("Female") }, END };

/* GB 3304-91 codes of the nationalities of China */
static const TxChoice ethnicity[] = {
  { "01", "汉族", N_("Han") },          { "02", "蒙古族", N_("Mongol") },
  { "03", "回族", N_("Hui") },          { "04", "藏族", N_("Tibetan") },
  { "05", "维吾尔族", N_("Uyghur") },    { "06", "苗族", N_("Miao") },
  { "07", "彝族", N_("Yi") },           { "08", "壮族", N_("Zhuang") },
  { "09", "布依族", N_("Buyei") },       { "10", "朝鲜族", N_("Korean") },
  { "11", "满族", N_("Manchu") },        { "12", "侗族", N_("Dong") },
  { "13", "瑶族", N_("Yao") },           { "14", "白族", N_("Bai") },
  { "15", "土家族", N_("Tujia") },       { "16", "哈尼族", N_("Hani") },
  { "17", "哈萨克族", N_("Kazakh") },    { "18", "傣族", N_("Dai") },
  { "19", "黎族", N_("Li") },           { "20", "傈僳族", N_("Lisu") },
  { "21", "佤族", N_("Va") },           { "22", "畲族", N_("She") },
  { "23", "高山族", N_("Gaoshan") },     { "24", "拉祜族", N_("Lahu") },
  { "25", "水族", N_("Sui") },           { "26", "东乡族", N_("Dongxiang") },
  { "27", "纳西族", N_("Naxi") },        { "28", "景颇族", N_("Jingpo") },
  { "29", "柯尔克孜族", N_("Kyrgyz") },  { "30", "土族", N_("Tu") },
  { "31", "达斡尔族", N_("Daur") },      { "32", "仫佬族", N_("Mulao") },
  { "33", "羌族", N_("Qiang") },         { "34", "布朗族", N_("Blang") },
  { "35", "撒拉族", N_("Salar") },       { "36", "毛南族", N_("Maonan") },
  { "37", "仡佬族", N_("Gelao") },       { "38", "锡伯族", N_("Xibe") },
  { "39", "阿昌族", N_("Achang") },      { "40", "普米族", N_("Pumi") },
  { "41", "塔吉克族", N_("Tajik") },     { "42", "怒族", N_("Nu") },
  { "43", "乌孜别克族", N_("Uzbek") },   { "44", "俄罗斯族", N_("Russian") },
  { "45", "鄂温克族", N_("Evenki") },    { "46", "德昂族", N_("De'ang") },
  { "47", "保安族", N_("Bonan") },       { "48", "裕固族", N_("Yugur") },
  { "49", "京族", N_("Gin") },           { "50", "塔塔尔族", N_("Tatar") },
  { "51", "独龙族", N_("Derung") },      { "52", "鄂伦春族", N_("Oroqen") },
  { "53", "赫哲族", N_("Hezhen") },      { "54", "门巴族", N_("Monpa") },
  { "55", "珞巴族", N_("Lhoba") },       { "56", "基诺族", N_("Jino") },
  { "97", "其他", N_("Other") },
  { "98", "外国血统中国籍人士", N_("Chinese citizen of foreign origin") },
  END };

static const TxChoice id_type[] = {
  { "resident_id", "居民身份证", N_("Resident identity card") },
  { "none",        "无证件",     N_("No document") },
  { "other",       "其他",       N_("Other") },
  END };

static const TxChoice accompanied_by[] = {
  { "both_parents",   "随父母双方",   N_("With both parents") },
  { "father",         "随父亲",       N_("With the father") },
  { "mother",         "随母亲",       N_("With the mother") },
  { "other_guardian", "随其他监护人", N_("With another guardian") },
  END };

static const TxChoice health[] = {
  { "healthy",  "健康", N_("Healthy") },
  { "disabled", "残疾", N_("Disabled") },
  { "ill",      "患病", N_("Ill") },
  END };

static const TxChoice disability_kind[] = {
  { "visual",     "视力", N_("Visual") },
  { "hearing",    "听力", N_("Hearing") },
  { "speech",     "言语", N_("Speech") },
  { "physical",   "肢体", N_("Physical") },
  { "intellectual","智力", N_("Intellectual") },
  { "mental",     "精神", N_("Mental") },
  { "multiple",   "多重", N_("Multiple") },
  END };

static const TxChoice disability_grade[] = {
  { "1", "一级", N_("Grade 1") }, { "2", "二级", N_("Grade 2") },
  { "3", "三级", N_("Grade 3") }, { "4", "四级", N_("Grade 4") },
  END };

static const TxChoice schooling[] = {
  { "home",        "散居（未入园）", N_("At home (not in kindergarten)") },
  { "kindergarten","幼儿园",         N_("Kindergarten") },
  { "primary",     "小学",           N_("Primary school") },
  { "junior",      "初中",           N_("Junior secondary school") },
  { "senior",      "高中",           N_("Senior secondary school") },
  { "vocational",  "中职",           N_("Secondary vocational school") },
  { "dropped_out", "辍学",           N_("Dropped out") },
  { "not_in_school","不在学",        N_("Not in school") },
  { "other",       "其他",           N_("Other") },
  END };

static const TxChoice school_kind[] = {
  { "public",           "公办",         N_("Public") },
  { "private_inclusive","普惠性民办",    N_("Private, inclusive") },
  { "private",          "其他民办",      N_("Other private") },
  { "purchased",        "政府购买学位",  N_("Place bought by the government") },
  END };

static const TxChoice permit[] = {
  { "issued",     "已办理", N_("Issued") },
  { "not_issued", "未办理", N_("Not issued") },
  END };

static const TxChoice health_managed[] = {
  { "yes", "是", N_("Yes") }, { "no", "否", N_("No") },
  { "not_applicable", "不适用", N_("Not applicable") },
  END };

static const TxChoice has_card[] = {
  { "yes", "有", N_("Has one") }, { "no", "无", N_("Has none") }, END };

static const TxChoice vaccination[] = {
  { "complete",   "按程序完成",     N_("Completed on schedule") },
  { "partial",    "部分接种需补种", N_("Partly done, catch-up needed") },
  { "none",       "未接种",         N_("Not vaccinated") },
  { "unknown",    "不详",           N_("Unknown") },
  END };

static const TxChoice insurance[] = {
  { "residence", "居住地参保", N_("Insured at residence") },
  { "hukou",     "户籍地参保", N_("Insured at household registration") },
  { "none",      "未参保",     N_("Not insured") },
  END };

static const TxChoice remote_care[] = {
  { "filed",          "已备案", N_("Filed") },
  { "not_filed",      "未备案", N_("Not filed") },
  { "not_applicable", "不适用", N_("Not applicable") },
  END };

static const TxChoice rehab[] = {
  { "receiving",      "已享受",       N_("Receiving") },
  { "applied",        "已申请未享受", N_("Applied, not yet receiving") },
  { "not_applied",    "未申请",       N_("Not applied") },
  { "not_applicable", "不适用",       N_("Not applicable") },
  END };

static const TxChoice parent_status[] = {
  { "normal",     "正常",           N_("Normal") },
  { "disabled",   "残疾",           N_("Disabled") },
  { "seriously_ill","重病",         N_("Seriously ill") },
  { "imprisoned", "服刑在押",       N_("Imprisoned or detained") },
  { "drug_rehab", "强制隔离戒毒",   N_("In compulsory drug rehabilitation") },
  { "missing",    "失联",           N_("Out of contact") },
  { "deceased",   "死亡",           N_("Deceased") },
  { "revoked",    "被撤销监护资格", N_("Guardianship revoked") },
  { "unknown",    "未知",           N_("Unknown") },
  { "other",      "其他",           N_("Other") },
  END };

static const TxChoice relation[] = {
  { "grandparents",          "祖父母",   N_("Paternal grandparents") },
  { "maternal_grandparents", "外祖父母", N_("Maternal grandparents") },
  { "relative",              "其他亲属", N_("Other relative") },
  { "non_relative",          "非亲属",   N_("Not a relative") },
  END };

static const TxChoice family_structure[] = {
  { "two_parent",  "双亲家庭", N_("Two-parent family") },
  { "single_parent","单亲家庭", N_("Single-parent family") },
  { "blended",     "重组家庭", N_("Blended family") },
  { "other",       "其他",     N_("Other") },
  END };

static const TxChoice actual_guardian[] = {
  { "both_parents",  "父母双方",     N_("Both parents") },
  { "father",        "父亲",         N_("Father") },
  { "mother",        "母亲",         N_("Mother") },
  { "grandparents",  "祖辈",         N_("Grandparents") },
  { "relative",      "其他亲属",     N_("Other relative") },
  { "entrusted",     "受委托照护人", N_("Entrusted carer") },
  { "none",          "无人监护",     N_("Nobody") },
  END };

static const TxChoice guardianship[] = {
  { "good",    "较好", N_("Good") },
  { "average", "一般", N_("Average") },
  { "poor",    "差",   N_("Poor") },
  END };

static const TxChoice guardianship_problem[] = {
  { "insufficient", "监护不足", N_("Insufficient guardianship") },
  { "improper",     "监护不当", N_("Improper guardianship") },
  { "absent",       "监护缺失", N_("Absent guardianship") },
  { "abuse",        "监护侵害", N_("Guardianship abuse") },
  END };

static const TxChoice income[] = {
  { "wages",      "务工收入", N_("Wages") },
  { "business",   "经营收入", N_("Business income") },
  { "government", "政府救助", N_("Government assistance") },
  { "relatives",  "亲友接济", N_("Help from relatives and friends") },
  { "other",      "其他",     N_("Other") },
  END };

static const TxChoice support[] = {
  { "dibao",          "最低生活保障",             N_("Minimum living allowance") },
  { "tekun",          "特困人员救助供养",         N_("Support for people in extreme poverty") },
  { "orphan",         "孤儿基本生活保障",         N_("Orphan living allowance") },
  { "unsupported",    "事实无人抚养儿童基本生活保障", N_("Allowance for de-facto unsupported children") },
  { "temporary",      "临时救助",                 N_("Temporary assistance") },
  { "medical",        "医疗救助",                 N_("Medical assistance") },
  { "disability",     "残疾人两项补贴",           N_("Two disability subsidies") },
  { "housing",        "公租房或租赁补贴",         N_("Public rental housing or rent subsidy") },
  { "education",      "教育资助",                 N_("Education aid") },
  { "other",          "其他",                     N_("Other") },
  { "none",           "无",                       N_("None") },
  END };

static const TxChoice housing[] = {
  { "owned",     "自有住房", N_("Own home") },
  { "rented",    "租住",     N_("Rented") },
  { "dormitory", "单位宿舍", N_("Employer's dormitory") },
  { "borrowed",  "借住",     N_("Lodging with others") },
  { "other",     "其他",     N_("Other") },
  END };

static const TxChoice key_care_reasons[] = {
  { "single_parent",    "单亲家庭",       N_("Single-parent family"), TX_CHOICE_DERIVED },
  { "insufficient",     "监护不足",       N_("Insufficient guardianship"), TX_CHOICE_DERIVED },
  { "improper",         "监护不当",       N_("Improper guardianship"), TX_CHOICE_DERIVED },
  { "absent",           "监护缺失",       N_("Absent guardianship"), TX_CHOICE_DERIVED },
  { "abuse",            "监护侵害",       N_("Guardianship abuse"), TX_CHOICE_DERIVED },
  /* the parents' situation (form.md rule 7) */
  { "orphan",           "孤儿",           N_("Orphan"), TX_CHOICE_DERIVED },
  { "unsupported",      "事实无人抚养",   N_("De-facto unsupported child"),
    TX_CHOICE_DERIVED | TX_CHOICE_BY_HAND_IF_WARNED },
  { "parent_detained",  "服刑和戒毒人员子女", N_("Parent imprisoned or in drug rehabilitation"), TX_CHOICE_DERIVED },
  { "no_hukou",         "无户籍",         N_("No household registration"), TX_CHOICE_DERIVED },
  { "out_of_school",    "失辍学",         N_("Out of school or dropped out"), TX_CHOICE_DERIVED },
  { "serious_illness",  "重病",           N_("Serious illness"), TX_CHOICE_DERIVED },
  { "disability",       "残疾",           N_("Disability"), TX_CHOICE_DERIVED },
  { "psychological",    "心理和行为异常", N_("Psychological or behavioural abnormality") },
  { "vagrancy",         "有流浪经历",     N_("History of vagrancy") },
  { "living_difficulty","家庭生活困难",   N_("Family living difficulty"), TX_CHOICE_DERIVED },
  { "asked_for_help",   "主动申请帮扶",   N_("Asked for help") },
  END };

static const TxChoice needs[] = {
  { "education",    "教育", N_("Education") },
  { "medical",      "医疗", N_("Medical care") },
  { "living",       "生活", N_("Living") },
  { "guardianship", "监护", N_("Guardianship") },
  { "psychological","心理", N_("Psychological") },
  { "legal",        "法律", N_("Legal") },
  { "other",        "其他", N_("Other") },
  END };

static const TxChoice migration_scope[] = {
  { "inter_province", "跨省",     N_("Across provinces") },
  { "inter_city",     "省内跨市", N_("Across cities within the province") },
  { "inter_county",   "市内跨县", N_("Across counties within the city") },
  END };

#define IN_SCHOOL "schooling in kindergarten|primary|junior|senior|vocational|other"

/* The paper's parent sub-table, once for the father and once for the mother */
#define PARENT(p, pzh, l_name, l_id, l_phone, l_work, l_lives, l_status)                  \
  { p "_name", pzh "姓名", l_name, TX_FIELD_TEXT, 30, NULL, FALSE, FALSE, NULL, NULL,     \
    NULL, N_("May be left empty when the parent is unknown or deceased.") },             \
  { p "_id_number", pzh "身份证号", l_id, TX_FIELD_ID18, 18, NULL, FALSE, FALSE, NULL,    \
    NULL, NULL, NULL },                                                                  \
  { p "_phone", pzh "联系电话", l_phone, TX_FIELD_PHONE, 20, NULL, FALSE, FALSE, NULL,    \
    NULL, NULL, NULL },                                                                  \
  { p "_work", pzh "工作单位或职业", l_work, TX_FIELD_TEXT, 60, NULL, FALSE, FALSE, NULL, \
    NULL, NULL, NULL },                                                                  \
  { p "_lives_with_child", pzh "是否与儿童共同生活", l_lives, TX_FIELD_CHOICE, 0, yes_no, \
    FALSE, FALSE, NULL, NULL, NULL, NULL },                                              \
  { p "_status", pzh "状况", l_status, TX_FIELD_CHOICE, 0, parent_status, TRUE, FALSE,    \
    NULL, NULL, NULL, NULL }

/* Section markers: a field with a NULL key starts the next section */
#define SECTION { NULL }

static TxField fields[] = {
  /* 表头 */
  { "reporting_county", "填报单位（县/市/区）", N_("Reporting county"), TX_FIELD_DIVISION, 6,
    NULL, FALSE, FALSE, NULL, NULL, NULL, N_("Filled from the workstation's settings.") },
  { "reporting_township", "乡镇（街道）", N_("Reporting township"), TX_FIELD_DIVISION, 9,
    NULL, FALSE, FALSE, NULL, NULL, NULL, N_("Filled from the workstation's settings.") },
  { "registration_date", "填报日期", N_("Registration date"), TX_FIELD_DATE, 0,
    NULL, TRUE, FALSE, NULL, NULL, NULL, N_("The day the form was filled; not in the future.") },
  { "child_category", "儿童类别", N_("Category"), TX_FIELD_MULTI, 0,
    child_category, TRUE, FALSE, NULL, NULL, "migrant", NULL },
  SECTION,
  /* 一、儿童基本信息 */
  { "name", "姓名", N_("Name"), TX_FIELD_TEXT, 30, NULL, TRUE, FALSE, NULL, NULL, NULL,
    N_("Letters of any script; use · between the parts of a minority name.") },
  { "gender", "性别", N_("Gender"), TX_FIELD_CHOICE, 0, gender, TRUE, FALSE, NULL, NULL, NULL,
    N_("Must agree with digit 17 of the identity number (odd for male).") },
  { "ethnicity", "民族", N_("Ethnicity"), TX_FIELD_CHOICE, 0, ethnicity, TRUE, FALSE,
    NULL, NULL, "01", NULL },
  { "birth_date", "出生日期", N_("Date of birth"), TX_FIELD_DATE, 0, NULL, TRUE, FALSE,
    NULL, NULL, NULL, N_("Must agree with digits 7 to 14 of the identity number.") },
  { "id_type", "证件类型", N_("Identity document"), TX_FIELD_CHOICE, 0, id_type, TRUE, FALSE,
    NULL, NULL, "resident_id", NULL },
  { "id_number", "公民身份证号码", N_("Identity number"), TX_FIELD_ID18, 18, NULL, FALSE, FALSE,
    "id_type = resident_id", "id_type = resident_id", NULL,
    N_("18 characters; the last one is a check digit (0–9 or X).") },
  { "hukou_registered", "是否登记户口", N_("Household registration"), TX_FIELD_CHOICE, 0,
    yes_no, TRUE, FALSE, NULL, NULL, "yes", NULL },
  { "hukou_division", "户籍所在地", N_("Place of household registration"), TX_FIELD_DIVISION, 6,
    NULL, TRUE, FALSE, NULL, NULL, NULL, N_("Province, city and county of the household registration.") },
  { "hukou_address", "户籍详细地址", N_("Registered address"), TX_FIELD_TEXT, 100,
    NULL, FALSE, FALSE, NULL, NULL, NULL, NULL },
  { "residence_division", "现居住地（村/社区）", N_("Village or community of residence"),
    TX_FIELD_DIVISION, 12, NULL, TRUE, FALSE, NULL, NULL, NULL,
    N_("The village or community where the child lives, in the reporting township.") },
  { "residence_address", "现居住详细地址", N_("Address of residence"), TX_FIELD_TEXT, 100,
    NULL, TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "arrival_date", "来本地居住时间", N_("Living here since"), TX_FIELD_DATE, 0, NULL, TRUE, FALSE,
    NULL, NULL, NULL, N_("A child counts as a migrant child after six months.") },
  { "migration_scope", "流动范围", N_("Scope of migration"), TX_FIELD_CHOICE, 0,
    migration_scope, FALSE, TRUE, NULL, NULL, NULL,
    N_("Worked out from the place of household registration and the place of residence.") },
  { "accompanied_by", "随迁情况", N_("Moved here with"), TX_FIELD_CHOICE, 0, accompanied_by,
    TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "contact_phone", "联系电话", N_("Contact phone"), TX_FIELD_PHONE, 20, NULL, TRUE, FALSE,
    NULL, NULL, NULL, N_("An 11-digit mobile number, or a landline with its area code.") },
  { "health", "身体状况", N_("Health"), TX_FIELD_MULTI, 0, health, TRUE, FALSE,
    NULL, NULL, NULL, N_("“Healthy” cannot be ticked together with the others.") },
  { "disability_kind", "残疾类别", N_("Kind of disability"), TX_FIELD_CHOICE, 0, disability_kind,
    FALSE, FALSE, "health has disabled", "health has disabled", NULL, NULL },
  { "disability_grade", "残疾等级", N_("Grade of disability"), TX_FIELD_CHOICE, 0,
    disability_grade, FALSE, FALSE, "health has disabled", "health has disabled", NULL, NULL },
  { "disability_certificate", "是否持残疾人证", N_("Holds a disability certificate"),
    TX_FIELD_CHOICE, 0, yes_no, FALSE, FALSE, "health has disabled", "health has disabled",
    NULL, NULL },
  { "illness", "患病情况", N_("Illness"), TX_FIELD_TEXT, 100, NULL, FALSE, FALSE,
    "health has ill", "health has ill", NULL, NULL },
  { "serious_illness", "是否重病", N_("Serious illness"), TX_FIELD_CHOICE, 0, yes_no, FALSE, FALSE,
    "health has ill", "health has ill", NULL, NULL },
  SECTION,
  /* 二、入园入学情况 */
  { "schooling", "就学情况", N_("Schooling"), TX_FIELD_CHOICE, 0, schooling, TRUE, FALSE,
    NULL, NULL, NULL, NULL },
  { "school_name", "学校（幼儿园）名称", N_("School or kindergarten"), TX_FIELD_TEXT, 60,
    NULL, FALSE, FALSE, IN_SCHOOL, NULL, NULL, NULL },
  { "school_kind", "学校性质", N_("Kind of school"), TX_FIELD_CHOICE, 0, school_kind,
    FALSE, FALSE, IN_SCHOOL, NULL, NULL, NULL },
  { "boarding", "是否寄宿", N_("Boarding"), TX_FIELD_CHOICE, 0, yes_no, FALSE, FALSE,
    IN_SCHOOL, NULL, NULL, NULL },
  SECTION,
  /* 三、办理居住证情况 */
  { "child_permit", "儿童居住证", N_("Child's residence permit"), TX_FIELD_CHOICE, 0, permit,
    TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "guardian_permit", "监护人居住证", N_("Guardian's residence permit"), TX_FIELD_CHOICE, 0,
    permit, TRUE, FALSE, NULL, NULL, NULL, NULL },
  SECTION,
  /* 四、健康管理情况 */
  { "health_managed", "是否纳入居住地0-6岁儿童健康管理",
    N_("In the 0–6 health management of the place of residence"), TX_FIELD_CHOICE, 0,
    health_managed, TRUE, FALSE, NULL, NULL, NULL,
    N_("“Not applicable” only for children older than six.") },
  SECTION,
  /* 五、国家免疫规划疫苗接种情况 */
  { "vaccination_card", "是否有预防接种证", N_("Vaccination certificate"), TX_FIELD_CHOICE, 0,
    has_card, TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "vaccination", "疫苗接种情况", N_("Vaccination"), TX_FIELD_CHOICE, 0, vaccination,
    TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "vaccination_site", "接种单位", N_("Vaccination site"), TX_FIELD_TEXT, 60, NULL, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
  SECTION,
  /* 六、参加城乡居民医保情况 */
  { "insurance", "参保情况", N_("Medical insurance"), TX_FIELD_CHOICE, 0, insurance,
    TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "remote_care_filed", "异地就医备案", N_("Filed for care away from home"), TX_FIELD_CHOICE, 0,
    remote_care, FALSE, FALSE, "insurance = hukou", "insurance = hukou", NULL, NULL },
  SECTION,
  /* 七、接受残疾康复救助情况 */
  { "rehab", "残疾儿童康复救助", N_("Rehabilitation assistance for disabled children"),
    TX_FIELD_CHOICE, 0, rehab, TRUE, FALSE, NULL, NULL, NULL,
    N_("“Not applicable” unless the child is disabled.") },
  SECTION,
  /* 八、家庭监护情况 */
  PARENT ("father", "父亲", N_("Father's name"), N_("Father's identity number"),
          N_("Father's phone"), N_("Father's employer or occupation"),
          N_("Father lives with the child"), N_("Father's situation")),
  PARENT ("mother", "母亲", N_("Mother's name"), N_("Mother's identity number"),
          N_("Mother's phone"), N_("Mother's employer or occupation"),
          N_("Mother lives with the child"), N_("Mother's situation")),
  { "other_guardian_name", "其他监护人（受委托照护人）姓名", N_("Other guardian's name"),
    TX_FIELD_TEXT, 30, NULL, FALSE, FALSE, NULL, "accompanied_by = other_guardian", NULL, NULL },
  { "other_guardian_relation", "与儿童关系", N_("Relation to the child"), TX_FIELD_CHOICE, 0,
    relation, FALSE, FALSE, NULL, NULL, NULL, NULL },
  { "other_guardian_id", "其他监护人身份证号", N_("Other guardian's identity number"),
    TX_FIELD_ID18, 18, NULL, FALSE, FALSE, NULL, NULL, NULL, NULL },
  { "other_guardian_phone", "其他监护人联系电话", N_("Other guardian's phone"), TX_FIELD_PHONE, 20,
    NULL, FALSE, FALSE, NULL, NULL, NULL, NULL },
  { "family_structure", "家庭结构", N_("Family structure"), TX_FIELD_CHOICE, 0, family_structure,
    TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "actual_guardian", "实际监护人", N_("Actual guardian"), TX_FIELD_CHOICE, 0, actual_guardian,
    TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "guardianship", "监护状况评估", N_("Guardianship assessment"), TX_FIELD_CHOICE, 0,
    guardianship, TRUE, FALSE, NULL, NULL, NULL,
    N_("Good: the guardian fulfils the duty well. Average: the duty is basically fulfilled, "
       "with a latent risk. Poor: no guardian, or the child's living, schooling or "
       "development is not secured.") },
  { "guardianship_problem", "监护问题", N_("Guardianship problems"), TX_FIELD_MULTI, 0,
    guardianship_problem, FALSE, FALSE, NULL, "guardianship = poor", NULL,
    N_("At least one is required when the assessment is “Poor”.") },
  SECTION,
  /* 九、生活保障情况 */
  { "income", "家庭经济来源", N_("Family income"), TX_FIELD_MULTI, 0, income, TRUE, FALSE,
    NULL, NULL, NULL, NULL },
  { "living_difficulty", "家庭生活困难", N_("Family living difficulty"), TX_FIELD_CHOICE, 0,
    yes_no, TRUE, FALSE, NULL, NULL, NULL, NULL },
  { "support", "享受保障情况", N_("Support received"), TX_FIELD_MULTI, 0, support, FALSE, FALSE,
    NULL, NULL, NULL, N_("“None” cannot be ticked together with the others.") },
  { "housing", "住房情况", N_("Housing"), TX_FIELD_CHOICE, 0, housing, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
  SECTION,
  /* 十、重点关爱情形与需求 */
  { "key_care_reasons", "重点关爱情形", N_("Key-care situations"), TX_FIELD_MULTI, 0,
    key_care_reasons, FALSE, FALSE, NULL, NULL, NULL,
    N_("Situations that follow from the form are ticked automatically and stay ticked while "
       "their cause holds.") },
  { "key_care", "重点关爱服务对象", N_("Key-care child"), TX_FIELD_CHOICE, 0, yes_no,
    FALSE, TRUE, NULL, NULL, NULL, N_("Yes when any key-care situation is ticked.") },
  { "needs", "需求", N_("Needs"), TX_FIELD_MULTI, 0, needs, FALSE, FALSE, NULL, NULL, NULL, NULL },
  { "needs_note", "需求说明", N_("About the needs"), TX_FIELD_TEXT, 200, NULL, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
  { "remarks", "备注", N_("Remarks"), TX_FIELD_TEXT, 200, NULL, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
  SECTION,
  /* 表尾 */
  { "filler", "填表人", N_("Filled in by"), TX_FIELD_TEXT, 30, NULL, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
  { "reviewer", "复核人", N_("Reviewed by"), TX_FIELD_TEXT, 30, NULL, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
  { "unit_head", "单位负责人", N_("Head of unit"), TX_FIELD_TEXT, 30, NULL, FALSE, FALSE,
    NULL, NULL, NULL, NULL },
};

static TxField *packed;
static TxForm form;
static GHashTable *by_key;

static TxCondition *
parse_condition (const char *text,
                 const TxField *owner)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", 3);
  TxCondition *cond;

  if (g_strv_length (parts) != 3)
    g_error ("bad condition “%s” on field %s", text, owner->key);

  cond = g_new0 (TxCondition, 1);
  cond->field = GPOINTER_TO_INT (g_hash_table_lookup (by_key, parts[0])) - 1;
  if (cond->field < 0)
    g_error ("condition on %s names unknown field %s", owner->key, parts[0]);
  if (g_str_equal (parts[1], "="))
    cond->op = TX_COND_EQ;
  else if (g_str_equal (parts[1], "in"))
    cond->op = TX_COND_IN;
  else if (g_str_equal (parts[1], "has"))
    cond->op = TX_COND_HAS;
  else
    g_error ("bad operator in condition “%s”", text);
  cond->codes = g_strsplit (parts[2], "|", -1);

  for (guint i = 0; cond->codes[i]; i++)
    if (!tx_field_choice (&packed[cond->field], cond->codes[i]))
      g_error ("condition on %s names unknown code %s", owner->key, cond->codes[i]);

  return cond;
}

static gpointer
build_form (gpointer data)
{
  guint n = 0, section = 0;

  packed = g_new0 (TxField, G_N_ELEMENTS (fields));
  by_key = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      TxField *f;

      if (fields[i].key == NULL)
        {
          section++;
          continue;
        }
      f = &packed[n];
      *f = fields[i];
      f->index = n;
      f->section = section;
      if (f->choices)
        while (f->choices[f->n_choices].code)
          f->n_choices++;
      g_hash_table_insert (by_key, (gpointer) f->key, GINT_TO_POINTER (n + 1));
      n++;
    }
  g_assert (section + 1 == G_N_ELEMENTS (sections));

  form.sections = sections;
  form.n_sections = G_N_ELEMENTS (sections);
  form.fields = packed;
  form.n_fields = n;

  for (guint i = 0; i < n; i++)
    {
      /* tx_rules_apply() drops inapplicable values in one pass, which is right
       * only while conditions test fields that have no condition themselves */
      if (packed[i].applies_when)
        packed[i].applies = parse_condition (packed[i].applies_when, &packed[i]);
      if (packed[i].required_when)
        packed[i].required_if = parse_condition (packed[i].required_when, &packed[i]);
    }

  for (guint i = 0; i < n; i++)
    if (packed[i].applies && packed[packed[i].applies->field].applies)
      g_error ("the condition of %s tests a conditional field", packed[i].key);

  return &form;
}

/**
 * tx_form_get:
 *
 * Returns: (transfer none): the registration form declaration
 */
const TxForm *
tx_form_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_form, NULL);
}

int
tx_form_index (const char *key)
{
  tx_form_get ();
  return GPOINTER_TO_INT (g_hash_table_lookup (by_key, key)) - 1;
}

const TxField *
tx_form_lookup (const char *key)
{
  int i = tx_form_index (key);

  return i < 0 ? NULL : &form.fields[i];
}

const TxChoice *
tx_field_choice (const TxField *field,
                 const char    *code)
{
  return tx_choice_find (field->choices, code);
}

/**
 * tx_choice_find:
 * @choices: a list ended by a choice with a %NULL code
 * @code: (nullable): a stable code
 *
 * Returns: (nullable): the choice with @code
 */
const TxChoice *
tx_choice_find (const TxChoice *choices,
                const char     *code)
{
  for (guint i = 0; choices && code && choices[i].code; i++)
    if (g_str_equal (choices[i].code, code))
      return &choices[i];
  return NULL;
}

/**
 * tx_choice_labels:
 * @choices: a list ended by a choice with a %NULL code
 * @codes: (nullable): codes, comma separated
 * @separator: what goes between two labels
 *
 * The labels of @codes in the language shown; a code not in @choices is
 * shown as it is.
 *
 * Returns: (transfer full): the labels
 */
char *
tx_choice_labels (const TxChoice *choices,
                  const char     *codes,
                  const char     *separator)
{
  g_auto(GStrv) parts = g_strsplit (codes ? codes : "", ",", -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      const TxChoice *c = tx_choice_find (choices, parts[i]);

      if (s->len)
        g_string_append (s, separator);
      g_string_append (s, c ? tx_choice_label (c) : parts[i]);
    }
  return g_string_free (s, FALSE);
}

int
tx_field_choice_position (const TxField *field,
                          const char    *code)
{
  if (field->choices == NULL || code == NULL)
    return -1;
  for (guint i = 0; field->choices[i].code; i++)
    if (g_str_equal (field->choices[i].code, code))
      return i;
  return -1;
}

/**
 * tx_field_choice_parse:
 *
 * Finds a choice by its code, its Chinese label (with or without the
 * full-width brackets of the paper) or its English label, ignoring case.
 *
 * Returns: (nullable): the choice, or %NULL when nothing matches
 */
const TxChoice *
tx_field_choice_parse (const TxField *field,
                       const char    *text)
{
  const TxChoice *c;

  if (field->choices == NULL || text == NULL)
    return NULL;
  if ((c = tx_field_choice (field, text)))
    return c;
  for (guint i = 0; field->choices[i].code; i++)
    {
      c = &field->choices[i];
      if (g_str_equal (c->zh, text) ||
          g_ascii_strcasecmp (c->en, text) == 0 ||
          g_utf8_collate (_(c->en), text) == 0)
        return c;
    }
  return NULL;
}

/**
 * tx_ui_is_chinese:
 *
 * Whether the user interface is shown in Chinese, that is, whether the
 * zh_CN translation is in effect. Form labels are declared in both
 * languages, so they follow the same decision as the translated strings.
 */
gboolean
tx_ui_is_chinese (void)
{
  /* Translators: write “zh” here; it makes the form show its Chinese labels */
  return g_str_has_prefix (C_("language of the form labels", "en"), "zh");
}

const char *
tx_field_label (const TxField *field)
{
  return tx_ui_is_chinese () ? field->zh : _(field->en);
}

const char *
tx_choice_label (const TxChoice *choice)
{
  return tx_ui_is_chinese () ? choice->zh : _(choice->en);
}

const char *
tx_section_label (const TxSection *section)
{
  return tx_ui_is_chinese () ? section->zh : _(section->en);
}

const char *
tx_field_type_name (TxFieldType type)
{
  switch (type)
    {
    case TX_FIELD_TEXT: return "text";
    case TX_FIELD_DATE: return "date";
    case TX_FIELD_CHOICE: return "choice";
    case TX_FIELD_MULTI: return "multi";
    case TX_FIELD_DIVISION: return "division";
    case TX_FIELD_ID18: return "id18";
    case TX_FIELD_PHONE: return "phone";
    default: g_assert_not_reached ();
    }
}

/**
 * tx_form_describe_json:
 *
 * Returns: (transfer full): the whole declaration as pretty-printed JSON
 */
char *
tx_form_describe_json (void)
{
  const TxForm *f = tx_form_get ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "form");
  json_builder_add_string_value (b, "流动儿童基本情况登记表");
  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint s = 0; s < f->n_sections; s++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, f->sections[s].key);
      json_builder_set_member_name (b, "zh");
      json_builder_add_string_value (b, f->sections[s].zh);
      json_builder_set_member_name (b, "en");
      json_builder_add_string_value (b, f->sections[s].en);
      json_builder_set_member_name (b, "fields");
      json_builder_begin_array (b);
      for (guint i = 0; i < f->n_fields; i++)
        {
          const TxField *fl = &f->fields[i];

          if (fl->section != (int) s)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, fl->key);
          json_builder_set_member_name (b, "zh");
          json_builder_add_string_value (b, fl->zh);
          json_builder_set_member_name (b, "en");
          json_builder_add_string_value (b, fl->en);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, tx_field_type_name (fl->type));
          if (fl->max_len)
            {
              json_builder_set_member_name (b, fl->type == TX_FIELD_DIVISION ? "digits" : "max_length");
              json_builder_add_int_value (b, fl->max_len);
            }
          json_builder_set_member_name (b, "required");
          json_builder_add_boolean_value (b, fl->required);
          json_builder_set_member_name (b, "derived");
          json_builder_add_boolean_value (b, fl->derived);
          if (fl->applies_when)
            {
              json_builder_set_member_name (b, "applies_when");
              json_builder_add_string_value (b, fl->applies_when);
            }
          if (fl->required_when)
            {
              json_builder_set_member_name (b, "required_when");
              json_builder_add_string_value (b, fl->required_when);
            }
          if (fl->default_code)
            {
              json_builder_set_member_name (b, "default");
              json_builder_add_string_value (b, fl->default_code);
            }
          if (fl->note)
            {
              json_builder_set_member_name (b, "note");
              json_builder_add_string_value (b, fl->note);
            }
          if (fl->choices)
            {
              json_builder_set_member_name (b, "choices");
              json_builder_begin_array (b);
              for (guint c = 0; fl->choices[c].code; c++)
                {
                  json_builder_begin_object (b);
                  json_builder_set_member_name (b, "code");
                  json_builder_add_string_value (b, fl->choices[c].code);
                  json_builder_set_member_name (b, "zh");
                  json_builder_add_string_value (b, fl->choices[c].zh);
                  json_builder_set_member_name (b, "en");
                  json_builder_add_string_value (b, fl->choices[c].en);
                  if (fl->choices[c].flags & TX_CHOICE_DERIVED)
                    {
                      json_builder_set_member_name (b, "derived");
                      json_builder_add_boolean_value (b, TRUE);
                    }
                  if (fl->choices[c].flags & TX_CHOICE_BY_HAND_IF_WARNED)
                    {
                      json_builder_set_member_name (b, "by_hand_if_warned");
                      json_builder_add_boolean_value (b, TRUE);
                    }
                  json_builder_end_object (b);
                }
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
