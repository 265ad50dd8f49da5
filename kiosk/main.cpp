// hgj-kiosk: the lobby screen. Everything lives in the hgj_kiosk library (app.h).
#include "app.h"

int main(int argc, char** argv) { return hgj::kiosk::run_kiosk(argc, argv); }
