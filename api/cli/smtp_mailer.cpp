#include "api/cli/smtp_mailer.h"

#include <curl/curl.h>

#include <cstring>

namespace estate::api {

namespace {

struct Reading {
  const std::string* text;
  std::size_t at = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Reading*>(user);
  const std::size_t n = std::min(size * count, r->text->size() - r->at);
  std::memcpy(buffer, r->text->data() + r->at, n);
  r->at += n;
  return n;
}

}  // namespace

Status SmtpMailer::send(const std::string& from, const std::string& to, const std::string& message) {
  CURL* curl = curl_easy_init();
  if (!curl) return Error::internal("libcurl could not start");
  Reading reading{&message};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  const std::string sender = "<" + from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reading);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode done = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (done != CURLE_OK) {
    return Error::unavailable(std::string("the SMTP relay did not take the message to ") + to +
                              ": " + curl_easy_strerror(done));
  }
  return {};
}

}  // namespace estate::api
