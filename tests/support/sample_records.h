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

}  // namespace estate::testing
