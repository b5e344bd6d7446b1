#include "api/synthetic_data.h"

#include <random>

#include "domain/validation.h"

namespace estate::api {

namespace {

const Actor kSynthetic{"seed-synthetic"};

struct Place {
  const char *country, *city, *currency, *zone;
  Region region;
};

const Place kPlaces[] = {
    {"AU", "Sydney", "AUD", "Australia/Sydney", Region::east_asia_pacific},
    {"JP", "Osaka", "JPY", "Asia/Tokyo", Region::east_asia_pacific},
    {"ZA", "Johannesburg", "ZAR", "Africa/Johannesburg", Region::west_asia_africa},
    {"AE", "Dubai", "AED", "Asia/Dubai", Region::west_asia_africa},
    {"DE", "Hamburg", "EUR", "Europe/Berlin", Region::europe},
    {"GB", "Edinburgh", "GBP", "Europe/London", Region::europe},
    {"US", "Boston", "USD", "America/New_York", Region::north_america},
    {"CA", "Vancouver", "CAD", "America/Vancouver", Region::north_america},
    {"BR", "Sao Paulo", "BRL", "America/Sao_Paulo", Region::latin_america_caribbean},
    {"PY", "Asuncion", "PYG", "America/Asuncion", Region::latin_america_caribbean},
};
const char* const kAgencies[] = {"MOFA", "MOEA", "MOE", "MOC", "OCAC", "MAC"};

// Draws from a std::mt19937_64, whose output sequence the standard fixes, with plain modulo
// arithmetic rather than std:: distributions (whose results differ between libraries).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(engine_() % n); }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::mt19937_64 engine_;
};

template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error("synthetic data: " + r.error().message);
  return std::move(r).value();
}

std::string numbered(const char* prefix, int n, int width) {
  std::string digits = std::to_string(n);
  return prefix +
         std::string(digits.size() < static_cast<std::size_t>(width)
                         ? static_cast<std::size_t>(width) - digits.size()
                         : 0,
                     '0') +
         digits;
}

Date plus_days(Date d, std::int64_t days) {
  return Date{date::sys_days(d) + date::days(days)};
}

Result<SyntheticResult> write_register(persistence::Store& store, const SyntheticOptions& o) {
  SyntheticResult out;
  auto existing = store.missions->count();
  if (!existing.ok()) return existing.error();
  if (*existing > 0) return out;
  Draw draw(o.seed);
  std::vector<Mission> missions;
  for (int i = 1; i <= o.missions; ++i) {
    const Place& place = kPlaces[(i - 1) % std::size(kPlaces)];
    Mission m;
    m.code = numbered("S", i, 4);
    m.name_en = "Synthetic mission " + m.code;
    m.name_zh = "合成館處 " + m.code;
    m.country = must(Country::of(place.country));
    m.city = place.city;
    m.region = place.region;
    m.type = i % 3 == 0 ? MissionType::representative_office : MissionType::office;
    m.currency = must(Currency::of(place.currency));
    m.time_zone = must(TimeZone::of(place.zone));
    missions.push_back(must(store.missions->create(m, kSynthetic)));
    ++out.missions;
  }
  const Date epoch = date::year{1995} / date::January / 1;
  for (int i = 1; i <= o.properties; ++i) {
    const Mission& mission = missions[static_cast<std::size_t>(draw.below(o.missions))];
    Property p;
    p.mission_id = mission.id;
    p.code = mission.code + numbered("-P", i, 6);
    p.kind = static_cast<PropertyKind>(draw.below(5));
    p.name = "Synthetic " + std::string(to_string(p.kind)) + " " + p.code;
    p.address = std::to_string(1 + draw.below(999)) + " Example Road, " + mission.city;
    p.floor_area_m2 = Decimal::from_units(5000 + draw.below(500000), 2);
    p.status = draw.chance(95) ? PropertyStatus::active : PropertyStatus::disposed;
    for (const char* agency : kAgencies)
      if (draw.chance(agency == kAgencies[0] ? 100 : 25)) p.agencies.push_back(agency);
    Date from = plus_days(epoch, draw.below(365 * 28));
    int shape = static_cast<int>(draw.below(100));
    std::optional<Lease> lease;
    if (shape < 8) {
      p.tenure.push_back({TenureType::provided, from, std::nullopt});
    } else {
      Lease l;
      l.lessor = "Synthetic lessor " + std::to_string(i);
      l.start = from;
      l.end = plus_days(from, 365 * (3 + draw.below(10)) - 1);
      std::int64_t whole = 2000 + draw.below(200000);
      int digits = mission.currency.minor_digits();
      l.rent = Money::from_minor(whole * pow10(digits), mission.currency);
      l.period = static_cast<RentPeriod>(draw.below(3));
      if (draw.chance(60)) {
        l.escalation.kind = EscalationKind::fixed_pct;
        l.escalation.pct = Decimal::from_units(100 + draw.below(400), 2);
      }
      l.notice_days = static_cast<int>(30 * (1 + draw.below(12)));
      if (shape < 40) {
        // Bought: leased until the day before the purchase, owned since.
        p.tenure.push_back({TenureType::leased, l.start, l.end});
        p.tenure.push_back({TenureType::owned, plus_days(l.end, 1), std::nullopt});
      } else {
        p.tenure.push_back({TenureType::leased, l.start, std::nullopt});
      }
      lease = l;
    }
    Property created = must(store.properties->create(p, kSynthetic));
    ++out.properties;
    if (lease) {
      lease->property_id = created.id;
      must(store.leases->create(*lease, kSynthetic));
      ++out.leases;
    }
  }
  out.seeded = true;
  return out;
}

}  // namespace

Result<SyntheticResult> seed_synthetic(persistence::Store& store, const SyntheticOptions& o) {
  Validator v;
  v.check(o.missions >= 1 && o.missions <= 10000, "missions", "must be 1 to 10000");
  v.check(o.properties >= 0 && o.properties <= 1000000, "properties", "must be 0 to 1000000");
  if (Status s = v.finish("the synthetic register's size is not valid"); !s.ok()) return s.error();
  return store.db->write<SyntheticResult>(kSynthetic.name, [&](persistence::WriteTransaction&) {
    try {
      return write_register(store, o);
    } catch (const std::exception& e) {
      return Result<SyntheticResult>(Error::internal(e.what()));
    }
  });
}

}  // namespace estate::api
