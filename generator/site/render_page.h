// A page and its elder/ copy rendered from one build of the page's data, with their
// recipes: the one path by which `hgj build` (render_site.h) and `hgj serve`
// (serve/incremental.h) make pages.
#pragma once

#include <functional>
#include <string>

#include "site/pages/page_jobs.h"
#include "site/pages/page_recipes.h"
#include "site/templates/theme.h"

namespace hgj::site {

// A rendering thread's own templates (PageRenderer::elder_varies(), shared_names()).
TemplateSet thread_templates(const Theme& theme);

struct RenderedPage {
  std::string error;  // a template's runtime error: nothing rendered, no recipe
  // The recipes (page_recipes.h); empty when the page's data cannot be digested.
  std::string recipe, elder_recipe;
  bool kept = false;  // both files are in place as they are: no HTML made
  std::string html, elder_html;
};

// Whether the output holds `page`, made from `recipe`, as it is.
using KeepPage = std::function<bool(const PageJob& page, const std::string& recipe)>;

// The page and its elder/ copy (null: none). With `keep`, a page whose files it keeps,
// both of them, is not rendered; a page without a recipe is never kept.
RenderedPage render_page(const PageRenderer& renderer, const PageRecipes& recipes,
                         TemplateSet& templates, const PageJob& page, const PageJob* elder,
                         const KeepPage& keep = {});

}  // namespace hgj::site
