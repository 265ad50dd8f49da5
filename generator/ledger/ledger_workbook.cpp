#include "ledger/ledger_workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include "hgj/ledger_values.h"
#include "hgj/schema.h"
#include "hgj/values.h"
#include "hgj/xlsx_values.h"
#include "ledger/field_guide.h"

namespace hgj {

namespace {

constexpr const char* lists_sheet = "选项";
constexpr const char* instructions_sheet = "说明";
// Drop-downs and column formats reach down to Excel's last row, so rows staff add
// get them too.
constexpr lxw_row_t last_row = LXW_ROW_MAX - 1;

struct Formats {
  lxw_format* header;
  lxw_format* header_required;
  lxw_format* text;  // "@": what is typed stays text (001, 0570…, 1-2)
  lxw_format* date;
  lxw_format* example_text;
  lxw_format* example_date;
  lxw_format* example_number;
  lxw_format* title;
  lxw_format* wrap;
};

Formats make_formats(lxw_workbook* wb) {
  auto format = [wb] { return workbook_add_format(wb); };
  Formats f{format(), format(), format(), format(), format(),
            format(), format(), format(), format()};
  for (lxw_format* h : {f.header, f.header_required}) {
    format_set_bold(h);
    format_set_bg_color(h, 0xF2E6D9);
    format_set_border(h, LXW_BORDER_THIN);
    format_set_text_wrap(h);
    format_set_align(h, LXW_ALIGN_VERTICAL_CENTER);
  }
  format_set_font_color(f.header_required, 0xB22222);
  format_set_num_format(f.text, "@");
  format_set_num_format(f.date, "yyyy-mm-dd");
  for (lxw_format* e : {f.example_text, f.example_date, f.example_number}) {
    format_set_italic(e);
    format_set_font_color(e, 0x808080);
  }
  format_set_num_format(f.example_text, "@");
  format_set_num_format(f.example_date, "yyyy-mm-dd");
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

bool is_text_kind(FieldKind kind) {
  return kind != FieldKind::date && kind != FieldKind::whole && kind != FieldKind::yes_no;
}

std::optional<long> whole_number(const std::string& text) {
  long n = 0;
  const std::string t = normalize_width(text);
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc() || end != t.data() + t.size() || t.empty()) return std::nullopt;
  return n;
}

// One cell as its kind stores it: a date cell, a number, 是/否, else the text as typed.
void write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& value,
                const FieldGuide* field, bool example, const Formats& f) {
  if (value.empty()) return;
  const FieldKind kind = field ? field->kind : FieldKind::text;
  if (kind == FieldKind::date) {
    if (const Parsed<Date> d = parse_date(normalize_width(value))) {
      lxw_datetime when{d.value->year, d.value->month, d.value->day, 0, 0, 0};
      worksheet_write_datetime(ws, r, c, &when, example ? f.example_date : f.date);
      return;
    }
  } else if (kind == FieldKind::whole) {
    if (const std::optional<long> n = whole_number(value)) {
      worksheet_write_number(ws, r, c, static_cast<double>(*n),
                             example ? f.example_number : nullptr);
      return;
    }
  } else if (kind == FieldKind::yes_no) {
    // 政治面貌 (中共党员, 群众) becomes what the loader reads it as.
    const Parsed<bool> b = parse_bool(value);
    if (b || field->key == "party_member") {
      const bool yes = b ? *b.value : parse_party_status(value);
      worksheet_write_string(ws, r, c, yes ? "是" : "否", example ? f.example_text : f.text);
      return;
    }
  }
  worksheet_write_string(ws, r, c, value.c_str(), example ? f.example_text : f.text);
}

// Excel's range reference for a sheet's rows, quoted as formulas need CJK names.
std::string quoted(const std::string& sheet) { return "'" + sheet + "'"; }

// A drop-down from a list of values written in the 选项 sheet's column `col`.
void list_validation(lxw_worksheet* ws, lxw_col_t c, const std::string& formula, bool strict,
                     const std::string& title) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  v.value_formula = const_cast<char*>(formula.c_str());
  v.error_type = strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
  v.error_title = const_cast<char*>(title.c_str());
  const std::string message = strict
                                  ? "请从下拉列表中选择。"
                                  : "列表中没有这一项：确认编号或姓名写对了，hgj check 会再核对。";
  v.error_message = const_cast<char*>(message.c_str());
  worksheet_data_validation_range(ws, 1, c, last_row, c, &v);
}

// The lists drop-downs choose from, each a column of the 选项 sheet: 是/否, the
// categories, and every choice field's values.
using NamedLists = std::vector<std::pair<std::string, std::vector<std::string>>>;

