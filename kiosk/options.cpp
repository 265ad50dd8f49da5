#include "options.h"

#include <boost/program_options.hpp>
#include <cstdio>
#include <regex>
#include <sstream>

namespace hgj::kiosk {

namespace po = boost::program_options;

namespace {

po::options_description describe_options() {
  po::options_description d(
      "hgj-kiosk — 红管家 lobby screen\n\nUsage: hgj-kiosk --bundle PATH|URL [--building ID] "
      "[options]\n\nOptions");
  d.add_options()("help,h", "show this help and exit")("version", "print the version and exit")(
      "bundle", po::value<std::string>(), "bundle folder (public/kiosk) or its http(s) URL")(
      "building", po::value<std::string>(),
      "id of the building this screen stands in; without it (or empty) the screen shows a "
      "pairing code to write in screens.csv and takes its building from there")(
      "fullscreen", "fill the display (desktop resolution)")(
      "rotate", po::value<int>()->default_value(0),
      "rotate the picture clockwise: 0, 90, 180 or 270")(
      "size", po::value<std::string>(),
      "window or screenshot size WxH in panel pixels (default 1080x1920)")(
      "config", po::value<std::string>(), "kiosk settings file (TOML); see docs/kiosk.md")(
      "screenshot", po::value<std::string>(), "render one frame to FILE.png headless and exit 0")(
      "slide", po::value<int>()->default_value(0), "with --screenshot: the slide to show, from 1")(
      "at", po::value<std::string>(),
      "pretend the time is TIME (2026-11-23T09:30, site time zone)")(
      "state-dir", po::value<std::string>(),
      "where downloaded bundles and the last good one are kept")(
      "trusted-key", po::value<std::vector<std::string>>()->composing(),
      "trust bundles signed by this public key (.pub from hgj keygen); repeatable, beside "
      "/etc/hgj-kiosk/trusted-keys/*.pub, kiosk.toml's trusted_keys and "
      "~/.config/hgj/bundle-signing.pub")(
      "insecure-unsigned",
      "accept unsigned bundles too (tests, demos; logs a warning with every sync)")(
      "verbose,v", "log every sync check, not just changes and problems");
  return d;
}

}  // namespace

bool parse_size(const std::string& text, int& width, int& height) {
  static const std::regex form(R"(^\s*(\d{2,5})\s*(?:x|X|×|\*)\s*(\d{2,5})\s*$)");
  std::smatch m;
  if (!std::regex_match(text, m, form)) return false;
  const int w = std::stoi(m[1]);
  const int h = std::stoi(m[2]);
  if (w < 64 || h < 64 || w > 16384 || h > 16384) return false;
  width = w;
  height = h;
  return true;
}

std::optional<AtTime> parse_at(const std::string& text) {
  static const std::regex form(
      R"(^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z)?\s*$)");
  std::smatch m;
  if (!std::regex_match(text, m, form)) return std::nullopt;
  AtTime at;
  at.year = std::stoi(m[1]);
  at.month = std::stoi(m[2]);
  at.day = std::stoi(m[3]);
  const int hour = m[4].matched ? std::stoi(m[4]) : 9;
  const int minute = m[5].matched ? std::stoi(m[5]) : 0;
  if (at.month < 1 || at.month > 12 || at.day < 1 || at.day > 31 || hour > 23 || minute > 59)
    return std::nullopt;
  at.minute_of_day = hour * 60 + minute;
  at.utc = m[7].matched;
  return at;
}

ParseStatus parse_options(int argc, const char* const* argv, Options& out, std::string& message) {
  const po::options_description desc = describe_options();
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    message = e.what();
    return ParseStatus::error;
  }
  if (vm.count("version")) {
    message = "hgj-kiosk " HGJ_VERSION "\n";
    return ParseStatus::help;
  }
  if (vm.count("help")) {
    std::ostringstream usage;
    usage << desc
          << "\nExit status: 0 on a clean exit (SIGTERM, window closed, screenshot written),\n"
             "2 on a bad command line, 1 when the screenshot could not be written.\n";
    message = usage.str();
    return ParseStatus::help;
  }
  if (!vm.count("bundle")) return message = "--bundle PATH|URL is required", ParseStatus::error;
  out.bundle = vm["bundle"].as<std::string>();
  if (vm.count("building")) out.building = vm["building"].as<std::string>();
  out.fullscreen = vm.count("fullscreen") > 0;
  out.verbose = vm.count("verbose") > 0;
  out.rotate = vm["rotate"].as<int>();
  out.rotate_given = !vm["rotate"].defaulted();
  if (out.rotate != 0 && out.rotate != 90 && out.rotate != 180 && out.rotate != 270)
    return message = "--rotate must be 0, 90, 180 or 270, got " + std::to_string(out.rotate),
           ParseStatus::error;
  if (vm.count("size") && !parse_size(vm["size"].as<std::string>(), out.width, out.height))
    return message =
               "--size must look like 1080x1920, got \"" + vm["size"].as<std::string>() + "\"",
           ParseStatus::error;
  if (vm.count("config")) out.config = vm["config"].as<std::string>();
  if (vm.count("screenshot")) out.screenshot = vm["screenshot"].as<std::string>();
  out.slide = vm["slide"].as<int>();
  if (out.slide < 0) return message = "--slide counts from 1", ParseStatus::error;
  if (vm.count("at")) {
    out.at = parse_at(vm["at"].as<std::string>());
    if (!out.at)
      return message =
                 "--at must look like 2026-11-23T09:30, got \"" + vm["at"].as<std::string>() + "\"",
             ParseStatus::error;
  }
  if (vm.count("state-dir")) out.state_dir = vm["state-dir"].as<std::string>();
  if (vm.count("trusted-key")) out.trusted_keys = vm["trusted-key"].as<std::vector<std::string>>();
  out.insecure_unsigned = vm.count("insecure-unsigned") > 0;
  return ParseStatus::ok;
}

}  // namespace hgj::kiosk
