#include "tests/support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>

extern char** environ;

namespace estate::testing {

namespace {

// Spawns the command with stdout into a pipe and stderr into `log_path` (or inherited).
pid_t spawn(const std::string& binary, const std::vector<std::string>& args, int& stdout_fd,
            const std::string& log_path) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  // Only stdout may hold the pipe: a daemon the command leaves behind (infra/mariadb.sh
  // starts one) would otherwise keep it open, and reading to EOF would never end.
  if (pipe_fds[1] != STDOUT_FILENO) posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  if (!log_path.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
  }
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  stdout_fd = pipe_fds[0];
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

CommandResult run_command(const std::string& binary, const std::vector<std::string>& args) {
  CommandResult r;
  int fd = -1;
  pid_t pid = spawn(binary, args, fd, "");
  if (pid < 0) return r;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    r.out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  r.exit_code = wait_status(pid);
  return r;
}

ServerProcess::ServerProcess(const std::string& binary, const std::string& db_url,
                             const std::string& log_path, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--db", db_url, "serve", "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  int fd = -1;
  pid_ = spawn(binary, args, fd, log_path);
  if (pid_ < 0) return;
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  const std::string marker = "listening on http://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[512];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    auto at = out.find(marker);
    auto eol = at == std::string::npos ? at : out.find('\n', at);
    if (eol != std::string::npos) {
      port_ = static_cast<std::uint16_t>(std::stoi(out.substr(at + marker.size())));
      break;
    }
  }
  ::close(fd);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = wait_status(pid_);
  pid_ = -1;
  return status;
}

}  // namespace estate::testing
