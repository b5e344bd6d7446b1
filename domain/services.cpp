#include "domain/services.h"

#include "domain/passwords.h"
#include "domain/validation.h"

namespace estate {

Result<Acquisition> move_acquisition_stage(Transactions& transactions,
                                           AcquisitionRepository& acquisitions,
                                           PropertyRepository& properties, const Actor& actor,
                                           AcquisitionId id, AcquisitionStage stage, Date on,
                                           std::optional<std::int64_t> expected_version) {
  return transactions.run_for<Acquisition>(actor, [&](UnitOfWork& work) -> Result<Acquisition> {
    return move_acquisition_stage(work, acquisitions, properties, id, stage, on,
                                  expected_version);
  });
}

Result<Acquisition> move_acquisition_stage(UnitOfWork& work, AcquisitionRepository& acquisitions,
                                           PropertyRepository& properties, AcquisitionId id,
                                           AcquisitionStage stage, Date on,
                                           std::optional<std::int64_t> expected_version) {
  auto current = acquisitions.get(work, id);
  if (!current.ok()) return current.error();
  if (expected_version && current->meta.version != *expected_version) {
    return Error::stale({MessageCode::record_changed, {"acquisition", std::to_string(current->meta.version)}});
  }
  auto next = advance(*current, stage, on);
  if (!next.ok()) return next.error();
  auto saved = acquisitions.update(work, *next, current->meta.version, "stage");
  if (!saved.ok() || stage != AcquisitionStage::occupied) return saved;
  auto property = properties.get(work, current->property_id);
  if (!property.ok()) return property.error();
  auto tenure = tenure_after_purchase(property->tenure, on);
  if (!tenure.ok()) return tenure.error();
  if (*tenure) {
    Property owned = *property;
    owned.tenure = **tenure;
    auto updated = properties.update(work, owned, property->meta.version);
    if (!updated.ok()) return updated.error();
  }
  return saved;
}

}  // namespace estate

namespace estate {

std::vector<FieldError> validate_password(const std::string& password, const std::string& field) {
  Validator v;
  v.text(field, password, 1024);
  std::size_t code_points = 0;
  for (unsigned char c : password) code_points += (c & 0xC0) != 0x80 ? 1 : 0;
  if (v.ok() && code_points < 12) v.add(field, MessageCode::password_too_short);
  if (v.ok() && password.size() > 1024) v.add(field, MessageCode::password_too_long);
  if (v.ok() && is_trivial_password(password))
    v.add(field, MessageCode::password_trivial);
  if (v.ok() && is_common_password(password))
    v.add(field, MessageCode::password_common);
  return v.errors();
}

}  // namespace estate
