// Runs the real estate-server binary as a child process for end-to-end tests: on an
// ephemeral loopback port (--listen 127.0.0.1:0), with its stderr kept in a log file.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace estate::testing {

// Runs `binary args...` to completion; returns its exit status and stdout.
struct CommandResult {
  int exit_code = -1;
  std::string out;
};
CommandResult run_command(const std::string& binary, const std::vector<std::string>& args);

class ServerProcess {
 public:
  // Starts `binary --db db_url serve --listen 127.0.0.1:0 extra...` and waits (up to 30 s)
  // for the line that names the bound port. port() is 0 if it never came.
  ServerProcess(const std::string& binary, const std::string& db_url, const std::string& log_path,
                const std::vector<std::string>& extra = {});
  ~ServerProcess();

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the process; returns its exit status (128+n if killed by n).
  int stop(int signal);

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace estate::testing
