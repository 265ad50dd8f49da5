// The words the kiosk prints (本楼红管家, 电话, 服务时间 …), by the keys of the theme's
// strings.toml, like the site and the printed boards.
#pragma once

#include <string>

#include "hgj/bundle.h"

namespace hgj::kiosk {

// The bundle's text of `key` (the street's theme over the default, written by
// `hgj bundle`), else the kiosk's own theme's: strings.toml of hgj's default theme with
// $HGJ_KIOSK_THEME_DIR's over it, for bundles made before they carried words. Empty when
// neither has the key.
const std::string& word(const Bundle* bundle, const std::string& key);

}  // namespace hgj::kiosk
