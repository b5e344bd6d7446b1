// Sign-in for people (API.md "Sign-in and the web UI"): POST /api/v1/session with a user name
// and password opens a session and sets the HttpOnly, SameSite=Strict cookie kSessionCookie;
// GET answers the signed-in user, role, CSRF token and expiry; DELETE ends the session. A
// wrong name and a wrong password get the same 401; a name that failed too often, 429 with
// Retry-After. Thread-safety: handlers run concurrently; they share the Store.
#pragma once

#include "api/http/routing.h"
#include "persistence/store.h"

namespace estate::api {

struct SessionOptions {
  SessionPolicy policy;
  bool cookie_secure = false;  // add Secure to the cookie (served over TLS)
};

void add_session_routes(RouteTable& routes, persistence::Store& store, SessionOptions options);

}  // namespace estate::api
