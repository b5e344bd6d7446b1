#include "api/routes/session_routes.h"

#include "api/http/json_reader.h"

namespace estate::api {

using nlohmann::json;

namespace {

const std::vector<Role> kEveryone = {Role::facilities, Role::finance, Role::auditor, Role::admin};

std::string session_cookie(const std::string& value, const SessionOptions& o, long max_age) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (o.cookie_secure ? "; Secure" : "") + "; Max-Age=" + std::to_string(max_age);
}

json session_json(const SignedIn& s) {
  return {{"user", s.user},
          {"role", std::string(to_string(s.role))},
          {"csrf_token", s.csrf_token},
          {"expires_at", format_instant(s.expires_at)}};
}

// Adds "email": the address the user's alerts go to, or null.
Status add_email(persistence::Store& store, json& body) {
  auto email = store.alerts->email_of(body["user"].get<std::string>());
  if (!email.ok()) return email.error();
  body["email"] = *email ? json(**email) : json();
  return {};
}

Result<Reply> sign_in(persistence::Store& store, const SessionOptions& o,
                      const HttpRequest& request) {
  auto body = parse_json_body(request.body);
  if (!body.ok()) return problem_reply(400, body.error().what);
  Validator v;
  JsonReader r(*body, "", v);
  const auto user = r.text("user"), password = r.text("password", Presence::required);
  r.finish();
  if (Status s = v.finish(MessageCode::sign_in_invalid); !s.ok()) return s.error();
  auto outcome = store.accounts->sign_in(*user, *password, o.policy);
  if (!outcome.ok()) return outcome.error();
  if (outcome->locked_for) {
    Reply r = problem_reply(429, MessageCode::too_many_sign_ins);
    r.retry_after = outcome->locked_for->count();
    return r;
  }
  if (!outcome->session) return problem_reply(401, MessageCode::wrong_credentials);
  Reply reply;
  reply.status = 201;
  reply.body = session_json(*outcome->session);
  if (Status e = add_email(store, reply.body); !e.ok()) return e.error();
  const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(o.policy.absolute);
  reply.set_cookie = session_cookie(outcome->secret, o, lifetime.count());
  return reply;
}

Result<Reply> current(persistence::Store& store, const SessionOptions& o,
                      const HttpRequest& request) {
  if (!request.caller.by_session) {
    Reply r;  // a bearer token: no session, only who it is
    r.body = {{"user", request.caller.user}, {"role", std::string(to_string(request.caller.role))}};
    if (Status e = add_email(store, r.body); !e.ok()) return e.error();
    return r;
  }
  auto session = store.accounts->session(*cookie(request, kSessionCookie), o.policy);
  if (!session.ok()) return session.error();
  if (!*session) return problem_reply(401, MessageCode::session_ended);
  Reply r;
  r.body = session_json(**session);
  if (Status e = add_email(store, r.body); !e.ok()) return e.error();
  return r;
}

Result<Reply> sign_out(persistence::Store& store, const SessionOptions& o,
                       const HttpRequest& request) {
  if (!request.caller.by_session)
    return problem_reply(409, MessageCode::bearer_has_no_session);
  if (Status s = store.accounts->sign_out(*cookie(request, kSessionCookie)); !s.ok())
    return s.error();
  Reply r;
  r.status = 204;
  r.set_cookie = session_cookie("", o, 0);
  return r;
}

}  // namespace

void add_session_routes(RouteTable& routes, persistence::Store& store, SessionOptions options) {
  persistence::Store* s = &store;
  // A sign-in hashes with Argon2id (19 MiB, tens of milliseconds): on a lane of its own.
  routes.push_back(
      documented({"POST",
                  "/api/v1/session",
                  {},
                  {},
                  [s, options](const HttpRequest& r) { return sign_in(*s, options, r); },
                  false,
                  Lane::sign_in},
                 {"signIn",
                  "Session",
                  "sign in: opens a session and sets its cookie",
                  {},
                  "SignIn",
                  {{201, "SignedIn"}},
                  {401, 429},
                  "The name is compared as it normalises (NFKC, case folded, default-ignorable "
                  "characters dropped, trimmed). At most five passwords are checked per name "
                  "within the window however many attempts arrive at once; others get 429."}));
  routes.push_back(
      documented({"GET",
                  "/api/v1/session",
                  kEveryone,
                  {},
                  [s, options](const HttpRequest& r) { return current(*s, options, r); }},
                 {"getSession",
                  "Session",
                  "the signed-in user, role, CSRF token and expiry",
                  {},
                  "",
                  {{200, "Session"}},
                  {}}));
  routes.push_back(
      documented({"DELETE",
                  "/api/v1/session",
                  kEveryone,
                  {},
                  [s, options](const HttpRequest& r) { return sign_out(*s, options, r); }},
                 {"signOut",
                  "Session",
                  "sign out: the session ends and its cookie is cleared",
                  {},
                  "",
                  {{204, "SignedOut"}},
                  {409}}));
}

}  // namespace estate::api
