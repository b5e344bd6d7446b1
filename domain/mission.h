// A Mission (駐外館處) is one of the ministry's overseas missions — or the pseudo-mission for
// domestic estates — identified by a short code such as "SYD". It fixes the country, the local
// currency in which its leases are usually written, and the time zone in which its deadlines
// fall. Thread-safety: plain value.
#pragma once

#include <string>
#include <vector>

#include "domain/country.h"
#include "domain/currency.h"
#include "domain/enums.h"
#include "domain/ids.h"
#include "domain/record.h"
#include "domain/result.h"
#include "domain/time_zone.h"

namespace estate {

struct Mission {
  MissionId id;
  std::string code;
  std::string name_en;
  std::string name_zh;
  Country country;
  std::string city;
  Region region = Region::east_asia_pacific;
  MissionType type = MissionType::office;
  Currency currency;
  TimeZone time_zone;
  RecordMeta meta;
};

// Every rule a Mission must satisfy beyond its fields' types: code format, names and city
// present and short, and region/type agreeing on "domestic". Returns all violations.
std::vector<FieldError> validate(const Mission& mission);

}  // namespace estate
