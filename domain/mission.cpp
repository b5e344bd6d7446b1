#include "domain/mission.h"

#include "domain/validation.h"

namespace estate {

std::vector<FieldError> validate(const Mission& m) {
  Validator v;
  v.code("code", m.code);
  v.text("name_en", m.name_en);
  v.text("name_zh", m.name_zh);
  v.text("city", m.city);
  v.check((m.region == Region::domestic) == (m.type == MissionType::domestic), "type",
          MessageCode::domestic_type_region);
  return v.errors();
}

}  // namespace estate
