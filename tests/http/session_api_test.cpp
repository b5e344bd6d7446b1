// People sign in (API.md "Sign-in and the web UI"): users made on the command line, a session
// cookie that is HttpOnly and SameSite=Strict, a CSRF token on every cookie write, the same
// 401 for a wrong name and a wrong password, a lockout, and an end to sessions on sign-out and
// when the user is disabled. Bearer tokens keep working.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class SessionApi : public ApiTest {
 protected:
  // Creates `user` with a generated password and returns it.
  std::string make_user(const std::string& user, const std::string& role) {
    auto made = cli({"user", "create", "--user", user, "--role", role, "--generate"});
    EXPECT_EQ(made.exit_code, 0) << made.out;
    return made.out.substr(0, made.out.find('\n'));
  }
  Answer sign_in(const std::string& user, const std::string& password) {
    return call("POST", "/api/v1/session", "", json{{"user", user}, {"password", password}});
  }
  // The estate_session=… pair of a Set-Cookie header.
  static std::string cookie_of(const Answer& a) {
    const std::string set = a.headers.count("set-cookie") ? a.headers.at("set-cookie") : "";
    return set.substr(0, set.find(';'));
  }
};

TEST_P(SessionApi, APersonSignsInWritesWithTheCsrfTokenAndSignsOut) {
  const std::string password = make_user("pat", "facilities");
  ASSERT_EQ(password.size(), 20u);
  Answer in = sign_in("pat", password);
  ASSERT_EQ(in.status, 201) << in.text;
  EXPECT_EQ(in.body["user"], "pat");
  EXPECT_EQ(in.body["role"], "facilities");
  const std::string csrf = in.body["csrf_token"];
  const std::string set = in.headers["set-cookie"];
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("Path=/"), std::string::npos) << set;
  const std::string cookie = cookie_of(in);

  Answer me = call("GET", "/api/v1/session", "", std::nullopt, {{"Cookie", cookie}});
  ASSERT_EQ(me.status, 200) << me.text;
  EXPECT_EQ(me.body["csrf_token"], csrf);
  EXPECT_EQ(call("GET", "/api/v1/missions", "", std::nullopt, {{"Cookie", cookie}}).status, 200);
  // A write by cookie needs the CSRF token; with it, it is the person's write.
  Answer forged = call("POST", "/api/v1/missions", "", sydney_mission(), {{"Cookie", cookie}});
  EXPECT_EQ(forged.status, 403) << forged.text;
  EXPECT_EQ(forged.body["errors"][0]["field"], "X-CSRF-Token");
  EXPECT_EQ(call("POST", "/api/v1/missions", "", sydney_mission(),
                 {{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, 'a')}})
                .status,
            403);
  Answer made = call("POST", "/api/v1/missions", "", sydney_mission(),
                     {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(made.status, 201) << made.text;
  EXPECT_EQ(call("GET", "/api/v1/journal?entity=mission", "auditor").body["items"][0]["actor"],
            "pat");
  // Sign-out ends the session, and the cookie no longer works.
  Answer out = call("DELETE", "/api/v1/session", "", std::nullopt,
                    {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/missions", "", std::nullopt, {{"Cookie", cookie}}).status, 401);
  // Bearer tokens work as before.
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").status, 200);
}

TEST_P(SessionApi, WrongNamesAndPasswordsLookAlikeAndRepeatedFailuresLockTheName) {
  const std::string password = make_user("sam", "finance");
  Answer wrong_password = sign_in("sam", "not the password at all");
  Answer wrong_name = sign_in("nobody-here", "not the password at all");
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(wrong_name.status, 401);
  EXPECT_EQ(wrong_password.body["detail"], wrong_name.body["detail"]);
  EXPECT_TRUE(wrong_password.headers.count("set-cookie") == 0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(sign_in("sam", "still not the password").status, 401);
  Answer locked = sign_in("sam", "still not the password");  // the fifth failure
  EXPECT_EQ(locked.status, 429) << locked.text;
  EXPECT_EQ(locked.headers["retry-after"], "900");
  // Locked: even the right password waits.
  EXPECT_EQ(sign_in("sam", password).status, 429);
  // Another name is not affected; a malformed sign-in is a 422 naming the field.
  const std::string other = make_user("kim", "auditor");
  EXPECT_EQ(sign_in("kim", other).status, 201);
  Answer malformed = call("POST", "/api/v1/session", "", json{{"user", "kim"}, {"pw", "x"}});
  EXPECT_EQ(malformed.status, 422);
}

TEST_P(SessionApi, DisablingAUserEndsTheirSessionsAndPasswordsHaveRules) {
  const std::string password = make_user("lee", "auditor");
  Answer in = sign_in("lee", password);
  ASSERT_EQ(in.status, 201);
  const std::string cookie = cookie_of(in);
  ASSERT_EQ(cli({"user", "disable", "--user", "lee"}).exit_code, 0);
  EXPECT_EQ(call("GET", "/api/v1/session", "", std::nullopt, {{"Cookie", cookie}}).status, 401);
  EXPECT_EQ(sign_in("lee", password).status, 401);
  // A reset enables the user again with a new password.
  auto reset = cli({"user", "reset-password", "--user", "lee", "--generate"});
  ASSERT_EQ(reset.exit_code, 0);
  EXPECT_EQ(sign_in("lee", reset.out.substr(0, reset.out.find('\n'))).status, 201);
  // A taken name is refused (a short password: see PasswordRules).
  EXPECT_NE(cli({"user", "create", "--user", "lee", "--role", "auditor", "--generate"}).exit_code, 0);
  // The journal says who was made and disabled, and never holds a hash.
  Answer journal = call("GET", "/api/v1/journal?entity=user", "auditor");
  ASSERT_EQ(journal.status, 200);
  EXPECT_EQ(journal.body["items"].size(), 3u);
  EXPECT_EQ(journal.text.find("argon2"), std::string::npos);
}

// A password typed on the command line (standard input) is checked as people choose them: the
// probe's trivial twelve-character ones and their kin are refused and make no user, a long
// uncommon phrase is taken.
TEST_P(SessionApi, TrivialPasswordsAreRefusedWhereTheyAreChosen) {
  auto with_password = [&](const std::string& subcommand, const std::string& user, const std::string& password) {
    // The test's own strings, quoted for the shell (none holds a quote).
    const std::string line = "printf '%s\\n' '" + password + "' | '" + kServer + "' --db '" + database_->url() +
                             "' user " + subcommand + " --user " + user +
                             (subcommand == "create" ? " --role facilities" : "");
    return run_command("/bin/sh", {"-c", line});
  };
  for (const char* trivial : {"aaaaaaaaaaaa", "password1234", "123456789012", "qwertyuiopas", "Password1234"}) {
    EXPECT_NE(with_password("create", "tess", trivial).exit_code, 0) << trivial;
  }
  // None of them made the user: the name is still free.
  const std::string phrase = "harbour lanterns drift past nine quays";
  ASSERT_EQ(with_password("create", "tess", phrase).exit_code, 0);
  EXPECT_EQ(sign_in("tess", phrase).status, 201);
  // A reset is held to the same rule, and leaves the old password in force.
  EXPECT_NE(with_password("reset-password", "tess", "111111111111").exit_code, 0);
  EXPECT_EQ(sign_in("tess", phrase).status, 201);
}

ESTATE_API_ON_BOTH_BACKENDS(SessionApi);

}  // namespace
}  // namespace estate::testing
