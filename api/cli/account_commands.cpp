// The commands on who may come in: tokens (token create, token revoke), the web client's users
// (user create, set-email, disable, reset-password) and calendar feeds (calendar create,
// calendar revoke).
#include <openssl/rand.h>

#include <iostream>
#include <stdexcept>

#include "api/cli/command.h"
#include "api/cli/options.h"
#include "domain/alert.h"
#include "domain/result_macros.h"

namespace estate::cli {

namespace {

// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 115 bits.
std::string generated_password() {
  static const std::string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const unsigned limit = 256 - 256 % alphabet.size();  // bytes at or above it would bias
  std::string out;
  while (out.size() < 20) {
    unsigned char b = 0;
    if (RAND_bytes(&b, 1) != 1) throw std::runtime_error("no random bytes");
    if (b < limit) out += alphabet[b % alphabet.size()];
  }
  return out;
}

class TokenCreateCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    add_user_option(command, user_, "who the token is for");
    add_role_option(command, role_);
  }
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const std::string secret,
                     store.tokens->issue(user_, *parse_enum<Role>(role_), kOperator));
    std::cout << secret << "\n";
    return 0;
  }

 private:
  std::string user_, role_;
};

class TokenRevokeCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    add_user_option(command, user_, "whose tokens to revoke");
  }
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const auto n, store.tokens->revoke(user_, kOperator));
    std::cerr << "revoked " << n << " token(s) of " << user_ << "\n";
    return 0;
  }

 private:
  std::string user_;
};

// user create and user reset-password: the password is generated (and printed, alone, once)
// or the first line of standard input.
class UserPasswordCommand final : public Command {
 public:
  explicit UserPasswordCommand(bool create) : create_(create) {}
  void add_options(CLI::App& command) override {
    if (create_) {
      add_user_option(command, user_, "the user name they sign in with");
      add_role_option(command, role_);
      command.add_flag("--generate", generate_, "make a random password and print it once");
      command.add_option("--email", email_, "their e-mail address, for alerts");
    } else {
      add_user_option(command, user_, "whose");
      command.add_flag("--generate", generate_, "make a random password and print it once");
    }
  }
  Result<int> run(persistence::Store& store) override {
    std::string password;
    if (generate_) {
      password = generated_password();
    } else {
      std::getline(std::cin, password);
      if (!password.empty() && password.back() == '\r') password.pop_back();
    }
    if (create_ && !email_.empty()) RETURN_IF_ERROR(validate_email(email_));
    if (create_) {
      RETURN_IF_ERROR(
          store.accounts->create_user(user_, *parse_enum<Role>(role_), password, kOperator));
    } else {
      RETURN_IF_ERROR(store.accounts->reset_password(user_, password, kOperator));
    }
    if (create_ && !email_.empty())
      RETURN_IF_ERROR(store.alerts->set_email(user_, email_, kOperator));
    if (generate_) std::cout << password << "\n";
    std::cerr << (create_ ? "created user " : "reset the password of ") << user_ << "\n";
    return 0;
  }

 private:
  bool create_;
  std::string user_, role_, email_;
  bool generate_ = false;
};

class UserSetEmailCommand final : public Command {
 public:
  void add_options(CLI::App& command) override {
    add_user_option(command, user_, "whose");
    command.add_option("--email", email_, "the address alerts go to")->required();
  }
  Result<int> run(persistence::Store& store) override {
    RETURN_IF_ERROR(store.alerts->set_email(user_, email_, kOperator));
    std::cerr << "set the e-mail address of " << user_ << "\n";
    return 0;
  }

 private:
  std::string user_, email_;
};

class UserDisableCommand final : public Command {
 public:
  void add_options(CLI::App& command) override { add_user_option(command, user_, "whom"); }
  Result<int> run(persistence::Store& store) override {
    RETURN_IF_ERROR(store.accounts->disable_user(user_, kOperator));
    std::cerr << "disabled " << user_ << " and ended their sessions\n";
    return 0;
  }

 private:
  std::string user_;
};

class CalendarCreateCommand final : public Command {
 public:
  void add_options(CLI::App& command) override { add_user_option(command, user_, "whose feed"); }
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const std::string secret, store.calendar_feeds->create(user_, kOperator));
    std::cout << "/calendar/" << secret << ".ics\n";
    return 0;
  }

 private:
  std::string user_;
};

class CalendarRevokeCommand final : public Command {
 public:
  void add_options(CLI::App& command) override { add_user_option(command, user_, "whose feeds"); }
  Result<int> run(persistence::Store& store) override {
    ASSIGN_OR_RETURN(const auto n, store.calendar_feeds->revoke(user_, kOperator));
    std::cerr << "revoked " << n << " calendar feed(s) of " << user_ << "\n";
    return 0;
  }

 private:
  std::string user_;
};

}  // namespace

std::unique_ptr<Command> token_create_command() {
  return std::make_unique<TokenCreateCommand>();
}
std::unique_ptr<Command> token_revoke_command() {
  return std::make_unique<TokenRevokeCommand>();
}
std::unique_ptr<Command> user_create_command() {
  return std::make_unique<UserPasswordCommand>(true);
}
std::unique_ptr<Command> user_set_email_command() {
  return std::make_unique<UserSetEmailCommand>();
}
std::unique_ptr<Command> user_disable_command() {
  return std::make_unique<UserDisableCommand>();
}
std::unique_ptr<Command> user_reset_password_command() {
  return std::make_unique<UserPasswordCommand>(false);
}
std::unique_ptr<Command> calendar_create_command() {
  return std::make_unique<CalendarCreateCommand>();
}
std::unique_ptr<Command> calendar_revoke_command() {
  return std::make_unique<CalendarRevokeCommand>();
}

}  // namespace estate::cli
