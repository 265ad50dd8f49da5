# Sourced by the end-to-end tests that pin hgj's Chinese messages, the default: CTest runs
# the English-pinned tests in an English message locale (tests/CMakeLists.txt), which these
# must not inherit.
unset LC_ALL LC_MESSAGES
case "${LANG:-}" in en*) export LANG=C.UTF-8 ;; esac
