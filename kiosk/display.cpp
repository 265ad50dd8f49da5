#include "display.h"

#include <cairo.h>

#include <algorithm>
#include <vector>

namespace hgj::kiosk {

void panel_to_logical(int px, int py, int pw, int ph, int rotate, int& lx, int& ly) {
  switch (rotate) {
    case 90:
      lx = py;
      ly = pw - 1 - px;
      break;
    case 180:
      lx = pw - 1 - px;
      ly = ph - 1 - py;
      break;
    case 270:
      lx = ph - 1 - py;
      ly = px;
      break;
    default:
      lx = px;
      ly = py;
      break;
  }
}

std::unique_ptr<Display> Display::headless(int w, int h, int rotate, std::string& why) {
  std::unique_ptr<Display> d(new Display);
  d->rotate_ = rotate;
  d->panel_w_ = w;
  d->panel_h_ = h;
  d->surface_ = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!d->surface_) return why = std::string("cannot allocate a frame: ") + SDL_GetError(), nullptr;
  d->renderer_ = SDL_CreateSoftwareRenderer(d->surface_);
  if (!d->renderer_)
    return why = std::string("cannot create a renderer: ") + SDL_GetError(), nullptr;
  if (!d->make_target(why)) return nullptr;
  return d;
}

std::unique_ptr<Display> Display::window(int w, int h, bool fullscreen, int rotate,
                                         std::string& why) {
  std::unique_ptr<Display> d(new Display);
  d->rotate_ = rotate;
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (w <= 0 || h <= 0) w = 1080, h = 1920;
  if (!fullscreen) {
    // Keep a window that fits the desktop when no size was asked for.
    SDL_DisplayMode mode;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && (w > mode.w || h > mode.h)) {
      const double k = std::min(static_cast<double>(mode.w) / w, static_cast<double>(mode.h) / h);
      w = static_cast<int>(w * k);
      h = static_cast<int>(h * k);
    }
  }
  d->window_ =
      SDL_CreateWindow("红管家", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
  if (!d->window_) return why = std::string("cannot open a window: ") + SDL_GetError(), nullptr;
  d->renderer_ =
      SDL_CreateRenderer(d->window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE);
  if (!d->renderer_) d->renderer_ = SDL_CreateRenderer(d->window_, -1, SDL_RENDERER_SOFTWARE);
  if (!d->renderer_)
    return why = std::string("cannot create a renderer: ") + SDL_GetError(), nullptr;
  if (!d->resized(why)) return nullptr;
  return d;
}

Display::~Display() {
  if (target_) SDL_DestroyTexture(target_);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (surface_) SDL_FreeSurface(surface_);
  if (window_) SDL_DestroyWindow(window_);
}

bool Display::resized(std::string& why) {
  if (window_ && SDL_GetRendererOutputSize(renderer_, &panel_w_, &panel_h_) != 0)
    return why = std::string("cannot read the window size: ") + SDL_GetError(), false;
  return make_target(why);
}

bool Display::set_rotate(int rotate, std::string& why) {
  rotate_ = rotate;
  return make_target(why);
}

bool Display::make_target(std::string& why) {
  const bool sideways = rotate_ == 90 || rotate_ == 270;
  const int lw = sideways ? panel_h_ : panel_w_, lh = sideways ? panel_w_ : panel_h_;
  if (target_ && lw == logical_w_ && lh == logical_h_) return true;
  if (target_) SDL_DestroyTexture(target_);
  logical_w_ = lw;
  logical_h_ = lh;
  target_ =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, lw, lh);
  if (!target_) return why = std::string("cannot create the canvas: ") + SDL_GetError(), false;
  return true;
}

void Display::begin_frame() { SDL_SetRenderTarget(renderer_, target_); }

void Display::present() {
  SDL_SetRenderTarget(renderer_, nullptr);
  SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
  SDL_RenderClear(renderer_);
  if (rotate_ == 0) {
    SDL_RenderCopy(renderer_, target_, nullptr, nullptr);
  } else {
    const SDL_Rect dst{(panel_w_ - logical_w_) / 2, (panel_h_ - logical_h_) / 2, logical_w_,
                       logical_h_};
    SDL_RenderCopyEx(renderer_, target_, nullptr, &dst, rotate_, nullptr, SDL_FLIP_NONE);
  }
  SDL_RenderPresent(renderer_);
}

bool Display::read_frame(std::vector<unsigned char>& argb, std::string& why) {
  argb.assign(static_cast<std::size_t>(panel_w_) * panel_h_ * 4, 0);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ARGB8888, argb.data(),
                           panel_w_ * 4) != 0)
    return why = std::string("cannot read the frame back: ") + SDL_GetError(), false;
  for (std::size_t i = 3; i < argb.size(); i += 4) argb[i] = 255;  // opaque, as the panel shows it
  return true;
}

bool Display::read_canvas(std::vector<unsigned char>& argb, std::string& why) {
  argb.assign(static_cast<std::size_t>(logical_w_) * logical_h_ * 4, 0);
  SDL_SetRenderTarget(renderer_, target_);
  const int read = SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ARGB8888, argb.data(),
                                        logical_w_ * 4);
  SDL_SetRenderTarget(renderer_, nullptr);
  if (read != 0) return why = std::string("cannot read the canvas back: ") + SDL_GetError(), false;
  for (std::size_t i = 3; i < argb.size(); i += 4) argb[i] = 255;
  return true;
}

bool Display::write_png(const std::string& path, std::string& why) {
  std::vector<unsigned char> pixels;
  if (!read_frame(pixels, why)) return false;
  cairo_surface_t* s = cairo_image_surface_create_for_data(pixels.data(), CAIRO_FORMAT_RGB24,
                                                           panel_w_, panel_h_, panel_w_ * 4);
  const cairo_status_t status = cairo_surface_write_to_png(s, path.c_str());
  cairo_surface_destroy(s);
  if (status != CAIRO_STATUS_SUCCESS)
    return why = path + ": " + cairo_status_to_string(status), false;
  return true;
}

void Display::window_to_logical(int wx, int wy, int& lx, int& ly) const {
  int ww = panel_w_, wh = panel_h_;
  if (window_) SDL_GetWindowSize(window_, &ww, &wh);  // high-DPI: window units ≠ pixels
  const int px = ww > 0 ? wx * panel_w_ / ww : wx;
  const int py = wh > 0 ? wy * panel_h_ / wh : wy;
  panel_to_logical(px, py, panel_w_, panel_h_, rotate_, lx, ly);
}

void Display::touch_to_logical(float nx, float ny, int& lx, int& ly) const {
  const int px = std::clamp(static_cast<int>(nx * panel_w_), 0, panel_w_ - 1);
  const int py = std::clamp(static_cast<int>(ny * panel_h_), 0, panel_h_ - 1);
  panel_to_logical(px, py, panel_w_, panel_h_, rotate_, lx, ly);
}

}  // namespace hgj::kiosk
