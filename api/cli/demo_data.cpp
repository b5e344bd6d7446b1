#include "api/cli/demo_data.h"

#include <map>
#include <stdexcept>

namespace estate::api {

namespace {

const Actor kSeed{"seed-demo"};

template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("demo data: " + r.error().message);
  return std::move(r).value();
}

Date day(const char* text) {
  return must(parse_date(text));
}

struct MissionRow {
  const char *code, *name_en, *name_zh, *country, *city;
  Region region;
  MissionType type;
  const char *currency, *zone;
};

// Missions: real names of the ministry's missions; the register's data below is illustrative.
const MissionRow kMissions[] = {
    {"SYD", "Taipei Economic and Cultural Office in Sydney", "駐雪梨台北經濟文化辦事處", "AU",
     "Sydney", Region::east_asia_pacific, MissionType::office, "AUD", "Australia/Sydney"},
    {"TYO", "Taipei Economic and Cultural Representative Office in Japan", "台北駐日經濟文化代表處",
     "JP", "Tokyo", Region::east_asia_pacific, MissionType::representative_office, "JPY",
     "Asia/Tokyo"},
    {"MNL", "Taipei Economic and Cultural Office in the Philippines", "駐菲律賓台北經濟文化辦事處",
     "PH", "Manila", Region::east_asia_pacific, MissionType::representative_office, "PHP",
     "Asia/Manila"},
    {"SWZ", "Embassy of the Republic of China (Taiwan) in the Kingdom of Eswatini",
     "中華民國駐史瓦帝尼王國大使館", "SZ", "Mbabane", Region::west_asia_africa,
     MissionType::embassy, "SZL", "Africa/Mbabane"},
    {"DXB", "Taipei Commercial Office in Dubai", "駐杜拜台北商務辦事處", "AE", "Dubai",
     Region::west_asia_africa, MissionType::office, "AED", "Asia/Dubai"},
    {"ROM", "Taipei Representative Office in Italy", "駐義大利台北代表處", "IT", "Rome",
     Region::europe, MissionType::representative_office, "EUR", "Europe/Rome"},
    {"LON", "Taipei Representative Office in the United Kingdom", "駐英國台北代表處", "GB",
     "London", Region::europe, MissionType::representative_office, "GBP", "Europe/London"},
    {"VAT", "Embassy of the Republic of China (Taiwan) to the Holy See", "中華民國駐教廷大使館",
     "VA", "Vatican City", Region::europe, MissionType::embassy, "EUR", "Europe/Vatican"},
    {"WAS", "Taipei Economic and Cultural Representative Office in the United States",
     "駐美國台北經濟文化代表處", "US", "Washington, D.C.", Region::north_america,
     MissionType::representative_office, "USD", "America/New_York"},
    {"LAX", "Taipei Economic and Cultural Office in Los Angeles", "駐洛杉磯台北經濟文化辦事處",
     "US", "Los Angeles", Region::north_america, MissionType::office, "USD", "America/Los_Angeles"},
    {"BOS", "Taipei Economic and Cultural Office in Boston", "駐波士頓台北經濟文化辦事處", "US",
     "Boston", Region::north_america, MissionType::office, "USD", "America/New_York"},
    {"PRY", "Embassy of the Republic of China (Taiwan) in Paraguay", "中華民國駐巴拉圭共和國大使館",
     "PY", "Asunción", Region::latin_america_caribbean, MissionType::embassy, "PYG",
     "America/Asuncion"},
    {"GTM", "Embassy of the Republic of China (Taiwan) in Guatemala",
     "中華民國駐瓜地馬拉共和國大使館", "GT", "Guatemala City", Region::latin_america_caribbean,
     MissionType::embassy, "GTQ", "America/Guatemala"},
    {"DOM", "Ministry of Foreign Affairs, domestic estates", "外交部國內房地", "TW", "Taipei",
     Region::domestic, MissionType::domestic, "TWD", "Asia/Taipei"},
};

struct TenureRow {
  TenureType type;
  const char* from;
  const char* to;  // nullptr: open
};

struct PropertyRow {
  const char* mission;  // nullptr: domestic, no mission
  const char *code, *name;
  PropertyKind kind;
  const char *address, *area;
  PropertyStatus status;
  std::vector<std::string> agencies;
  std::vector<TenureRow> tenure;
};

// Each demo property's Chinese name, as the ministry's staff call it: the mission's own
// Chinese name and what the building is to it.
const std::map<std::string, std::string>& property_names_zh() {
  static const std::map<std::string, std::string> names = {
      {"SYD-OFF-1", "駐雪梨辦事處辦公館舍"},
      {"SYD-RES-1", "駐雪梨辦事處館長宿舍"},
      {"TYO-OFF-1", "台北駐日經濟文化代表處辦公館舍"},
      {"TYO-RES-1", "台北駐日經濟文化代表處代表官舍"},
      {"MNL-OFF-1", "駐菲律賓台北經濟文化辦事處辦公館舍"},
      {"SWZ-OFF-1", "駐史瓦帝尼大使館館舍"},
      {"SWZ-RES-1", "駐史瓦帝尼大使官舍"},
      {"DXB-OFF-1", "駐杜拜台北商務辦事處辦公館舍"},
      {"ROM-OFF-1", "駐義大利台北代表處辦公館舍"},
      {"LON-OFF-1", "駐英國台北代表處辦公館舍"},
      {"LON-RES-1", "駐英國台北代表處代表官舍"},
      {"VAT-OFF-1", "駐教廷大使館館舍"},
      {"WAS-OFF-1", "駐美國台北經濟文化代表處辦公館舍"},
      {"WAS-OFF-2", "駐美國台北經濟文化代表處其他機關辦公館舍"},
      {"WAS-RES-1", "雙橡園"},
      {"LAX-OFF-1", "駐洛杉磯台北經濟文化辦事處辦公館舍"},
      {"BOS-OFF-1", "駐波士頓台北經濟文化辦事處辦公館舍"},
      {"PRY-OFF-1", "駐巴拉圭大使館館舍"},
      {"PRY-RES-1", "駐巴拉圭大使官舍"},
      {"GTM-OFF-1", "駐瓜地馬拉大使館館舍"},
      {"GTM-RES-1", "駐瓜地馬拉大使官舍"},
      {"ZY-DORM-1", "致遠新村輪調宿舍"},
      {"ZY-ARCH-1", "外交檔案管理中心"},
  };
  return names;
}

const std::vector<PropertyRow>& property_rows() {
  using K = PropertyKind;
  using S = PropertyStatus;
  using T = TenureType;
  static const std::vector<PropertyRow> rows = {
      {"SYD",
       "SYD-OFF-1",
       "Sydney office",
       K::office,
       "Level 22, 1 York Street, Sydney NSW",
       "1250.00",
       S::active,
       {"MOFA", "MOEA"},
       // Bought: occupied 2026-07-01 (ACQ-SYD-2026).
       {{T::leased, "2015-07-01", "2026-06-30"}, {T::owned, "2026-07-01", nullptr}}},
      {"SYD",
       "SYD-RES-1",
       "Sydney chief-of-mission residence",
       K::chief_residence,
       "Mosman NSW",
       "420.00",
       S::active,
       {"MOFA"},
       {{T::leased, "2019-01-01", nullptr}}},
      {"TYO",
       "TYO-OFF-1",
       "Tokyo representative office",
       K::office,
       "Shirokanedai, Minato-ku",
       "3100.00",
       S::active,
       {"MOFA", "MOEA", "MOE"},
       {{T::owned, "1990-04-01", nullptr}}},
      {"TYO",
       "TYO-RES-1",
       "Tokyo representative's residence",
       K::chief_residence,
       "Minato-ku, Tokyo",
       "610.00",
       S::active,
       {"MOFA"},
       {{T::owned, "1995-10-01", nullptr}}},
      {"MNL",
       "MNL-OFF-1",
       "Manila office",
       K::office,
       "Taipei 101 analogue tower, Makati City",
       "1480.50",
       S::active,
       {"MOFA", "MOEA", "MOL"},
       {{T::leased, "2012-03-01", nullptr}}},
      {"SWZ",
       "SWZ-OFF-1",
       "Mbabane chancery",
       K::office,
       "Mbabane",
       "900.00",
       S::active,
       {"MOFA"},
       {{T::provided, "1990-01-01", nullptr}}},
      {"SWZ",
       "SWZ-RES-1",
       "Ambassador's residence, Mbabane",
       K::chief_residence,
       "Mbabane",
       "520.00",
       S::active,
       {"MOFA"},
       {{T::owned, "2001-06-01", nullptr}}},
      {"DXB",
       "DXB-OFF-1",
       "Dubai office",
       K::office,
       "World Trade Centre, Dubai",
       "640.00",
       S::active,
       {"MOFA", "MOEA"},
       {{T::leased, "2018-01-01", nullptr}}},
      {"ROM",
       "ROM-OFF-1",
       "Rome office",
       K::office,
       "Viale Liegi, Roma",
       "1100.00",
       S::active,
       {"MOFA", "MOEA"},
       {{T::leased, "2009-01-01", "2024-03-31"}, {T::owned, "2024-04-01", nullptr}}},
      {"LON",
       "LON-OFF-1",
       "London office",
       K::office,
       "Grosvenor Gardens, London",
       "1350.00",
       S::active,
       {"MOFA", "MOEA"},
       {{T::leased, "2014-09-29", nullptr}}},
      {"LON",
       "LON-RES-1",
       "London representative's residence",
       K::chief_residence,
       "Hampstead, London",
       "480.00",
       S::active,
       {"MOFA"},
       {{T::owned, "1999-05-01", nullptr}}},
      {"VAT",
       "VAT-OFF-1",
       "Chancery to the Holy See",
       K::office,
       "Via della Conciliazione, Roma",
       "700.00",
       S::active,
       {"MOFA"},
       {{T::leased, "2016-01-01", nullptr}}},
      {"WAS",
       "WAS-OFF-1",
       "TECRO office",
       K::office,
       "Wisconsin Avenue NW, Washington",
       "5200.00",
       S::active,
       {"MOFA"},
       {{T::owned, "1994-01-01", nullptr}}},
      {"WAS",
       "WAS-OFF-2",
       "Washington annex for other agencies",
       K::office,
       "K Street NW, Washington",
       "1800.00",
       S::active,
       {"MOEA", "MND", "NSTC"},
       {{T::leased, "2017-04-01", nullptr}}},
      {"WAS",
       "WAS-RES-1",
       "Twin Oaks",
       K::chief_residence,
       "Woodley Road NW, Washington",
       "1700.00",
       S::active,
       {"MOFA"},
       {{T::owned, "1947-01-01", nullptr}}},
      {"LAX",
       "LAX-OFF-1",
       "Los Angeles office",
       K::office,
       "Wilshire Boulevard, Los Angeles",
       "2300.00",
       S::active,
       {"MOFA", "MOEA"},
       {{T::leased, "2008-01-01", "2023-12-31"}, {T::owned, "2024-01-01", nullptr}}},
      {"BOS",
       "BOS-OFF-1",
       "Boston office",
       K::office,
       "Boylston Street, Boston",
       "980.00",
       S::active,
       {"MOFA", "MOEA"},
       {{T::leased, "2013-10-01", nullptr}}},
      {"PRY",
       "PRY-OFF-1",
       "Asunción chancery",
       K::office,
       "Avenida Mariscal López, Asunción",
       "1250.00",
       S::active,
       {"MOFA", "ICDF"},
       {{T::owned, "1998-03-01", nullptr}}},
      {"PRY",
       "PRY-RES-1",
       "Ambassador's residence, Asunción",
       K::chief_residence,
       "Asunción",
       "650.00",
       S::active,
       {"MOFA"},
       {{T::owned, "1998-03-01", nullptr}}},
      {"GTM",
       "GTM-OFF-1",
       "Guatemala City chancery",
       K::office,
       "Zona 14, Guatemala City",
       "1050.00",
       S::active,
       {"MOFA"},
       {{T::owned, "2000-08-01", nullptr}}},
      {"GTM",
       "GTM-RES-1",
       "Ambassador's residence, Guatemala City",
       K::chief_residence,
       "Zona 15, Guatemala City",
       "560.00",
       S::active,
       {"MOFA"},
       {{T::leased, "2020-02-01", nullptr}}},
      {nullptr,
       "ZY-DORM-1",
       "Zhiyuan New Village rotation dormitories (致遠新村輪調宿舍)",
       K::staff_residence,
       "Zhiyuan New Village, Beitou District, Taipei",
       "9600.00",
       S::under_construction,
       {"MOFA"},
       {{T::owned, "1981-01-01", nullptr}}},
      {nullptr,
       "ZY-ARCH-1",
       "Diplomatic archives management centre (外交檔案管理中心)",
       K::archive,
       "Zhiyuan New Village, Beitou District, Taipei",
       "4200.00",
       S::planned,
       {"MOFA"},
       {{T::owned, "1981-01-01", nullptr}}},
  };
  return rows;
}

struct LeaseRow {
  const char *property, *lessor, *start, *end, *rent, *pct;  // pct nullptr: no escalation
  RentPeriod period;
  int notice_days;
};

const LeaseRow kLeases[] = {
    {"SYD-OFF-1", "York Street Property Trust", "2015-07-01", "2027-06-30", "95000.00", "3.00",
     RentPeriod::monthly, 180},
    {"SYD-RES-1", "Private lessor, Mosman", "2019-01-01", "2027-12-31", "13500.00", "2.50",
     RentPeriod::monthly, 90},
    {"MNL-OFF-1", "Makati office landlord", "2012-03-01", "2027-02-28", "1450000.00", "5.00",
     RentPeriod::monthly, 90},
    {"DXB-OFF-1", "World Trade Centre Dubai", "2018-01-01", "2026-12-31", "520000.00", nullptr,
     RentPeriod::annual, 90},
    {"ROM-OFF-1", "Immobiliare Liegi S.r.l.", "2009-01-01", "2024-03-31", "38000.00", "2.00",
     RentPeriod::monthly, 180},
    {"LON-OFF-1", "Grosvenor estate lessor", "2014-09-29", "2029-09-28", "210000.00", "2.50",
     RentPeriod::quarterly, 180},
    {"VAT-OFF-1", "Roman property lessor", "2016-01-01", "2027-12-31", "16000.00", nullptr,
     RentPeriod::monthly, 180},
    {"WAS-OFF-2", "K Street office REIT", "2017-04-01", "2027-03-31", "98000.00", "3.00",
     RentPeriod::monthly, 180},
    {"LAX-OFF-1", "Wilshire tower owner", "2008-01-01", "2023-12-31", "82000.00", "3.00",
     RentPeriod::monthly, 180},
    {"BOS-OFF-1", "Boylston Street landlord", "2013-10-01", "2028-09-30", "61000.00", "3.00",
     RentPeriod::monthly, 180},
    {"GTM-RES-1", "Private lessor, Zona 15", "2020-02-01", "2026-01-31", "28000.00", nullptr,
     RentPeriod::monthly, 60},
};

struct FxRow {
  const char *currency, *effective, *twd_per_unit;
};

// TWD per unit, one rate a year per currency: illustrative, of the right order of magnitude.
const FxRow kFxRates[] = {
    {"AUD", "2023-01-01", "20.830000"}, {"AUD", "2024-01-01", "20.910000"},
    {"AUD", "2025-01-01", "20.350000"}, {"AUD", "2026-01-01", "20.780000"},
    {"USD", "2023-01-01", "30.710000"}, {"USD", "2024-01-01", "30.660000"},
    {"USD", "2025-01-01", "32.780000"}, {"USD", "2026-01-01", "31.450000"},
    {"EUR", "2023-01-01", "32.720000"}, {"EUR", "2024-01-01", "33.980000"},
    {"EUR", "2025-01-01", "34.140000"}, {"EUR", "2026-01-01", "36.020000"},
    {"JPY", "2024-01-01", "0.217500"},  {"JPY", "2025-01-01", "0.208600"},
    {"JPY", "2026-01-01", "0.203100"},  {"GBP", "2024-01-01", "39.100000"},
    {"GBP", "2025-01-01", "41.070000"}, {"GBP", "2026-01-01", "42.150000"},
    {"PHP", "2025-01-01", "0.566000"},  {"PHP", "2026-01-01", "0.545000"},
    {"AED", "2025-01-01", "8.925000"},  {"AED", "2026-01-01", "8.563000"},
    {"GTQ", "2025-01-01", "4.252000"},  {"GTQ", "2026-01-01", "4.101000"},
};

struct AcquisitionRow {
  const char *code, *property;
  std::vector<std::pair<AcquisitionStage, const char*>> stages;
  const char *price, *costs, *operating;  // in the replaced lease's currency
};

// Rome and Los Angeles were bought in FY 113 (public reporting: NT$408 million and about
// NT$1.16 billion); Sydney's purchase is the plan's; Boston is FY 115's new capital spending.
// Prices converted at the rates above, rounded; costs and operating costs are illustrative.
const std::vector<AcquisitionRow> kAcquisitions = {
    {"ACQ-ROM-2024",
     "ROM-OFF-1",
     {{AcquisitionStage::proposed, "2022-09-01"},
      {AcquisitionStage::appraised, "2023-01-16"},
      {AcquisitionStage::budget_approved, "2023-08-31"},
      {AcquisitionStage::contracted, "2024-01-22"},
      {AcquisitionStage::settled, "2024-03-15"},
      {AcquisitionStage::occupied, "2024-04-01"}},
     "11600000.00",
     "408000.00",
     "185000.00"},
    {"ACQ-LAX-2024",
     "LAX-OFF-1",
     {{AcquisitionStage::proposed, "2021-10-01"},
      {AcquisitionStage::appraised, "2022-03-01"},
      {AcquisitionStage::budget_approved, "2022-08-31"},
      {AcquisitionStage::contracted, "2023-06-30"},
      {AcquisitionStage::settled, "2023-12-15"},
      {AcquisitionStage::occupied, "2024-01-01"}},
     "36500000.00",
     "1330000.00",
     "460000.00"},
    {"ACQ-SYD-2026",
     "SYD-OFF-1",
     {{AcquisitionStage::proposed, "2024-03-01"},
      {AcquisitionStage::appraised, "2024-09-16"},
      {AcquisitionStage::budget_approved, "2025-08-28"},
      {AcquisitionStage::contracted, "2026-03-20"},
      {AcquisitionStage::settled, "2026-06-19"},
      {AcquisitionStage::occupied, "2026-07-01"}},
     "52000000.00",
     "2600000.00",
     "400000.00"},
    {"ACQ-BOS-2026",
     "BOS-OFF-1",
     {{AcquisitionStage::proposed, "2025-08-28"},
      {AcquisitionStage::appraised, "2025-11-14"},
      {AcquisitionStage::budget_approved, "2026-01-01"}},
     "4970000.00",
     "250000.00",
     "130000.00"},
    // Candidates for the purchase plan (優先購置規劃): ILLUSTRATIVE figures, chosen so that the
    // plan shows a real choice. As of 2026-12-31 (NT$: cost, present-value saving): Boston
    // 164 M / 894 M, Washington 600 M / 703 M, London 520 M / 588 M, Manila 480 M / 302 M.
    // Within NT$1,200,000,000 the best set is Boston + London + Manila (NT$1,784 M saved),
    // not Boston + Washington (NT$1,596 M), which greedy by ratio or by saving would take.
    {"ACQ-WAS-2027",
     "WAS-OFF-2",
     {{AcquisitionStage::proposed, "2026-03-02"}, {AcquisitionStage::appraised, "2026-06-15"}},
     "18200000.00",
     "880000.00",
     "480000.00"},
    {"ACQ-LON-2027",
     "LON-OFF-1",
     {{AcquisitionStage::proposed, "2026-02-02"}, {AcquisitionStage::appraised, "2026-05-18"}},
     "11800000.00",
     "540000.00",
     "420000.00"},
    {"ACQ-MNL-2027",
     "MNL-OFF-1",
     {{AcquisitionStage::proposed, "2025-09-01"}},
     "840000000.00",
     "40000000.00",
     "7000000.00"},
};

// ---- budget (all NT$, illustrative) ----

struct BudgetLineRow {
  const char *code, *name_zh, *name_en;
};

const BudgetLineRow kBudgetLines[] = {
    {"MOFA-PREMISES", "購建駐外機構館官舍", "Purchase and construction of mission premises"},
    {"MOFA-ZHIYUAN", "致遠新村活化再利用計畫",
     "Zhiyuan New Village renewal: rotation dormitories and diplomatic archives centre"},
};

struct AppropriationRow {
  const char* line;
  int fiscal_year;  // ROC
  const char* amount;
};

const AppropriationRow kAppropriations[] = {
    {"MOFA-PREMISES", 114, "1200000000"}, {"MOFA-PREMISES", 115, "1580000000"},
    {"MOFA-PREMISES", 116, "900000000"},  {"MOFA-ZHIYUAN", 114, "120000000"},
    {"MOFA-ZHIYUAN", 115, "380000000"},   {"MOFA-ZHIYUAN", 116, "520000000"},
};

struct SpendRow {
  const char *line, *on, *amount;
  const char* acquisition;  // code, or nullptr
  bool zhiyuan;             // charged to the Zhiyuan project
  const char* text;
};

// The Sydney purchase: AUD 52,000,000 price and AUD 2,600,000 costs at 20.78 TWD/AUD
// (deposit 10 % on contract, the rest at settlement); Zhiyuan: design, then construction.
const SpendRow kExpenditures[] = {
    {"MOFA-PREMISES", "2025-10-15", "4500000", "ACQ-SYD-2026", false,
     "Sydney office: legal and technical due diligence"},
    {"MOFA-PREMISES", "2026-03-20", "108056000", "ACQ-SYD-2026", false,
     "Sydney office: 10 % deposit on contract (AUD 5,200,000)"},
    {"MOFA-PREMISES", "2026-06-19", "972504000", "ACQ-SYD-2026", false,
     "Sydney office: balance at settlement (AUD 46,800,000)"},
    {"MOFA-PREMISES", "2026-06-19", "54028000", "ACQ-SYD-2026", false,
     "Sydney office: stamp duty and purchase costs (AUD 2,600,000)"},
    {"MOFA-PREMISES", "2026-09-10", "1850000", "ACQ-BOS-2026", false,
     "Boston office: appraisal and broker fees"},
    {"MOFA-ZHIYUAN", "2025-05-15", "18000000", nullptr, true, "設計監造 first instalment"},
    {"MOFA-ZHIYUAN", "2025-11-20", "52000000", nullptr, true, "設計監造 second instalment"},
    {"MOFA-ZHIYUAN", "2026-02-26", "96000000", nullptr, true, "主體工程 progress payment 1"},
    {"MOFA-ZHIYUAN", "2026-05-29", "88500000", nullptr, true, "主體工程 progress payment 2"},
    {"MOFA-ZHIYUAN", "2026-08-31", "101250000", nullptr, true, "主體工程 progress payment 3"},
    {"MOFA-ZHIYUAN", "2026-10-30", "64000000", nullptr, true, "主體工程 progress payment 4"},
};

struct CommitmentRow {
  const char *line, *signed_on, *counterparty, *amount, *paid;
  const char* acquisition;
  bool zhiyuan;
};

const CommitmentRow kCommitments[] = {
    {"MOFA-PREMISES", "2026-03-20", "York Street Property Trust (Sydney purchase contract)",
     "1080560000", "1080560000", "ACQ-SYD-2026", false},
    {"MOFA-PREMISES", "2026-02-10", "Boston commercial broker", "3000000", "1850000",
     "ACQ-BOS-2026", false},
    {"MOFA-ZHIYUAN", "2025-04-01", "Architects' consortium (design and supervision)", "75000000",
     "70000000", nullptr, true},
    {"MOFA-ZHIYUAN", "2026-01-20", "General contractor (dormitories and archives centre)",
     "780000000", "349750000", nullptr, true},
};

const char* const kZhiyuanProgress[][2] = {
    {"2025-06-30", "3.00"},  {"2025-12-31", "7.80"},  {"2026-03-31", "16.00"},
    {"2026-06-30", "26.50"}, {"2026-09-30", "36.00"},
};

std::map<std::string, BudgetLine> seed_budget_lines(persistence::Store& store, UnitOfWork& work,
                                                     SeedResult& out) {
  std::map<std::string, BudgetLine> lines;
  for (const BudgetLineRow& r : kBudgetLines) {
    BudgetLine b;
    b.code = r.code;
    b.name_zh = r.name_zh;
    b.name_en = r.name_en;
    lines.emplace(r.code, must(store.budget_lines->create(work, b)));
    ++out.budget_lines;
  }
  return lines;
}

void seed_budget(persistence::Store& store, UnitOfWork& work, const std::map<std::string, BudgetLine>& lines,
                 const std::map<std::string, Property>& properties,
                 const std::map<std::string, AcquisitionId>& acquisitions, SeedResult& out) {
  auto twd = [](const char* amount) { return must(Money::parse(amount, Currency::twd())); };
  for (const AppropriationRow& r : kAppropriations) {
    Appropriation a;
    a.budget_line_id = lines.at(r.line).id;
    a.fiscal_year = must(FiscalYear::from_roc(r.fiscal_year));
    a.amount = twd(r.amount);
    must(store.appropriations->create(work, a));
    ++out.appropriations;
  }
  Project p;
  p.code = "ZHIYUAN-RENEWAL";
  p.name_zh = "致遠新村活化再利用計畫";
  p.name_en = "Zhiyuan New Village renewal (illustrative figures)";
  p.property_ids = {properties.at("ZY-DORM-1").id, properties.at("ZY-ARCH-1").id};
  p.start = day("2025-03-01");
  p.bac = twd("1020000000");
  p.milestones = {
      {"規劃設計完成 design complete", day("2025-12-31"), must(Decimal::parse("8", 2))},
      {"宿舍主體結構完成 dormitory structure complete", day("2026-12-31"),
       must(Decimal::parse("45", 2))},
      {"輪調宿舍啟用 rotation dormitories open", day("2027-09-30"), must(Decimal::parse("70", 2))},
      {"外交檔案管理中心啟用 archives centre opens", day("2028-12-31"),
       must(Decimal::parse("100", 2))}};
  Project zhiyuan = must(store.projects->create(work, p));
  ++out.projects;
  for (const auto& [on, done] : kZhiyuanProgress) {
    ProgressReport r;
    r.project_id = zhiyuan.id;
    r.on = day(on);
    r.pct_complete = must(Decimal::parse(done, 2));
    must(store.progress->create(work, r));
    ++out.progress_reports;
  }
  auto acquisition = [&](const char* code) -> std::optional<AcquisitionId> {
    if (!code) return std::nullopt;
    return acquisitions.at(code);
  };
  for (const SpendRow& r : kExpenditures) {
    Expenditure e;
    e.on = day(r.on);
    e.amount = twd(r.amount);
    e.budget_line_id = lines.at(r.line).id;
    e.acquisition_id = acquisition(r.acquisition);
    if (r.zhiyuan) e.project_id = zhiyuan.id;
    e.description = r.text;
    must(store.expenditures->create(work, e));
    ++out.expenditures;
  }
  for (const CommitmentRow& r : kCommitments) {
    Commitment c;
    c.signed_on = day(r.signed_on);
    c.counterparty = r.counterparty;
    c.amount = twd(r.amount);
    c.paid = twd(r.paid);
    c.budget_line_id = lines.at(r.line).id;
    c.acquisition_id = acquisition(r.acquisition);
    if (r.zhiyuan) c.project_id = zhiyuan.id;
    must(store.commitments->create(work, c));
    ++out.commitments;
  }
}

Result<SeedResult> seed_demo_records(persistence::Store& store, UnitOfWork& work) {
  SeedResult out;
  auto existing = store.missions->count();
  if (!existing.ok()) return existing.error();
  if (*existing > 0) return out;
  try {
    std::map<std::string, Mission> missions;
    for (const MissionRow& r : kMissions) {
      Mission m;
      m.code = r.code;
      m.name_en = r.name_en;
      m.name_zh = r.name_zh;
      m.country = must(Country::of(r.country));
      m.city = r.city;
      m.region = r.region;
      m.type = r.type;
      m.currency = must(Currency::of(r.currency));
      m.time_zone = must(TimeZone::of(r.zone));
      missions.emplace(r.code, must(store.missions->create(work, m)));
      ++out.missions;
    }
    std::map<std::string, Property> properties;
    std::map<std::string, Lease> leases;
    for (const PropertyRow& r : property_rows()) {
      Property p;
      if (r.mission) p.mission_id = missions.at(r.mission).id;
      p.code = r.code;
      p.name = r.name;
      if (auto zh = property_names_zh().find(r.code); zh != property_names_zh().end())
        p.name_zh = zh->second;
      p.kind = r.kind;
      p.address = r.address;
      p.floor_area_m2 = must(Decimal::parse(r.area, 2));
      p.status = r.status;
      p.agencies = r.agencies;
      for (const TenureRow& t : r.tenure) {
        p.tenure.push_back(
            Tenure{t.type, day(t.from), t.to ? std::optional<Date>(day(t.to)) : std::nullopt});
      }
      properties.emplace(r.code, must(store.properties->create(work, p)));
      ++out.properties;
    }
    for (const LeaseRow& r : kLeases) {
      const Property& p = properties.at(r.property);
      Currency currency =
          p.mission_id ? missions.at(p.code.substr(0, 3)).currency : Currency::twd();
      Lease l;
      l.property_id = p.id;
      l.lessor = r.lessor;
      l.start = day(r.start);
      l.end = day(r.end);
      l.rent = must(Money::parse(r.rent, currency));
      l.period = r.period;
      if (r.pct) {
        l.escalation.kind = EscalationKind::fixed_pct;
        l.escalation.pct = must(Decimal::parse(r.pct, 2));
      }
      l.notice_days = r.notice_days;
      if (std::string(r.property) == "SYD-OFF-1") {
        l.options.push_back(LeaseOption{LeaseOptionKind::renewal, day("2026-12-31"), 5});
      }
      if (std::string(r.property) == "VAT-OFF-1") {  // open: the rent forecast may assume it
        l.options.push_back(LeaseOption{LeaseOptionKind::renewal, day("2027-06-30"), 5});
      }
      if (std::string(r.property) == "LON-OFF-1") {
        l.options.push_back(LeaseOption{LeaseOptionKind::break_clause, day("2024-03-28"), {}});
      }
      leases.emplace(r.property, must(store.leases->create(work, l)));
      ++out.leases;
    }
    for (const FxRow& r : kFxRates) {
      FxRate rate;
      rate.currency = must(Currency::of(r.currency));
      rate.effective = day(r.effective);
      rate.twd_per_unit = must(Decimal::parse(r.twd_per_unit, kFxRateScale));
      must(store.fx_rates->create(work, rate));
      ++out.fx_rates;
    }
    const auto lines = seed_budget_lines(store, work, out);
    std::map<std::string, AcquisitionId> acquisitions;
    for (const AcquisitionRow& r : kAcquisitions) {
      const Lease& replaced = leases.at(r.property);
      const Currency c = replaced.rent.currency();
      Acquisition a;
      a.code = r.code;
      a.property_id = properties.at(r.property).id;
      a.replaces_lease_ids = {replaced.id};
      for (const auto& [stage, on] : r.stages) a.stages.push_back(StageEntry{stage, day(on)});
      a.price = must(Money::parse(r.price, c));
      a.costs = must(Money::parse(r.costs, c));
      a.operating_cost_annual = must(Money::parse(r.operating, c));
      a.budget_line_id = lines.at("MOFA-PREMISES").id;
      acquisitions.emplace(r.code, must(store.acquisitions->create(work, a)).id);
      ++out.acquisitions;
    }
    seed_budget(store, work, lines, properties, acquisitions, out);
    // One change waiting for the demo finance user (DESIGN "Four eyes"): facilities asks to
    // extend the London office lease by five years, which finance approves or rejects.
    const Lease& london = leases.at("LON-OFF-1");
    ChangeRequest ask;
    ask.proposed = {"lease", london.id.value(), "update", {{"end", "2034-09-28"}},
                    london.meta.version};
    ask.sensitivity = {kRuleLeaseExtension, Role::finance};
    ask.requested_by = "demo-facilities";
    ask.maker_role = Role::facilities;
    work.journal_approved(ask.requested_by, "");
    must(store.change_requests->create(work, ask));
    ++out.change_requests;
  } catch (const std::exception& e) {
    return Error::internal(e.what());
  }
  out.seeded = true;
  return out;
}

}  // namespace

Result<SeedResult> seed_demo(persistence::Store& store) {
  // One transaction: a crash mid-seed leaves the register empty, not half seeded.
  return store.transactions->run_for<SeedResult>(
      kSeed, [&](UnitOfWork& work) { return seed_demo_records(store, work); });
}

}  // namespace estate::api
