# The two .deb files (`cpack -G DEB`): names, versions, dependencies, maintainer scripts.
# Library dependencies come from dpkg-shlibdeps; what the programs run or read but do not
# link (fonts, espeak-ng, systemd-sysusers) is listed by hand.

# lintian wants the man pages and the Debian changelog compressed, without timestamps (so
# two builds of one commit make the same package).
set(hgj_pkg_out ${CMAKE_CURRENT_BINARY_DIR})
configure_file(deb/changelog.in ${hgj_pkg_out}/changelog @ONLY)
set(hgj_gz_files)
foreach(pair "man/hgj.1=hgj.1.gz" "man/hgj-kiosk.1=hgj-kiosk.1.gz" "${hgj_pkg_out}/changelog=changelog.Debian.gz")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 source)
  list(GET pair 1 target)
  get_filename_component(source ${source} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  add_custom_command(OUTPUT ${hgj_pkg_out}/${target}
    COMMAND sh -c "gzip -9n -c \"$1\" > \"$2\"" gzip ${source} ${hgj_pkg_out}/${target}
    DEPENDS ${source} VERBATIM)
  list(APPEND hgj_gz_files ${hgj_pkg_out}/${target})
endforeach()
add_custom_target(hgj_packaging_files ALL DEPENDS ${hgj_gz_files})

foreach(component generator kiosk)
  if(component STREQUAL "generator")
    set(package hgj)
  else()
    set(package hgj-kiosk)
  endif()
  install(FILES ${hgj_pkg_out}/changelog.Debian.gz deb/copyright
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
  install(FILES deb/${package}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
    RENAME ${package} COMPONENT ${component})
endforeach()
install(FILES ${hgj_pkg_out}/hgj.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT generator)
install(FILES ${hgj_pkg_out}/hgj-kiosk.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT kiosk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hgj)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "红管家 hgj maintainers <hgj@example.cn>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL generator kiosk)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://hgj.example.cn/")
# Directories the packages share (/usr/share/hgj/themes/default) are owned by both; files
# never are, so either installs alone.
set(CPACK_DEBIAN_GENERATOR_PACKAGE_NAME hgj)
set(CPACK_DEBIAN_GENERATOR_PACKAGE_DEPENDS "fonts-noto-cjk, systemd")
set(CPACK_COMPONENT_GENERATOR_DESCRIPTION "红管家 site, notice board and contact card generator
hgj makes a street's stewards (红管家) known and reachable: from one
content folder of Markdown, CSV and Excel files it makes a static
website, printable notice boards (公示牌) and contact cards (联户卡),
and the signed data bundle for lobby screens.")
set(CPACK_DEBIAN_GENERATOR_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj/conffiles ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj/postinst
  ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj/prerm ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj/postrm)
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME hgj-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-cjk, systemd")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "espeak-ng")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "红管家 lobby screen for residential buildings
hgj-kiosk shows a building's stewards (红管家), duty rota, events and
notices on a lobby touch screen, from the signed bundle hgj publishes.
It keeps the last good bundle on disk, works offline and runs without
a desktop (KMSDRM) under systemd.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj-kiosk/conffiles ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj-kiosk/postinst
  ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj-kiosk/prerm ${CMAKE_CURRENT_SOURCE_DIR}/deb/hgj-kiosk/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Debian ships programs stripped (lintian: unstripped-binary-or-object).
set(CPACK_STRIP_FILES ON)
include(CPack)
