// Sample register records shared by the test suites: the Sydney office as API.md describes it.
#pragma once

#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"

namespace estate::testing {

inline Date day(const char* text) {
  return *parse_date(text);
}

inline Mission sample_sydney_mission() {
  Mission m;
  m.code = "SYD";
  m.name_en = "Taipei Economic and Cultural Office in Sydney";
  m.name_zh = "駐雪梨台北經濟文化辦事處";
  m.country = *Country::of("AU");
  m.city = "Sydney";
  m.region = Region::east_asia_pacific;
  m.type = MissionType::office;
  m.currency = *Currency::of("AUD");
  m.time_zone = *TimeZone::of("Australia/Sydney");
  return m;
}

// The Sydney office (leased 2015-07-01 to 2026-06-30) under `mission`, with its own `code`.
inline Property sample_sydney_office(MissionId mission, const std::string& code = "SYD-OFF-1") {
  Property p;
  p.mission_id = mission;
  p.code = code;
  p.name = "Sydney office";
  p.kind = PropertyKind::office;
  p.address = "Level 22, 1 York Street";
  p.floor_area_m2 = *Decimal::parse("1250.75", 2);
  p.agencies = {"MOFA", "MOEA"};
  p.tenure = {{TenureType::leased, day("2015-07-01"), day("2026-06-30")}};
  return p;
}

}  // namespace estate::testing
