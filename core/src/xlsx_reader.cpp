// Reads .xlsx workbooks with libzip (the zip) and libxml2's streaming xmlReader (the XML):
// one node at a time, so a sheet of a million rows costs its cells, not a document tree.
// Nothing here expands entities or fetches anything: a part with a DTD is refused (an
// entity bomb needs one), and every part is read under a byte cap (a zip bomb).
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "hgj/language.h"
#include "hgj/parallel.h"
#include "hgj/xlsx.h"
#include "hgj/xlsx_values.h"

namespace hgj {

namespace {

constexpr std::size_t max_cell_characters = 32767;  // Excel's own limit

std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string mb(std::size_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }

// The messages of a workbook that cannot be read, each said in one place.
std::string missing_part(const std::string& part) {
  return say("工作簿里缺了 " + part + "，已经损坏：请用 Excel 或 WPS 重新保存",
             "the workbook has no " + part + ": it is damaged; save it again from Excel or WPS");
}

// `size` empty: found out while unpacking.
std::string too_big(const std::string& part, const std::string& size, const std::string& limit) {
  return say(part + " 解压后" + (size.empty() ? "超过" : "有 " + size + "，超过") +
                 "了工作簿每部分的上限 " + limit + "（可能是恶意的压缩炸弹），没有读取",
             part + (size.empty() ? " unpacks to more" : " would unpack to " + size + ", more") +
                 " than the " + limit + " a workbook part may have (a zip bomb?); not read");
}

std::string unreadable_part(const std::string& part, const std::string& why) {
  return say(part + " 读不出来（" + why + "）：工作簿设了密码或已损坏？请去掉密码后重新保存",
             part + " cannot be read (" + why +
                 "): a password-protected or damaged workbook? Save it again without a password");
}

std::string declares_dtd(const std::string& part) {
  return say(part + " 里声明了 DTD，正常的 Excel 文件没有这个（可能是恶意文件），没有读取",
             part + " declares a DTD, which no Excel file has (an XML entity bomb?); not read");
}

std::string damaged(const std::string& what) {
  return say("工作簿损坏了：" + what + "；请用 Excel 或 WPS 重新保存",
             "the workbook is damaged: " + what + "; save it again from Excel or WPS");
}

// What the first bytes say a file is when it is not a zip.
std::string not_a_zip_message(const std::string& file) {
  std::array<unsigned char, 8> head{};
  std::ifstream in(file, std::ios::binary);
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  static constexpr std::array<unsigned char, 8> ole = {0xD0, 0xCF, 0x11, 0xE0,
                                                       0xA1, 0xB1, 0x1A, 0xE1};
  if (got == head.size() && head == ole) {
    return say(
        "这个工作簿不是 .xlsx 格式：它设了密码，或是改了扩展名的旧 .xls；请在 Excel 或 WPS "
        "里去掉密码（或打开 .xls），另存为“Excel 工作簿 (*.xlsx)”",
        "the workbook is an OLE compound file, not a zip: a password-protected workbook "
        "or an old .xls renamed .xlsx; remove the password (or open the .xls) in Excel or "
        "WPS and save it as \"Excel 工作簿 (*.xlsx)\"");
  }
  if (got == 0)
    return say("这个工作簿是空的（0 字节）：请用 Excel 或 WPS 重新保存",
               "the workbook is empty (0 bytes): save it again from Excel or WPS");
  if (got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
    return say("这个工作簿不完整（文件后半截丢了）：请重新复制一次，或用 Excel 或 WPS 重新保存",
               "the workbook is truncated (the end of the zip is missing): copy it again, or "
               "save it again from Excel or WPS");
  }
  const bool text =
      std::all_of(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(got),
                  [](unsigned char c) { return c >= 0x20 || c == '\t' || c == '\n' || c == '\r'; });
  if (text) {
    return say(
        "这个文件是文本，不是 Excel 工作簿：是把 CSV 改名成了 .xlsx 吗？请把扩展名改回 .csv，"
        "或用 Excel 或 WPS 打开后另存为 .xlsx",
        "the file is text, not an Excel workbook (an .xlsx is a zip file): a CSV renamed "
        ".xlsx? Rename it to .csv, or open it in Excel or WPS and save it as .xlsx");
  }
  return say("这个文件不是 Excel 工作簿：请用 Excel 或 WPS 另存为“Excel 工作簿 (*.xlsx)”",
             "the file is not an Excel workbook (an .xlsx is a zip file): save it from Excel or "
             "WPS as \"Excel 工作簿 (*.xlsx)\"");
}

// Attribute `local` (any namespace prefix) of the reader's current element.
std::optional<std::string> attribute(xmlTextReaderPtr reader, const char* local) {
  std::optional<std::string> found;
  if (xmlTextReaderMoveToFirstAttribute(reader) != 1) return found;
  do {
    const auto* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
    if (name != nullptr && std::strcmp(name, local) == 0) {
      const auto* value = reinterpret_cast<const char*>(xmlTextReaderConstValue(reader));
      found = value == nullptr ? "" : value;
      break;
    }
  } while (xmlTextReaderMoveToNextAttribute(reader) == 1);
  xmlTextReaderMoveToElement(reader);
  return found;
}

bool truthy(const std::optional<std::string>& v) { return v && (*v == "1" || *v == "true"); }

// A workbook open for reading its parts.
class Workbook {
 public:
  Workbook(std::string display, DiagnosticSink& sink, XlsxLimits limits)
      : display_(std::move(display)), sink_(sink), limits_(limits) {}
  ~Workbook() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  bool open(const std::string& file) {
    int code = 0;
    zip_ = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (zip_ != nullptr) return true;
    if (code == ZIP_ER_NOZIP) {
      fail(not_a_zip_message(file));
    } else {
      zip_error_t error;
      zip_error_init_with_code(&error, code);
      const std::string why = zip_error_strerror(&error);
      fail(say(
          "这个工作簿损坏或不完整（" + why + "）：请用 Excel 或 WPS 重新保存",
          "the workbook is damaged or truncated (" + why + "): save it again from Excel or WPS"));
      zip_error_fini(&error);
    }
    return false;
  }

