#include "site/render_page.h"

#include <tuple>

namespace hgj::site {

TemplateSet thread_templates(const Theme& theme) {
  return TemplateSet(theme, PageRenderer::elder_varies(), PageRenderer::shared_names());
}

RenderedPage render_page(const PageRenderer& renderer, const PageRecipes& recipes,
                         TemplateSet& templates, const PageJob& page, const PageJob* elder,
                         const KeepPage& keep) {
  RenderedPage made;
  Data data = renderer.data(page, templates, made.error);
  if (!made.error.empty()) return made;
  if (std::optional<std::string> recipe = recipes.recipe(page.tmpl, page.path, data)) {
    made.recipe = std::move(*recipe);
    if (elder) made.elder_recipe = PageRecipes::elder_recipe(made.recipe, elder->path);
  }
  // Both files kept, or both written.
  if (keep && !made.recipe.empty() && keep(page, made.recipe) &&
      (!elder || keep(*elder, made.elder_recipe))) {
    made.kept = true;
    return made;
  }
  if (elder) {
    std::tie(made.html, made.elder_html) =
        renderer.render_with_elder(page, data, templates, made.error);
  } else {
    made.html = renderer.render(page, data, templates, made.error);
  }
  if (!made.error.empty()) made = RenderedPage{std::move(made.error)};  // not written: no recipe
  return made;
}

}  // namespace hgj::site
