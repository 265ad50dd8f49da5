#include "bundle/plain_text.h"

#include <cmark.h>

namespace hgj {

namespace {

bool ascii_word_char(unsigned char c) { return c > 0x20 && c < 0x80; }

class PlainText {
 public:
  void text(const char* literal) {
    for (const char* p = literal; p && *p; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space_ = !out_.empty();
        continue;
      }
      flush(c);
      out_ += *p;
    }
  }
  void soft_break() { soft_ = !out_.empty(); }
  void line_break() { want(1); }
  void block_end() { want(2); }
  void list_item() {
    want(out_.empty() ? 0 : 1);
    bullet_ = true;
  }
  std::string take() { return std::move(out_); }

 private:
  void want(int newlines) {
    if (newlines > newlines_) newlines_ = newlines;
  }
  // Emits what is pending before the character `next`.
  void flush(unsigned char next) {
    if (newlines_ > 0 && !out_.empty()) {
      out_.append(static_cast<std::size_t>(newlines_), '\n');
    } else if (space_ || (soft_ && ascii_word_char(static_cast<unsigned char>(out_.back())) &&
                          ascii_word_char(next))) {
      out_ += ' ';
    }
    if (bullet_) out_ += "• ";
    newlines_ = 0;
    space_ = soft_ = bullet_ = false;
  }

  std::string out_;
  int newlines_ = 0;
  bool space_ = false, soft_ = false, bullet_ = false;
};

}  // namespace

std::string markdown_plain_text(std::string_view markdown) {
  cmark_node* doc = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  cmark_iter* iter = cmark_iter_new(doc);
  PlainText out;
  int lists = 0;  // inside a list, paragraphs are items' lines, not blocks
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    const bool enter = ev == CMARK_EVENT_ENTER;
    switch (type) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (enter) out.text(cmark_node_get_literal(node));
        break;
      case CMARK_NODE_CODE_BLOCK:
        out.text(cmark_node_get_literal(node));
        out.block_end();
        break;
      case CMARK_NODE_SOFTBREAK:
        out.soft_break();
        break;
      case CMARK_NODE_LINEBREAK:
        out.line_break();
        break;
      case CMARK_NODE_ITEM:
        if (enter) out.list_item();
        break;
      case CMARK_NODE_LIST:
        lists += enter ? 1 : -1;
        if (!enter && lists == 0) out.block_end();
        break;
      case CMARK_NODE_PARAGRAPH:
        if (!enter) lists > 0 ? out.line_break() : out.block_end();
        break;
      case CMARK_NODE_HEADING:
      case CMARK_NODE_BLOCK_QUOTE:
        if (!enter) out.block_end();
        break;
      default:
        break;  // raw HTML, thematic breaks, images' URLs: nothing to say
    }
  }
  cmark_iter_free(iter);
  cmark_node_free(doc);
  return out.take();
}

}  // namespace hgj
