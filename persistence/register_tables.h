// Row mapping of the register entities — missions, properties (with their agencies and tenure
// history), leases (with rent steps and options), acquisitions (with their stage history and
// the leases they replace) and FX rates — for SqlRepository, each a RowTable Spec
// (table_support.h); the child rows go through the write_children/load_children hooks.
// Money columns hold minor units; floor areas hundredths of a m²; percentages hundredths.
#pragma once

#include "domain/repository.h"
#include "persistence/table_support.h"

namespace estate::persistence {

struct MissionSpec : NoChildren {
  using Entity = Mission;
  using Id = MissionId;
  using Filter = MissionFilter;
  static constexpr const char* kEntity = "mission";
  static constexpr const char* kTable = "missions";
  static constexpr bool kHasCode = true;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session&, const Entity&) { return {}; }
  static std::optional<std::string> dependents(soci::session& s, Id id);
};

struct PropertySpec {
  using Entity = Property;
  using Id = PropertyId;
  using Filter = PropertyFilter;
  static constexpr const char* kEntity = "property";
  static constexpr const char* kTable = "properties";
  static constexpr bool kHasCode = true;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session& s, Id id);
  static void write_children(soci::session& s, const Entity& e, bool replacing);
  static void load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                            std::map<std::int64_t, Entity>& by_id);
};

// A lease's currency and property are fixed once an acquisition replaces it.
struct LeaseSpec {
  using Entity = Lease;
  using Id = LeaseId;
  using Filter = LeaseFilter;
  static constexpr const char* kEntity = "lease";
  static constexpr const char* kTable = "leases";
  static constexpr bool kHasCode = false;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session& s, Id id);
  static void write_children(soci::session& s, const Entity& e, bool replacing);
  static void load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                            std::map<std::int64_t, Entity>& by_id);
};

// The property, the budget line and every replaced lease exist; each lease is in the price's
// currency and replaced by no other acquisition. Contracted and later ones are not deleted.
struct AcquisitionSpec {
  using Entity = Acquisition;
  using Id = AcquisitionId;
  using Filter = AcquisitionFilter;
  static constexpr const char* kEntity = "acquisition";
  static constexpr const char* kTable = "acquisitions";
  static constexpr bool kHasCode = true;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session& s, Id id);
  static void write_children(soci::session& s, const Entity& e, bool replacing);
  static void load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                            std::map<std::int64_t, Entity>& by_id);
};

// One rate per currency and effective date; a rate an occupied purchase converts at is kept.
struct FxRateSpec : NoChildren {
  using Entity = FxRate;
  using Id = FxRateId;
  using Filter = FxRateFilter;
  static constexpr const char* kEntity = "fx_rate";
  static constexpr const char* kTable = "fx_rates";
  static constexpr bool kHasCode = false;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session& s, Id id);
};

using MissionTable = RowTable<MissionSpec>;
using PropertyTable = RowTable<PropertySpec>;
using LeaseTable = RowTable<LeaseSpec>;
using AcquisitionTable = RowTable<AcquisitionSpec>;
using FxRateTable = RowTable<FxRateSpec>;

}  // namespace estate::persistence