  void fail(const std::string& message, const std::string& where = {}) {
    if (failed_) return;  // the first problem is the cause; the rest follow from it
    failed_ = true;
    sink_.error({where.empty() ? display_ : where, 0, 0}, message);
  }
  bool failed() const { return failed_; }

  // A streaming reader over one part, or nullptr when it is absent (`required`: an error).
  class Part {
   public:
    Part(Workbook& book, const std::string& name, bool required) : book_(book), name_(name) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat(book.zip_, name.c_str(), 0, &st) != 0) {
        if (required) book.fail(missing_part(name));
        return;
      }
      if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > book.limits_.part_bytes) {
        book.fail(too_big(name, mb(st.size), mb(book.limits_.part_bytes)));
        return;
      }
      file_ = zip_fopen(book.zip_, name.c_str(), 0);
      if (file_ == nullptr) {
        book.fail(unreadable_part(name, zip_strerror(book.zip_)));
        return;
      }
      reader_ = xmlReaderForIO(&Part::read, nullptr, this, name.c_str(), nullptr,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      if (reader_ != nullptr)
        xmlTextReaderSetStructuredErrorHandler(reader_, &Part::on_error, this);
    }
    ~Part() {
      if (reader_ != nullptr) xmlFreeTextReader(reader_);
      if (file_ != nullptr) zip_fclose(file_);
    }
    Part(const Part&) = delete;
    Part& operator=(const Part&) = delete;

    explicit operator bool() const { return reader_ != nullptr; }
    xmlTextReaderPtr reader() const { return reader_; }

    // The next node; false at the end or on a problem (reported).
    bool next() {
      const int got = xmlTextReaderRead(reader_);
      if (got == 1 && xmlTextReaderNodeType(reader_) == XML_READER_TYPE_DOCUMENT_TYPE) {
        book_.fail(declares_dtd(name_));
        return false;
      }
      if (got == 1) return true;
      if (got < 0) {
        if (over_) {
          book_.fail(too_big(name_, {}, mb(book_.limits_.part_bytes)));
        } else if (error_.find("ntity") != std::string::npos) {
          book_.fail(say(
              name_ + " 里声明了 XML 实体，正常的 Excel 文件没有这个（可能是恶意文件），没有读取",
              name_ + " declares XML entities, which no Excel file has (an XML entity "
                      "bomb?); not read"));
        } else {
          book_.fail(
              damaged(name_ + ": " + (error_.empty() ? std::string("unreadable XML") : error_)));
        }
      }
      return false;
    }

