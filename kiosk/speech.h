// Read-aloud (朗读) at the lobby screen: the words for a building, as pure functions so
// tests check exactly what would be said, and a Speaker that hands them to a Debian TTS
// engine (espeak-ng, Mandarin voice "cmn") as a child process it never waits for.
#pragma once

#include <sys/types.h>

#include <string>

#include "config.h"
#include "hgj/bundle.h"
#include "scene.h"

namespace hgj::kiosk {

// What 「朗读」 says for building `b`: each steward's name and phone, digit by digit
// (hgj/speech.h), then the next 敲门日 when `next_knock` is not empty; a building without
// a steward gives its community's phone or the street hotline instead.
std::string speech_text(const Bundle& bundle, const BundleBuilding& b,
                        const std::string& next_knock);
// The same for what the scene shows, with the next 敲门日 worked out at its clock (its
// rule alone when the clock is not trusted). Empty when there is no building on show.
std::string speech_text(const Scene& scene);

// The same words as numeric pinyin, for an engine that reads pinyin better than 汉字:
// Debian's espeak-ng knows few 汉字 in its cmn dictionary but reads pinyin well with
// its cmn-latn-pinyin voice. "本楼红管家，电话：幺三八。" → "ben3 lou2 hong2 guan3
// jia1, dian4 hua4: yao1 san1 ba1." (ICU's Han-Latin transform).
std::string pinyin_text(const std::string& chinese);

// Somewhere to play sound: an ALSA card (/proc/asound/cards), or a PulseAudio or
// PipeWire socket in $XDG_RUNTIME_DIR or $PULSE_SERVER.
bool audio_device_present();
// `command` exists and is executable: as a path when it has a slash, else on $PATH.
bool find_program(const std::string& command);

class Speaker {
 public:
  explicit Speaker(const KioskConfig& config);
  ~Speaker();  // stops anything still being said
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Starts saying `text`, cutting off what was being said. Returns at once; false when
  // the engine could not be started.
  bool say(const std::string& text);

 private:
  void stop();
  std::string command_, voice_, rate_;
  bool pinyin_;
  pid_t child_ = -1;
};

}  // namespace hgj::kiosk
