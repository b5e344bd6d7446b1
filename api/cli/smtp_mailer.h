// The Mailer of app/alerts.h over SMTP, through libcurl: one connection per message to the
// relay at `url` (smtp://host:port, or smtps://), no authentication (a relay on the local
// network or loopback), 30 seconds at most. Thread-safety: one send at a time per object.
#pragma once

#include <string>

#include "app/alerts.h"

namespace estate::api {

class SmtpMailer final : public app::Mailer {
 public:
  explicit SmtpMailer(std::string url) : url_(std::move(url)) {}
  Status send(const std::string& from, const std::string& to, const std::string& message) override;

 private:
  std::string url_;
};

}  // namespace estate::api