    bool element(const char* local) const {
      return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT && is(local);
    }
    bool end_of(const char* local) const {
      return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_END_ELEMENT && is(local);
    }
    bool empty() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
    std::optional<std::string> attr(const char* local) const { return attribute(reader_, local); }

    // The text inside the current element (rich text runs joined, phonetic guides left out).
    std::string text() {
      std::string out;
      if (empty()) return out;
      const int depth = xmlTextReaderDepth(reader_);
      int skip = -1;  // depth of a phonetic guide (rPh) being left out
      while (next()) {
        const int type = xmlTextReaderNodeType(reader_);
        const int at = xmlTextReaderDepth(reader_);
        if (type == XML_READER_TYPE_END_ELEMENT) {
          if (at == depth) break;
          if (at == skip) skip = -1;
        } else if (type == XML_READER_TYPE_ELEMENT) {
          if (skip < 0 && is("rPh") && !empty()) skip = at;
        } else if (skip < 0 && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                                type == XML_READER_TYPE_WHITESPACE)) {
          if (const xmlChar* v = xmlTextReaderConstValue(reader_))
            out += reinterpret_cast<const char*>(v);
        }
      }
      return out;
    }

   private:
    bool is(const char* local) const {
      const auto* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader_));
      return name != nullptr && std::strcmp(name, local) == 0;
    }

    static int read(void* context, char* buffer, int length) {
      auto* part = static_cast<Part*>(context);
      const zip_int64_t got = zip_fread(part->file_, buffer, static_cast<zip_uint64_t>(length));
      if (got < 0) return -1;
      part->read_ += static_cast<std::size_t>(got);
      if (part->read_ > part->book_.limits_.part_bytes) {
        part->over_ = true;
        return -1;
      }
      return static_cast<int>(got);
    }

    static void on_error(void* context, xmlErrorPtr error) {
      auto* part = static_cast<Part*>(context);
      if (!part->error_.empty() || error == nullptr || error->message == nullptr) return;
      std::string message = error->message;
      while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
      part->error_ = message + " (line " + std::to_string(error->line) + ")";
    }

    Workbook& book_;
    std::string name_;
    zip_file_t* file_ = nullptr;
    xmlTextReaderPtr reader_ = nullptr;
    std::size_t read_ = 0;
    bool over_ = false;
    std::string error_;
  };

  // Hands part `name` to `chunk` 256 KB at a time, under the same caps as Part; false when
  // it could not be read whole (reported) or `chunk` said stop.
  bool stream(const std::string& name, const std::function<bool(const char*, int)>& chunk) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0) {
      fail(missing_part(name));
      return false;
    }
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limits_.part_bytes) {
      fail(too_big(name, mb(st.size), mb(limits_.part_bytes)));
      return false;
    }
    zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
    if (file == nullptr) {
      fail(unreadable_part(name, zip_strerror(zip_)));
      return false;
    }
    // Inflating runs on a thread of its own, a few chunks ahead of the parser: for a city's
    // issues sheet it is a fifth of the reading.
    constexpr std::size_t chunk_bytes = std::size_t{1} << 18;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<char>> ready;
    bool finished = false, stop = false, over = false;
    std::string error;
    std::thread inflater([&] {
      std::size_t total = 0;
      while (true) {
        std::vector<char> buffer(chunk_bytes);
        const zip_int64_t got = zip_fread(file, buffer.data(), buffer.size());
        std::unique_lock lock(mutex);
        if (got < 0) error = zip_file_strerror(file);
        total += got > 0 ? static_cast<std::size_t>(got) : 0;
        over = total > limits_.part_bytes;
        if (got <= 0 || over) break;
        buffer.resize(static_cast<std::size_t>(got));
        changed.wait(lock, [&] { return ready.size() < 4 || stop; });
        if (stop) break;
        ready.push_back(std::move(buffer));
        changed.notify_all();
      }
      std::lock_guard lock(mutex);
      finished = true;
      changed.notify_all();
    });
    bool ok = true;
    while (true) {
      std::vector<char> buffer;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !ready.empty() || finished; });
        if (ready.empty()) break;
        buffer = std::move(ready.front());
        ready.pop_front();
        changed.notify_all();
      }
      if (!chunk(buffer.data(), static_cast<int>(buffer.size()))) {
        ok = false;
        break;
      }
    }
    {
      std::lock_guard lock(mutex);
      stop = true;
      changed.notify_all();
    }
    inflater.join();
    if (ok && over) {
      fail(too_big(name, {}, mb(limits_.part_bytes)));
      ok = false;
    } else if (ok && !error.empty()) {
      fail(damaged(name + " (" + error + ")"));
      ok = false;
    }
    zip_fclose(file);
    return ok;
  }

  struct Sheet {
    XlsxSheetInfo info;
    std::string part;  // e.g. xl/worksheets/sheet1.xml
  };

  // xl/workbook.xml and its relationships: the sheets, and the date system.
  std::vector<Sheet> sheets() {
    std::map<std::string, std::string> targets;
    {
      Part rels(*this, "xl/_rels/workbook.xml.rels", true);
      if (!rels) return {};
      while (rels.next()) {
        if (!rels.element("Relationship")) continue;
        std::string target = rels.attr("Target").value_or("");
        target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
        targets[rels.attr("Id").value_or("")] = target;
      }
    }
    std::vector<Sheet> out;
    Part book(*this, "xl/workbook.xml", true);
    if (!book) return {};
    while (book.next()) {
      if (book.element("workbookPr")) date1904_ = truthy(book.attr("date1904"));
      if (!book.element("sheet")) continue;
      Sheet sheet;
      sheet.info.name = book.attr("name").value_or("");
      const std::string state = book.attr("state").value_or("visible");
      sheet.info.hidden = state == "hidden" || state == "veryHidden";
      sheet.part = targets[book.attr("id").value_or("")];
      out.push_back(std::move(sheet));
    }
    if (failed_) return {};
    return out;
  }

  // xl/sharedStrings.xml, in order.
  void read_shared_strings() {
    Part part(*this, "xl/sharedStrings.xml", false);
    if (!part) return;
    while (part.next()) {
      if (part.element("si")) shared_.push_back(part.text());
    }
  }

  // xl/styles.xml: for each cell format (the s="" of a cell), whether it is a date and
  // whether it shows a time.
  void read_styles() {
    Part part(*this, "xl/styles.xml", false);
    if (!part) return;
    std::map<int, std::string> codes;
    bool in_cell_xfs = false;
    while (part.next()) {
      if (part.element("numFmt")) {
        codes[std::atoi(part.attr("numFmtId").value_or("0").c_str())] =
            part.attr("formatCode").value_or("");
      } else if (part.element("cellXfs")) {
        in_cell_xfs = !part.empty();
      } else if (part.end_of("cellXfs")) {
        in_cell_xfs = false;
      } else if (in_cell_xfs && part.element("xf")) {
        const int id = std::atoi(part.attr("numFmtId").value_or("0").c_str());
        const std::string& code = codes[id];
        Style style;
        style.date = is_date_format(id, code);
        std::string lower = code;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        style.time = (id >= 18 && id <= 22) || (id >= 45 && id <= 47) ||
                     lower.find('h') != std::string::npos;
        style.time_only = (id >= 18 && id <= 21) || (id >= 45 && id <= 47) ||
                          (id >= 164 && style.time && lower.find('y') == std::string::npos &&
                           lower.find('d') == std::string::npos);
        styles_.push_back(style);
      }
    }
  }

  struct Style {
    bool date = false;
    bool time = false;
    bool time_only = false;
  };

  const std::string& display() const { return display_; }
  DiagnosticSink& sink() { return sink_; }
  const std::vector<std::string>& shared() const { return shared_; }
  const Style* style(std::size_t index) const {
    return index < styles_.size() ? &styles_[index] : nullptr;
  }
  bool date1904() const { return date1904_; }

 private:
  std::string display_;
  DiagnosticSink& sink_;
  XlsxLimits limits_;
  zip_t* zip_ = nullptr;
  bool failed_ = false;
  bool date1904_ = false;
  std::vector<std::string> shared_;
  std::vector<Style> styles_;
};