std::string choice_list_name(const CollectionGuide& g, const FieldGuide& field) {
  return g.what + "：" + collection_spec(g.collection).field(field.key).labels.front();
}

NamedLists drop_down_lists(const LedgerBook& book) {
  NamedLists lists = {{"是否", {"是", "否"}}, {"类别", book.categories}};
  for (const CollectionGuide& g : collection_guides()) {
    for (const FieldGuide& field : g.fields) {
      if (field.kind == FieldKind::choice)
        lists.push_back({choice_list_name(g, field), field.choices});
    }
  }
  return lists;
}

// Where each list is in the 选项 sheet, as a formula a drop-down names.
struct Lists {
  std::vector<std::pair<std::string, std::string>> ranges;  // list name → formula
  std::string range(const std::string& name) const {
    for (const auto& [n, r] : ranges) {
      if (n == name) return r;
    }
    return {};
  }
};

Lists list_ranges(const NamedLists& lists) {
  Lists out;
  for (std::size_t c = 0; c < lists.size(); ++c) {
    const std::string letters = column_letters(static_cast<int>(c) + 1);
    const std::size_t last = std::max<std::size_t>(2, lists[c].second.size() + 1);
    out.ranges.push_back({lists[c].first, "=" + quoted(lists_sheet) + "!$" + letters + "$2:$" +
                                              letters + "$" + std::to_string(last)});
  }
  return out;
}

void write_lists(lxw_workbook* wb, const NamedLists& lists, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, lists_sheet);
  // Row by row: in constant-memory mode a row is final once the next one is written.
  std::size_t rows = 0;
  for (std::size_t c = 0; c < lists.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, 16, f.text);
    worksheet_write_string(ws, 0, col, lists[c].first.c_str(), f.header);
    rows = std::max(rows, lists[c].second.size());
  }
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < lists.size(); ++c) {
      if (r < lists[c].second.size()) {
        worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               lists[c].second[r].c_str(), f.text);
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
}

bool has_sheet(const LedgerBook& book, const std::string& collection) {
  return std::any_of(book.sheets.begin(), book.sheets.end(),
                     [&](const LedgerSheet& s) { return s.collection == collection; });
}

void write_sheet(lxw_workbook* wb, const LedgerBook& book, const LedgerSheet& sheet,
                 const Lists& lists, const Formats& f) {
  const CollectionSpec& spec = collection_spec(sheet.collection);
  const CollectionGuide& guide = guide_for_collection(sheet.collection);
  lxw_worksheet* ws = workbook_add_worksheet(wb, ledger_sheet(sheet.collection).c_str());
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_row(ws, 0, 32, nullptr);
  std::vector<const FieldGuide*> fields;
  for (std::size_t c = 0; c < spec.fields.size(); ++c) {
    const FieldSpec& field = spec.fields[c];
    const FieldGuide* g = find_field(guide, field.key);
    fields.push_back(g);
    const auto col = static_cast<lxw_col_t>(c);
    const std::string& label = field.labels.front();
    worksheet_write_string(ws, 0, col, label.c_str(),
                           g && g->required ? f.header_required : f.header);
    if (g == nullptr) continue;
    const std::string note = label + (g->required ? "（必填）" : "（选填）") + "：" + g->hint;
    worksheet_write_comment(ws, 0, col, note.c_str());
    const double width = field.max_chars >= 60 ? 30 : g->kind == FieldKind::date ? 12 : 14;
    worksheet_set_column(ws, col, col, width,
                         g->kind == FieldKind::date ? f.date
                         : is_text_kind(g->kind)    ? f.text
                                                    : nullptr);
    const std::string& title = label;
    if (g->kind == FieldKind::yes_no) {
      list_validation(ws, col, lists.range("是否"), true, title);
    } else if (g->kind == FieldKind::category) {
      list_validation(ws, col, lists.range("类别"), true, title);
    } else if (g->kind == FieldKind::choice) {
      list_validation(ws, col, lists.range(choice_list_name(guide, *g)), true, title);
    } else if (g->kind == FieldKind::reference && has_sheet(book, g->refers_to)) {
      // The ids in the other sheet's first column, as many as it has: staff adding a
      // building find it in the drop-down at once. A name is also accepted (a warning).
      const std::string other = quoted(ledger_sheet(g->refers_to));
      list_validation(ws, col,
                      "=OFFSET(" + other + "!$A$2,0,0,MAX(1,COUNTA(" + other + "!$A:$A)-1),1)",
                      false, title);
    }
  }
  for (std::size_t e = 0; e < sheet.extra_headers.size(); ++e) {
    const auto col = static_cast<lxw_col_t>(spec.fields.size() + e);
    worksheet_write_string(ws, 0, col, sheet.extra_headers[e].c_str(), f.header);
    worksheet_set_column(ws, col, col, 14, f.text);
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const std::vector<std::string>& row = sheet.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      write_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), row[c],
                 c < fields.size() ? fields[c] : nullptr, book.example_rows, f);
    }
  }
}

