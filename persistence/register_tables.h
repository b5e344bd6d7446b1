// Row mapping of the register entities (missions, properties, leases, acquisitions, FX rates)
// for SqlRepository. See sql_repository.h for what each Table provides.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/repository.h"

namespace soci {
class session;
}

namespace estate::persistence {

struct MissionTable {
  using Entity = Mission;
  using Id = MissionId;
  using Filter = MissionFilter;
  static constexpr const char* kEntity = "mission";
  static constexpr const char* kTable = "missions";
  static constexpr bool kHasCode = true;

  static std::int64_t insert(soci::session& s, const Mission& m);
  static void update_row(soci::session& s, const Mission& m);
  static void write_children(soci::session&, const Mission&, bool) {}
  static Status check_references(soci::session&, const Mission&) { return {}; }
  static std::optional<std::string> dependents(soci::session& s, MissionId id);
  static std::vector<Mission> load(soci::session& s, const std::vector<std::int64_t>& ids);
  static std::vector<std::int64_t> list_ids(soci::session& s, const MissionFilter& f,
                                            std::int64_t after, std::size_t limit);
};

struct PropertyTable {
  using Entity = Property;
  using Id = PropertyId;
  using Filter = PropertyFilter;
  static constexpr const char* kEntity = "property";
  static constexpr const char* kTable = "properties";
  static constexpr bool kHasCode = true;

  static std::int64_t insert(soci::session& s, const Property& p);
  static void update_row(soci::session& s, const Property& p);
  static void write_children(soci::session& s, const Property& p, bool replacing);
  static Status check_references(soci::session& s, const Property& p);
  static std::optional<std::string> dependents(soci::session& s, PropertyId id);
  static std::vector<Property> load(soci::session& s, const std::vector<std::int64_t>& ids);
  static std::vector<std::int64_t> list_ids(soci::session& s, const PropertyFilter& f,
                                            std::int64_t after, std::size_t limit);
};

struct LeaseTable {
  using Entity = Lease;
  using Id = LeaseId;
  using Filter = LeaseFilter;
  static constexpr const char* kEntity = "lease";
  static constexpr const char* kTable = "leases";
  static constexpr bool kHasCode = false;

  static std::int64_t insert(soci::session& s, const Lease& l);
  static void update_row(soci::session& s, const Lease& l);
  static void write_children(soci::session& s, const Lease& l, bool replacing);
  static Status check_references(soci::session& s, const Lease& l);
  static std::optional<std::string> dependents(soci::session& s, LeaseId id);
  static std::vector<Lease> load(soci::session& s, const std::vector<std::int64_t>& ids);
  static std::vector<std::int64_t> list_ids(soci::session& s, const LeaseFilter& f,
                                            std::int64_t after, std::size_t limit);
};

struct AcquisitionTable {
  using Entity = Acquisition;
  using Id = AcquisitionId;
  using Filter = AcquisitionFilter;
  static constexpr const char* kEntity = "acquisition";
  static constexpr const char* kTable = "acquisitions";
  static constexpr bool kHasCode = true;

  static std::int64_t insert(soci::session& s, const Acquisition& a);
  static void update_row(soci::session& s, const Acquisition& a);
  static void write_children(soci::session& s, const Acquisition& a, bool replacing);
  // The property, the budget line and every replaced lease exist; each lease is in the price's
  // currency and replaced by no other acquisition.
  static Status check_references(soci::session& s, const Acquisition& a);
  static std::optional<std::string> dependents(soci::session& s, AcquisitionId id);
  static std::vector<Acquisition> load(soci::session& s, const std::vector<std::int64_t>& ids);
  static std::vector<std::int64_t> list_ids(soci::session& s, const AcquisitionFilter& f,
                                            std::int64_t after, std::size_t limit);
};

struct FxRateTable {
  using Entity = FxRate;
  using Id = FxRateId;
  using Filter = FxRateFilter;
  static constexpr const char* kEntity = "fx_rate";
  static constexpr const char* kTable = "fx_rates";
  static constexpr bool kHasCode = false;

  static std::int64_t insert(soci::session& s, const FxRate& r);
  static void update_row(soci::session& s, const FxRate& r);
  static void write_children(soci::session&, const FxRate&, bool) {}
  // One rate per currency and effective date: another is a conflict.
  static Status check_references(soci::session& s, const FxRate& r);
  static std::optional<std::string> dependents(soci::session& s, FxRateId id);
  static std::vector<FxRate> load(soci::session& s, const std::vector<std::int64_t>& ids);
  static std::vector<std::int64_t> list_ids(soci::session& s, const FxRateFilter& f,
                                            std::int64_t after, std::size_t limit);
};

}  // namespace estate::persistence
