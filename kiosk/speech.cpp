#include "speech.h"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "clock.h"
#include "hgj/speech.h"

extern char** environ;

namespace hgj::kiosk {

namespace fs = std::filesystem;

std::string speech_text(const Bundle& bundle, const BundleBuilding& b,
                        const std::string& next_knock) {
  std::string out = b.name + "。";
  const std::vector<const BundleSteward*> stewards = bundle.stewards_of_building(b.id);
  for (const BundleSteward* st : stewards)
    out += steward_speech("本楼红管家", st->name, st->phone, "");
  if (stewards.empty()) {
    const BundleCommunity* community = bundle.community(b.community);
    const bool own = community && community->phone;
    const std::optional<Phone>& phone = own ? community->phone : bundle.site.hotline;
    out += "本楼暂未安排红管家";
    if (phone)
      out += std::string("，有事请打") + (own ? "社区电话：" : "街道热线：") +
             spoken_phone(phone->display);
    out += "。";
  }
  if (!next_knock.empty()) out += knock_day_speech(next_knock);
  return out;
}

std::string speech_text(const Scene& scene) {
  const Bundle* bundle = scene.bundle();
  const BundleBuilding* b = scene.shown_building();
  if (!bundle || !b) return {};
  std::string knock;
  if (scene.zone()) {
    const bool trusted = scene.clock_trusted();
    for (const Upcoming& u :
         upcoming_events(*bundle, *b, *scene.zone(), scene.now(), trusted, 100)) {
      if (u.event->kind != "敲门日") continue;
      const Schedule& sch = u.event->schedule;
      if (u.when)
        knock = chinese_date(u.when->date) + (u.when->time ? " " + u.when->time->text() : "");
      else if (sch.rule)
        knock = sch.rule->chinese() + (sch.time ? " " + sch.time->text() : "");
      break;
    }
  }
  return speech_text(*bundle, *b, knock);
}

std::string pinyin_text(const std::string& chinese) {
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::Transliterator> to_pinyin(icu::Transliterator::createInstance(
      "Han-Latin; Latin-NumericPinyin; Fullwidth-Halfwidth", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !to_pinyin) return chinese;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(chinese);
  // Han-Latin reads 幢 (as in 3幢) as the rare chuáng; 栋 means the same and reads dòng.
  text.findAndReplace(icu::UnicodeString(u"幢"), icu::UnicodeString(u"栋"));
  to_pinyin->transliterate(text);
  text.findAndReplace(icu::UnicodeString(u"｡"), icu::UnicodeString(u". "));
  text.findAndReplace(icu::UnicodeString(u"､"), icu::UnicodeString(u", "));
  std::string raw, out;
  text.toUTF8String(raw);
  // Syllables and numbers apart: "qu13" is qu1 then 3, "2026nian2" is 2026 then nian2,
  // and a space after punctuation ("ri4:2026").
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto num = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (i + 1 >= raw.size()) continue;
    const char c = raw[i], next = raw[i + 1];
    const bool tone = num(c) && i > 0 && letter(raw[i - 1]);
    const bool punct = c == ',' || c == ':' || c == ';' || c == '.';
    if ((num(c) && letter(next)) || (tone && num(next)) || (punct && (letter(next) || num(next))))
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool audio_device_present() {
  std::ifstream cards("/proc/asound/cards");
  std::string first;
  if (cards && std::getline(cards, first) && first.find("no soundcards") == std::string::npos &&
      !first.empty())
    return true;
  if (const char* pulse = std::getenv("PULSE_SERVER"); pulse && *pulse) return true;
  if (const char* run = std::getenv("XDG_RUNTIME_DIR"); run && *run) {
    std::error_code ec;
    for (const char* socket : {"pulse/native", "pipewire-0"}) {
      if (fs::exists(fs::path(run) / socket, ec)) return true;
    }
  }
  return false;
}

bool find_program(const std::string& command) {
  if (command.empty()) return false;
  if (command.find('/') != std::string::npos) return ::access(command.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && ::access((fs::path(dir) / command).c_str(), X_OK) == 0) return true;
  }
  return false;
}

Speaker::Speaker(const KioskConfig& config)
    : command_(config.speech_command),
      voice_(config.speech_voice),
      rate_(std::to_string(config.speech_rate)),
      pinyin_(config.speech_pinyin) {}

Speaker::~Speaker() { stop(); }

void Speaker::stop() {
  if (child_ <= 0) return;
  // Reaps the previous child whether it finished or is cut off, so none is left behind.
  if (::waitpid(child_, nullptr, WNOHANG) == 0) {
    ::kill(child_, SIGTERM);
    ::waitpid(child_, nullptr, 0);
  }
  child_ = -1;
}

bool Speaker::say(const std::string& text) {
  stop();
  std::vector<std::string> args{
      command_, "-v", voice_, "-s", rate_, "--", pinyin_ ? pinyin_text(text) : text};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (::posix_spawnp(&pid, command_.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
    return false;
  child_ = pid;
  return true;
}

}  // namespace hgj::kiosk