// One sheet's cells as rows, then as the CsvTable the loader reads. The sheet is the one
// big part (50 MB of XML for 100,000 issues), so it goes through libxml2's SAX2 push
// parser: no node objects, attributes handed over as arrays.
class SheetReader {
 public:
  SheetReader(Workbook& book, std::string where) : book_(book), where_(std::move(where)) {}

  CsvTable read(const std::string& part_name) {
    xmlSAXHandler sax{};
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = &SheetReader::on_start;
    sax.endElementNs = &SheetReader::on_end;
    sax.characters = &SheetReader::on_text;
    sax.cdataBlock = &SheetReader::on_text;
    sax.internalSubset = &SheetReader::on_dtd;
    sax.entityDecl = &SheetReader::on_entity;
    sax.serror = &SheetReader::on_error;
    parser_ = xmlCreatePushParserCtxt(&sax, this, nullptr, 0, part_name.c_str());
    if (parser_ == nullptr) return bad("the XML parser could not start");
    xmlCtxtUseOptions(parser_, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    part_ = part_name;
    const bool streamed = book_.stream(part_name, [&](const char* bytes, int size) {
      return xmlParseChunk(parser_, bytes, size, 0) == 0 && !stop_;
    });
    if (streamed && !stop_) xmlParseChunk(parser_, nullptr, 0, 1);
    const bool well_formed = parser_->wellFormed != 0;
    xmlFreeParserCtxt(parser_);
    parser_ = nullptr;
    if (book_.failed()) return {};
    if (streamed && !well_formed) {
      book_.fail(
          damaged(part_name + ": " + (error_.empty() ? std::string("unreadable XML") : error_)));
      return {};
    }
    for (const Merge& m : merges_) fill(m.row1, m.col1, m.row2, m.col2);
    return table();
  }

 private:
  struct Row {
    int number = 0;
    std::vector<std::string> cells;  // by column - 1
  };
  struct Merge {
    int row1, col1, row2, col2;
  };
  enum class Capture { none, value, inline_text };

  static SheetReader& self(void* context) { return *static_cast<SheetReader*>(context); }

  // SAX2 hands attributes as (localname, prefix, URI, value, end) quintuples.
  static std::string_view attr(int count, const xmlChar** attributes, const char* local) {
    for (int i = 0; i < count; ++i) {
      const xmlChar** a = attributes + 5 * i;
      if (std::strcmp(reinterpret_cast<const char*>(a[0]), local) == 0) {
        return {reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3])};
      }
    }
    return {};
  }

  static bool named(const xmlChar* name, const char* local) {
    return std::strcmp(reinterpret_cast<const char*>(name), local) == 0;
  }

  static int number(std::string_view text) {
    int n = 0;
    for (char c : text) {
      if (c < '0' || c > '9' || n > 1048576) return -1;
      n = n * 10 + (c - '0');
    }
    return text.empty() ? -1 : n;
  }

  static void on_start(void* context, const xmlChar* local, const xmlChar*, const xmlChar*, int,
                       const xmlChar**, int count, int, const xmlChar** attributes) {
    SheetReader& r = self(context);
    if (r.stop_) return;
    if (named(local, "c")) {
      const std::string_view ref = attr(count, attributes, "r");
      r.column_ = ref.empty() ? r.column_ + 1 : column_of_reference(ref);
      r.type_ = attr(count, attributes, "t");
      if (r.type_.empty()) r.type_ = "n";
      r.style_ = std::max(0, number(attr(count, attributes, "s")));
      r.stored_.clear();
      r.has_value_ = r.formula_ = false;
      r.inline_.clear();
      if (r.column_ < 1 || r.column_ > 16384)
        r.bad("a cell has a bad reference (r=\"" + std::string(ref) + "\")");
    } else if (named(local, "v")) {
      r.capture_ = Capture::value;
      r.has_value_ = true;
    } else if (named(local, "f")) {
      r.formula_ = true;
    } else if (named(local, "t") && r.in_inline_ && r.phonetic_ == 0) {
      r.capture_ = Capture::inline_text;
    } else if (named(local, "is")) {
      r.in_inline_ = true;
    } else if (named(local, "rPh")) {
      ++r.phonetic_;
    } else if (named(local, "row")) {
      const std::string_view at = attr(count, attributes, "r");
      r.row_.number = at.empty() ? r.row_.number + 1 : number(at);
      if (r.row_.number < 1 || r.row_.number > 1048576) {
        r.bad("a row has a bad number (r=\"" + std::string(at) + "\")");
        return;
      }
      const std::string_view hidden = attr(count, attributes, "hidden");
      r.hidden_ = hidden == "1" || hidden == "true";
      r.row_.cells.clear();
      // As wide as the widest row so far: growing it a cell at a time moved every
      // string of a 14-column row five times.
      r.row_.cells.reserve(r.widest_);
      r.column_ = 0;
    } else if (named(local, "mergeCell")) {
      const std::string_view ref = attr(count, attributes, "ref");
      const std::size_t colon = ref.find(':');
      if (colon == std::string_view::npos) return;
      const std::string_view a = ref.substr(0, colon), b = ref.substr(colon + 1);
      Merge m{row_of_reference(a), column_of_reference(a), row_of_reference(b),
              column_of_reference(b)};
      if (m.row1 > 0 && m.col1 > 0 && m.row2 >= m.row1 && m.col2 >= m.col1) r.merges_.push_back(m);
    }
  }

  static void on_end(void* context, const xmlChar* local, const xmlChar*, const xmlChar*) {
    SheetReader& r = self(context);
    if (r.stop_) return;
    if (named(local, "v") || named(local, "t")) {
      r.capture_ = Capture::none;
    } else if (named(local, "is")) {
      r.in_inline_ = false;
    } else if (named(local, "rPh")) {
      --r.phonetic_;
    } else if (named(local, "c")) {
      std::string value = r.cell_text();
      if (value.empty()) return;
      std::vector<std::string>& cells = r.row_.cells;
      if (static_cast<std::size_t>(r.column_) > cells.size()) cells.resize(r.column_);
      cells[r.column_ - 1] = std::move(value);
    } else if (named(local, "row")) {
      r.end_row();
    }
  }

  static void on_text(void* context, const xmlChar* text, int length) {
    SheetReader& r = self(context);
    if (r.capture_ == Capture::value) {
      r.stored_.append(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length));
    } else if (r.capture_ == Capture::inline_text) {
      r.inline_.append(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length));
    }
    if (r.stored_.size() + r.inline_.size() > 4 * max_cell_characters + 16) {
      r.bad("a cell is longer than any Excel cell");
    }
  }

  static void on_dtd(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
    SheetReader& r = self(context);
    r.book_.fail(declares_dtd(r.part_));
    r.halt();
  }

  static void on_entity(void* context, const xmlChar*, int, const xmlChar*, const xmlChar*,
                        xmlChar*) {
    on_dtd(context, nullptr, nullptr, nullptr);
  }

  static void on_error(void* context, xmlErrorPtr error) {
    SheetReader& r = self(context);
    if (!r.error_.empty() || error == nullptr || error->message == nullptr) return;
    std::string message = error->message;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    r.error_ = message + " (line " + std::to_string(error->line) + ")";
  }

  void halt() {
    stop_ = true;
    if (parser_ != nullptr) xmlStopParser(parser_);
  }

  CsvTable bad(const std::string& message) {
    book_.fail(say("这张工作表损坏了：" + message + "；请用 Excel 或 WPS 重新保存",
                   "the sheet is damaged: " + message + "; save it again from Excel or WPS"),
               where_);
    halt();
    return {};
  }

  void end_row() {
    Row& row = row_;
    if (row.cells.empty()) return;  // rows past the data, formatted but empty
    if (hidden_) {
      book_.sink().warning(
          {where_, row.number, 0},
          say("第 " + std::to_string(row.number) +
                  " 行在 Excel 里是隐藏的，没有读取：要发布就取消隐藏，不要了就删掉这一行",
              "row " + std::to_string(row.number) +
                  " is hidden in Excel and is not read: unhide it (取消隐藏) to "
                  "publish it, or delete it"));
      row.cells.clear();
      return;
    }
    widest_ = std::max(widest_, row.cells.size());
    rows_.push_back(Row{row.number, std::move(row.cells)});
    row.cells = {};
  }

  // A cell that could not be read: the cause of its field being empty, so that the
  // field is not reported again as missing (FieldReader::missing).
  void cell_error(const SourceLocation& at, std::string message) {
    Diagnostic d{at, Severity::error, std::move(message), {}, -1, cell_cause(at), 0};
    book_.sink().add(std::move(d));
  }

  // The text of the cell just read, as a CSV export would hold it; empty (with an error
  // reported) when there is a problem.
  std::string cell_text() {
    const SourceLocation at{where_, row_.number, column_};
    std::string out;
    if (type_ == "inlineStr") {
      out = std::move(inline_);
    } else if (!has_value_ || (formula_ && stored_.empty() && type_ != "str")) {
      if (formula_) {
        cell_error(at, say("这个格子是公式，但没有保存计算结果：请用 Excel 或 WPS 打开工作簿"
                           "再保存一次，把结果存进去",
                           "the cell has a formula but no saved value: open the workbook "
                           "in Excel or WPS and save it again, so the value is stored"));
      }
      return {};
    } else if (type_ == "s") {
      const int index = number(stored_);
      if (index < 0 || static_cast<std::size_t>(index) >= book_.shared().size()) {
        cell_error(at,
                   say("这个格子指向第 " + stored_ +
                           " 个共享文字，工作簿里却没有：工作簿损坏了，请用 Excel 或 WPS 重新保存",
                       "the cell names shared string " + stored_ +
                           ", which the workbook does not have: it is damaged"));
        return {};
      }
      out = book_.shared()[static_cast<std::size_t>(index)];
    } else if (type_ == "str" || type_ == "d") {
      out = std::move(stored_);
      if (type_ == "d") {
        if (out.size() > 10 && out[10] == 'T') out = out.substr(0, 10) + " " + out.substr(11, 5);
        if (out.ends_with(" 00:00")) out.resize(10);
      }
    } else if (type_ == "b") {
      out = stored_ == "1" ? "true" : "false";
    } else if (type_ == "e") {
      cell_error(at, say("这个格子是 Excel 的错误值 " + stored_ + "：请改正公式，或直接填上值",
                         "the cell holds the Excel error " + stored_ +
                             ": correct the formula or type the value"));
      return {};
    } else {
      const Workbook::Style* s = book_.style(static_cast<std::size_t>(style_));
      std::optional<std::string> text =
          s != nullptr && s->date ? date_text(stored_, book_.date1904(), s->time, s->time_only)
                                  : number_text(stored_);
      out = text ? std::move(*text) : std::move(stored_);
    }
    if (out.size() > max_cell_characters && characters(out) > max_cell_characters) {
      cell_error(at, say("这个格子有 " + std::to_string(characters(out)) +
                             " 个字，超过了 Excel 的上限 32767，没有读取：请删减",
                         "the cell holds " + std::to_string(characters(out)) +
                             " characters, more than Excel's 32767; not read"));
      return {};
    }
    return out;
  }

  Row* find_row(int number) {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), number,
                               [](const Row& r, int n) { return r.number < n; });
    return it != rows_.end() && it->number == number ? &*it : nullptr;
  }

  // A merged range holds its value in the top-left cell; every cell it spans gets it, on
  // the rows that hold data (a range past the data makes no rows).
  void fill(int row1, int col1, int row2, int col2) {
    const Row* first = find_row(row1);
    if (first == nullptr || static_cast<std::size_t>(col1) > first->cells.size()) return;
    const std::string value = first->cells[col1 - 1];
    if (value.empty()) return;
    auto it = std::lower_bound(rows_.begin(), rows_.end(), row1,
                               [](const Row& r, int n) { return r.number < n; });
    for (; it != rows_.end() && it->number <= row2; ++it) {
      if (static_cast<std::size_t>(col2) > it->cells.size()) it->cells.resize(col2);
      for (int c = col1; c <= col2; ++c) it->cells[c - 1] = value;
    }
  }

  // The rows as CSV rows: each as wide as the header, cells past it warned about once per
  // column; the excerpt line of a row is its cells joined by commas.
  CsvTable table() {
    CsvTable out;
    if (rows_.empty()) return out;
    std::sort(rows_.begin(), rows_.end(),
              [](const Row& a, const Row& b) { return a.number < b.number; });
    if (title_row()) rows_.erase(rows_.begin());
    const std::size_t width = rows_.front().cells.size();
    out.lines.resize(static_cast<std::size_t>(rows_.back().number));
    std::set<std::size_t> unlabelled;
    for (const Row& row : rows_) {
      for (std::size_t c = width; c < row.cells.size(); ++c) {
        if (!row.cells[c].empty() && unlabelled.insert(c).second) {
          book_.sink().warning({where_, row.number, static_cast<int>(c) + 1},
                               say(column_letters(static_cast<int>(c) + 1) +
                                       " 列没有表头，这一列的内容没有读取：请在表头行给它写上列名",
                                   "column " + column_letters(static_cast<int>(c) + 1) +
                                       " has no header; its values are ignored"));
        }
      }
    }
    // Each row is its own line: built on every core (100,000 rows are a fifth of reading).
    out.rows.resize(rows_.size());
    parallel_for(rows_.size(), 1024, [&](std::size_t i) {
      Row& row = rows_[i];
      row.cells.resize(width);
      CsvRow& csv = out.rows[i];
      csv.line = csv.end_line = row.number;
      csv.cells.reserve(width);
      std::string& line = out.lines[static_cast<std::size_t>(row.number) - 1];
      std::size_t length = row.cells.size();
      for (const std::string& value : row.cells) length += value.size();
      line.reserve(length);
      for (std::string& value : row.cells) {
        if (!csv.cells.empty()) line += ',';
        CsvCell& cell = csv.cells.emplace_back();
        cell.line = row.number;
        cell.offset = static_cast<int>(line.size());
        const std::size_t start = line.size();
        line += value;
        std::replace_if(
            line.begin() + static_cast<std::ptrdiff_t>(start), line.end(),
            [](char ch) { return ch == '\n' || ch == '\r'; }, ' ');
        cell.value = std::move(value);
      }
      row.cells = {};
    });
    rows_ = {};
    return out;
  }

  // True when the first row is a ledger's title above the header ("天平巷社区红管家台账"):
  // one value merged across two or more columns and nothing else on the row.
  bool title_row() const {
    if (rows_.size() < 2) return false;
    const Row& first = rows_.front();
    const bool merged_across = std::any_of(merges_.begin(), merges_.end(), [&](const Merge& m) {
      return m.row1 == first.number && m.col2 > m.col1 && m.col1 == 1 &&
             static_cast<std::size_t>(m.col2) >= first.cells.size();
    });
    return merged_across &&
           std::all_of(first.cells.begin(), first.cells.end(),
                       [&](const std::string& c) { return c == first.cells.front(); });
  }

  Workbook& book_;
  std::string where_;
  std::string part_;
  xmlParserCtxtPtr parser_ = nullptr;
  bool stop_ = false;
  std::string error_;
  std::vector<Row> rows_;
  std::vector<Merge> merges_;
  // The row and cell being read.
  Row row_;
  std::size_t widest_ = 0;
  bool hidden_ = false;
  int column_ = 0;
  std::string type_;
  int style_ = 0;
  std::string stored_;
  std::string inline_;
  bool has_value_ = false;
  bool formula_ = false;
  bool in_inline_ = false;
  int phonetic_ = 0;
  Capture capture_ = Capture::none;
};

}  // namespace

std::string xlsx_sheet_path(const std::string& display, const std::string& sheet) {
  return display + "[" + sheet + "]";
}

std::vector<XlsxSheetInfo> xlsx_sheets(const std::string& file, const std::string& display,
                                       DiagnosticSink& sink, bool& ok) {
  Workbook book(display, sink, {});
  std::vector<XlsxSheetInfo> out;
  ok = book.open(file);
  if (!ok) return out;
  for (auto& sheet : book.sheets()) out.push_back(std::move(sheet.info));
  ok = !book.failed();
  return out;
}

CsvTable xlsx_table(const std::string& file, const std::string& display, const std::string& sheet,
                    DiagnosticSink& sink, const XlsxLimits& limits) {
  Workbook book(display, sink, limits);
  if (!book.open(file)) return {};
  const std::vector<Workbook::Sheet> sheets = book.sheets();
  auto it = std::find_if(sheets.begin(), sheets.end(),
                         [&](const Workbook::Sheet& s) { return s.info.name == sheet; });
  if (it == sheets.end()) return {};
  book.read_shared_strings();
  book.read_styles();
  if (book.failed()) return {};
  return SheetReader(book, xlsx_sheet_path(display, sheet)).read(it->part);
}

}  // namespace hgj
