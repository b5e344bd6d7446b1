// The closed vocabularies of the register (regions, property kinds, tenure types, ...) and
// their one spelling on the wire and in the database. Each enum has a name table; to_string,
// parse_enum and allowed_message read it, so a new value is added in exactly one place.
// Thread-safety: immutable tables.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/message.h"

namespace estate {

enum class Region {
  east_asia_pacific,
  west_asia_africa,
  europe,
  north_america,
  latin_america_caribbean,
  domestic
};
enum class MissionType { embassy, representative_office, office, consulate_general, domestic };
enum class PropertyKind { office, chief_residence, staff_residence, archive, other };
enum class PropertyStatus { planned, under_construction, active, disposed };
enum class TenureType { owned, leased, provided };
enum class RentPeriod { monthly, quarterly, annual };
enum class EscalationKind { none, fixed_pct, steps };
enum class LeaseOptionKind { renewal, break_clause };
enum class Role { facilities, finance, auditor, admin };
// The stages of an acquisition, in the order it moves through them; cancelled ends it early.
enum class AcquisitionStage {
  proposed,
  appraised,
  budget_approved,
  contracted,
  settled,
  occupied,
  cancelled
};

// What a document attached to a record is.
enum class DocumentKind { deed, lease_contract, appraisal, contract, photo, other };
enum class DocumentStatus { filed, withdrawn };

template <class E>
struct EnumNames;

#define ESTATE_ENUM_NAMES(E, N, ...)                                                        \
  template <>                                                                               \
  struct EnumNames<E> {                                                                     \
    static constexpr std::array<std::pair<E, std::string_view>, N> table = {{__VA_ARGS__}}; \
  }

ESTATE_ENUM_NAMES(Region, 6, {Region::east_asia_pacific, "east_asia_pacific"},
                  {Region::west_asia_africa, "west_asia_africa"}, {Region::europe, "europe"},
                  {Region::north_america, "north_america"},
                  {Region::latin_america_caribbean, "latin_america_caribbean"},
                  {Region::domestic, "domestic"});
ESTATE_ENUM_NAMES(MissionType, 5, {MissionType::embassy, "embassy"},
                  {MissionType::representative_office, "representative_office"},
                  {MissionType::office, "office"},
                  {MissionType::consulate_general, "consulate_general"},
                  {MissionType::domestic, "domestic"});
ESTATE_ENUM_NAMES(PropertyKind, 5, {PropertyKind::office, "office"},
                  {PropertyKind::chief_residence, "chief_residence"},
                  {PropertyKind::staff_residence, "staff_residence"},
                  {PropertyKind::archive, "archive"}, {PropertyKind::other, "other"});
ESTATE_ENUM_NAMES(PropertyStatus, 4, {PropertyStatus::planned, "planned"},
                  {PropertyStatus::under_construction, "under_construction"},
                  {PropertyStatus::active, "active"}, {PropertyStatus::disposed, "disposed"});
ESTATE_ENUM_NAMES(TenureType, 3, {TenureType::owned, "owned"}, {TenureType::leased, "leased"},
                  {TenureType::provided, "provided"});
ESTATE_ENUM_NAMES(RentPeriod, 3, {RentPeriod::monthly, "monthly"},
                  {RentPeriod::quarterly, "quarterly"}, {RentPeriod::annual, "annual"});
ESTATE_ENUM_NAMES(EscalationKind, 3, {EscalationKind::none, "none"},
                  {EscalationKind::fixed_pct, "fixed_pct"}, {EscalationKind::steps, "steps"});
ESTATE_ENUM_NAMES(LeaseOptionKind, 2, {LeaseOptionKind::renewal, "renewal"},
                  {LeaseOptionKind::break_clause, "break"});
ESTATE_ENUM_NAMES(Role, 4, {Role::facilities, "facilities"}, {Role::finance, "finance"},
                  {Role::auditor, "auditor"}, {Role::admin, "admin"});

ESTATE_ENUM_NAMES(AcquisitionStage, 7, {AcquisitionStage::proposed, "proposed"},
                  {AcquisitionStage::appraised, "appraised"},
                  {AcquisitionStage::budget_approved, "budget_approved"},
                  {AcquisitionStage::contracted, "contracted"},
                  {AcquisitionStage::settled, "settled"}, {AcquisitionStage::occupied, "occupied"},
                  {AcquisitionStage::cancelled, "cancelled"});

ESTATE_ENUM_NAMES(DocumentKind, 6, {DocumentKind::deed, "deed"},
                  {DocumentKind::lease_contract, "lease_contract"},
                  {DocumentKind::appraisal, "appraisal"}, {DocumentKind::contract, "contract"},
                  {DocumentKind::photo, "photo"}, {DocumentKind::other, "other"});
ESTATE_ENUM_NAMES(DocumentStatus, 2, {DocumentStatus::filed, "filed"},
                  {DocumentStatus::withdrawn, "withdrawn"});

#undef ESTATE_ENUM_NAMES

template <class E>
std::string_view to_string(E value) {
  for (const auto& [e, name] : EnumNames<E>::table)
    if (e == value) return name;
  return "?";
}

template <class E>
std::optional<E> parse_enum(std::string_view text) {
  for (const auto& [e, name] : EnumNames<E>::table)
    if (name == text) return e;
  return std::nullopt;
}

// "a, b, c": the values in the table, as the message for a value not in it names them.
template <class E>
std::string allowed_names() {
  std::string out;
  bool first = true;
  for (const auto& entry : EnumNames<E>::table) {
    if (!first) out += ", ";
    out += entry.second;
    first = false;
  }
  return out;
}

// "must be one of: a, b, c" — the message for a value not in the table.
template <class E>
Message allowed_message() {
  return {MessageCode::not_one_of, {allowed_names<E>()}};
}

// Periods per year: 12, 4, 1.
int periods_per_year(RentPeriod period);

}  // namespace estate
