// Where frames go: a window (X11, Wayland or KMSDRM) or, headless, a memory surface.
// Scenes are drawn on a logical target texture and copied out rotated, so a panel
// mounted on its side shows an upright picture; touch points are mapped back.
#pragma once

#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

namespace hgj::kiosk {

// Maps a point on the panel (pw×ph pixels) to the logical canvas of a picture rotated
// clockwise by `rotate` degrees.
void panel_to_logical(int px, int py, int pw, int ph, int rotate, int& lx, int& ly);

class Display {
 public:
  // A software renderer on a w×h surface: screenshots and tests, no window at all.
  static std::unique_ptr<Display> headless(int w, int h, int rotate, std::string& why);
  // A window; w×h 0 with fullscreen: the desktop's size.
  static std::unique_ptr<Display> window(int w, int h, bool fullscreen, int rotate,
                                         std::string& why);
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  SDL_Renderer* renderer() const { return renderer_; }
  int logical_w() const { return logical_w_; }
  int logical_h() const { return logical_h_; }
  int panel_w() const { return panel_w_; }
  int panel_h() const { return panel_h_; }
  int rotate() const { return rotate_; }

  // Directs drawing at the logical canvas.
  void begin_frame();
  // Copies the canvas to the panel, rotated, and shows it.
  void present();
  // The panel picture after present(): panel_w()×panel_h() opaque ARGB8888 pixels. False
  // with `why` on failure.
  bool read_frame(std::vector<unsigned char>& argb, std::string& why);
  // The last frame's logical canvas, upright (logical_w()×logical_h(), as read_frame):
  // readable at any time, unlike a window's back buffer after present().
  bool read_canvas(std::vector<unsigned char>& argb, std::string& why);
  // The panel picture as a PNG file (cairo). False with `why` on failure.
  bool write_png(const std::string& path, std::string& why);
  // Window pixels / normalised touch coordinates → logical canvas.
  void window_to_logical(int wx, int wy, int& lx, int& ly) const;
  void touch_to_logical(float nx, float ny, int& lx, int& ly) const;
  // Turns the picture to `rotate` degrees clockwise (screens.csv's orientation).
  bool set_rotate(int rotate, std::string& why);
  // The window changed size (a display hot-plugged): rebuild the canvas.
  bool resized(std::string& why);

 private:
  Display() = default;
  bool make_target(std::string& why);

  SDL_Window* window_ = nullptr;
  SDL_Surface* surface_ = nullptr;  // headless
  SDL_Renderer* renderer_ = nullptr;
  SDL_Texture* target_ = nullptr;
  int panel_w_ = 0, panel_h_ = 0, logical_w_ = 0, logical_h_ = 0, rotate_ = 0;
};

}  // namespace hgj::kiosk
