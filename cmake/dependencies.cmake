# Finds every library hgj builds against. Each comes from a Debian package; when one
# is missing, configure stops and names the package to install (scripts/deps.sh
# installs them all).
find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

# hgj_pkg(<target> <pkg-config module> <debian package>)
function(hgj_pkg target module debian)
  pkg_check_modules(${target} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${target}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debian}")
  endif()
  add_library(hgj::${target} ALIAS PkgConfig::${target})
endfunction()

# hgj_header(<header> <debian package>): header-only libraries without a config file.
function(hgj_header header debian)
  find_path(_hgj_found_${debian} ${header})
  if(NOT _hgj_found_${debian})
    message(FATAL_ERROR "${header} not found: apt-get install ${debian}")
  endif()
endfunction()

hgj_pkg(toml tomlplusplus libtomlplusplus-dev)
hgj_pkg(icu_uc icu-uc libicu-dev)
hgj_pkg(icu_i18n icu-i18n libicu-dev)
hgj_pkg(cmark libcmark libcmark-dev)
hgj_pkg(json nlohmann_json nlohmann-json3-dev)
# Ed25519 signatures on kiosk bundles (core/include/hgj/bundle_signature.h).
hgj_pkg(sodium libsodium libsodium-dev)
# SHA-256 (core/include/hgj/sha256.h), with the CPU's SHA instructions.
hgj_pkg(crypto libcrypto libssl-dev)
# Excel workbooks (core/include/hgj/xlsx.h): the zip and the streaming XML reader.
hgj_pkg(zip libzip libzip-dev)
hgj_pkg(xml2 libxml-2.0 libxml2-dev)
# `hgj init` and `hgj export` write the ledger workbook with it (generator/ledger/), as
# do tests and the bench (tests/xlsx/xlsxwriter_workbook.cpp).
hgj_pkg(xlsxwriter xlsxwriter libxlsxwriter-dev)
hgj_pkg(vips vips-cpp libvips-dev)
# Photos already the site's size skip libvips (generator/site/images/site_size_photo.h).
hgj_pkg(png libpng libpng-dev)
hgj_pkg(jpeg libjpeg libjpeg-dev)
hgj_pkg(pangocairo pangocairo libpango1.0-dev)
hgj_pkg(cairo cairo libcairo2-dev)
hgj_pkg(harfbuzz_subset harfbuzz-subset libharfbuzz-dev)
hgj_pkg(fontconfig fontconfig libfontconfig-dev)
hgj_pkg(pangoft2 pangoft2 libpango1.0-dev)
hgj_pkg(qrencode libqrencode libqrencode-dev)
# `hgj diff --since GIT-REV` reads the content folder as committed (generator/diff/git_tree.h).
hgj_pkg(git2 libgit2 libgit2-dev)
hgj_pkg(sdl2 sdl2 libsdl2-dev)
hgj_pkg(curl libcurl libcurl4-openssl-dev)
hgj_pkg(systemd libsystemd libsystemd-dev)
# The generator builds and frees millions of small Mustache values; jemalloc does that
# faster than glibc's malloc across threads (bench/run). Sanitizers bring their own.
if(NOT HGJ_SANITIZE)
  hgj_pkg(jemalloc jemalloc libjemalloc-dev)
endif()
hgj_header(kainjow/mustache.hpp libkainjow-mustache-dev)
hgj_header(doctest/doctest.h doctest-dev)

find_package(Boost 1.74 QUIET COMPONENTS program_options)
if(NOT Boost_FOUND)
  message(FATAL_ERROR "Boost.Program_options not found: apt-get install libboost-program-options-dev")
endif()
# The HTTP server of generator/http/ (Boost.Beast on Boost.Asio, header-only).
hgj_header(boost/beast/http.hpp libboost-dev)