// 说明: what the workbook is, the steps, and every column of every sheet with its hint,
// from the same guide the header notes come from.
void write_instructions(lxw_workbook* wb, const LedgerBook& book, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, instructions_sheet);
  worksheet_set_column(ws, 0, 0, 18, nullptr);
  worksheet_set_column(ws, 1, 1, 90, f.wrap);
  lxw_row_t r = 0;
  auto line = [&](const std::string& a, const std::string& b = {}, lxw_format* fa = nullptr) {
    worksheet_write_string(ws, r, 0, a.c_str(), fa);
    if (!b.empty()) worksheet_write_string(ws, r, 1, b.c_str(), f.wrap);
    ++r;
  };
  line("红管家台账 使用说明", {}, f.title);
  ++r;
  line("怎么用",
       "1. "
       "每张工作表一类数据：社区、网格、楼栋、红管家、问题台账。第一行是表头，不要改表头文字，不要"
       "删列。");
  line("",
       "2. 一行一条，从第 2 行往下填。编号只用字母、数字、- 和 _，例如 "
       "dpb-03、HF-001；编号是网址的一部分，定了就别再改。");
  if (book.example_rows) {
    line("", "3. 灰色斜体的第 2 行是示例，照着填写；填好自己的数据后，把示例行整行删除。");
  } else {
    line("",
         "3. 这是 hgj export "
         "导出的现有数据：改好后保存，放进内容文件夹，并移走原来的表格（同一条记录不能同时在两处）"
         "，再运行 hgj check。");
  }
  line("",
       "4. "
       "表头红字的列必须填。把鼠标放在表头上能看到每列的说明和例子（下面也有）。有下拉箭头的格子从"
       "列表里选。");
  line("",
       "5. 编号、电话列已设为文本格式，电话开头的 0 不会丢；日期直接输入 2026-03-14 或 2026/3/14 "
       "即可。");
  line("",
       "6. 保存为 Excel 工作簿（.xlsx），WPS 也选 .xlsx。然后在电脑上运行 hgj "
       "check：有问题会用中文指出是哪张表、哪个格子（例如 "
       "台账.xlsx[红管家]!C7），改好再运行，直到没有错误，再运行 hgj build 生成网站。");
  line("",
       "7. 列名以 _ 开头的列（例如 "
       "_家庭住址、_"
       "举报人）只留在台账里核对用，永远不会出现在网站、公示牌和大屏上。不要隐藏行或工作表：隐藏的"
       "内容不会被读取。");
  line("",
       "8. 选项表里是下拉列表的内容；问题类别要改的话，改 site.toml 里的 "
       "categories，并在选项表里同样修改。");
  for (const LedgerSheet& sheet : book.sheets) {
    ++r;
    line("工作表「" + ledger_sheet(sheet.collection) + "」", {}, f.header);
    const CollectionSpec& spec = collection_spec(sheet.collection);
    const CollectionGuide& guide = guide_for_collection(sheet.collection);
    for (const FieldSpec& field : spec.fields) {
      const FieldGuide* g = find_field(guide, field.key);
      if (g == nullptr) continue;
      line(field.labels.front() + (g->required ? "（必填）" : ""), g->hint);
    }
  }
}

}  // namespace

std::string ledger_sheet(const std::string& collection) {
  const std::string_view name = ledger_sheet_name(collection);
  return name.empty() ? collection : std::string(name);
}

std::string write_ledger(const std::string& file, const LedgerBook& book) {
  // Rows go to a temporary file as they are written, not into memory: a city's 112,500
  // rows took 404 MB peak RSS held in memory.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (wb == nullptr) return "cannot create the workbook";
  const Formats f = make_formats(wb);
  write_instructions(wb, book, f);
  // The data sheets come before the lists in the workbook (staff see them first), so
  // their drop-downs name the lists' ranges before the 选项 sheet is written.
  const NamedLists named = drop_down_lists(book);
  const Lists lists = list_ranges(named);
  for (const LedgerSheet& sheet : book.sheets) write_sheet(wb, book, sheet, lists, f);
  write_lists(wb, named, f);
  workbook_set_custom_property_string(wb, "hgj", book.mark.c_str());
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>("红管家台账");
  workbook_set_properties(wb, &properties);
  const lxw_error error = workbook_close(wb);
  return error == LXW_NO_ERROR ? std::string() : std::string(lxw_strerror(error));
}

}  // namespace hgj
