#include "studio/upload_check.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "hgj/encoding.h"
#include "hgj/language.h"

namespace hgj::studio {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string megabytes(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1 << 20));
  return text;
}

// What the first bytes say a file is, for a file that is not what its name says:
// " 它是一张 JPEG 图片" … or empty when they say nothing known.
std::string what_it_is(std::string_view bytes) {
  struct Magic {
    std::string_view head, zh, en;
  };
  static constexpr Magic magics[] = {
      {"\xFF\xD8\xFF", "一张 JPEG 图片", "a JPEG picture"},
      {"\x89PNG", "一张 PNG 图片", "a PNG picture"},
      {"GIF8", "一张 GIF 图片", "a GIF picture"},
      {"%PDF", "一个 PDF 文件", "a PDF file"},
      {"MZ", "一个程序（.exe）", "a program (.exe)"},
      {"\x7F"
       "ELF",
       "一个程序", "a program"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "旧的 .xls/.doc 格式（或设了密码的工作簿）",
       "an old .xls/.doc file (or a workbook with a password)"},
      {"Rar!", "一个 RAR 压缩包", "a RAR archive"},
      {"7z\xBC\xAF", "一个 7z 压缩包", "a 7z archive"},
  };
  for (const Magic& m : magics) {
    if (bytes.starts_with(m.head)) return say(std::string(m.zh), std::string(m.en));
  }
  return {};
}

struct ZipCloser {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};

// Why `bytes` are not a workbook, or empty. The zip is opened from memory: nothing of an
// upload touches the disk before it is known to be a spreadsheet.
std::string not_a_workbook(const std::string& name, std::string_view bytes) {
  const std::string prefix =
      say("“" + name + "”不是 Excel 工作簿：", "\"" + name + "\" is not an Excel workbook: ");
  const std::string save =
      say("请用 Excel 或 WPS 另存为“Excel 工作簿 (*.xlsx)”后再上传",
          "save it from Excel or WPS as \"Excel 工作簿 (*.xlsx)\" and upload that");
  if (std::string is = what_it_is(bytes); !is.empty())
    return prefix + say("它是" + is + "。", "it is " + is + "; ") + save;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  std::unique_ptr<zip_t, ZipCloser> zip;
  if (source != nullptr) {
    zip.reset(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip) zip_source_free(source);
  }
  zip_error_fini(&error);
  if (!zip) {
    if (bytes.starts_with("PK\x03\x04"))
      return prefix + say("文件不完整（后半截丢了），请重新保存后再上传。", "it is truncated; ") +
             save;
    const bool text = std::all_of(
        bytes.begin(),
        bytes.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(bytes.size(), 512)),
        [](char c) {
          return static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r';
        });
    if (text)
      return prefix + say("它是文本，是把 CSV 改名成了 .xlsx 吗？请把扩展名改回 .csv 再上传",
                          "it is text: a CSV renamed .xlsx? Rename it back to .csv and upload it");
    return prefix + save;
  }
  if (zip_name_locate(zip.get(), "xl/workbook.xml", 0) >= 0) return {};
  if (zip_name_locate(zip.get(), "word/document.xml", 0) >= 0)
    return prefix +
           say("它是 Word 文档（.docx）改了扩展名。", "it is a Word document (.docx) renamed; ") +
           save;
  if (zip_name_locate(zip.get(), "ppt/presentation.xml", 0) >= 0)
    return prefix +
           say("它是 PowerPoint 演示文稿改了扩展名。", "it is a PowerPoint file renamed; ") + save;
  if (zip_name_locate(zip.get(), "content.xml", 0) >= 0)
    return prefix +
           say("它是 WPS 或 LibreOffice 的 OpenDocument 文件。", "it is an OpenDocument file; ") +
           save;
  return prefix +
         say("它是一个 zip 压缩包，里面没有工作表。",
             "it is a zip archive with no workbook in it; ") +
         save;
}

// Why `bytes` are not a CSV the loader reads, or empty.
std::string not_a_csv(const std::string& name, std::string_view bytes) {
  const std::string prefix =
      say("“" + name + "”不是 CSV 表格：", "\"" + name + "\" is not a CSV table: ");
  const std::string save = say("请用 Excel 或 WPS 另存为“CSV (逗号分隔)”后再上传",
                               "save it from Excel or WPS as CSV and upload that");
  if (bytes.starts_with("PK\x03\x04"))
    return prefix + say("它是 Excel 工作簿或压缩包，扩展名却是 .csv；如果是工作簿，请把扩展名改回 "
                        ".xlsx 再上传",
                        "it is a workbook or a zip archive named .csv; if it is a workbook, rename "
                        "it to .xlsx");
  if (std::string is = what_it_is(bytes); !is.empty())
    return prefix + say("它是" + is + "。", "it is " + is + "; ") + save;
  const bool binary = std::any_of(bytes.begin(), bytes.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
  const Decoded decoded = binary ? Decoded{} : decode_text(bytes);
  if (binary || !decoded.ok)
    return prefix + say("里面有不是文字的内容。", "it holds bytes that are not text; ") + save;
  return {};
}

}  // namespace

std::string upload_file_name(std::string_view filename, std::string& error) {
  const std::string shown(filename.substr(0, 200));
  if (!is_valid_utf8(filename) || std::any_of(filename.begin(), filename.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
      })) {
    error = say("上传文件的名字里有控制字符或乱码：请把文件改个普通的名字（如 台账.xlsx）再上传",
                "the uploaded file's name holds control characters or bytes that are not UTF-8; "
                "rename it (such as ledger.xlsx) and upload it again");
    return {};
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= filename.size(); ++i) {
    if (i == filename.size() || filename[i] == '/' || filename[i] == '\\') {
      parts.push_back(filename.substr(start, i - start));
      start = i + 1;
    }
  }
  if (std::find(parts.begin(), parts.end(), "..") != parts.end()) {
    error = say("文件名“" + shown + "”里有“..”：只能上传文件本身，不能带文件夹路径",
                "the file name \"" + shown +
                    "\" holds \"..\": upload the file itself, without a folder path");
    return {};
  }
  std::string_view name = parts.back();
  if (name.size() >= 2 && name[1] == ':' &&
      ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
    name.remove_prefix(2);  // C:台账.xlsx
  if (name.empty() || name == ".") {
    error = say("上传的文件没有名字：请选择一个 .xlsx 或 .csv 文件",
                "the uploaded file has no name: choose an .xlsx or .csv file");
    return {};
  }
  if (name.size() > 255) {
    error = say("上传文件的名字太长了（超过 255 字节）：请改短一些再上传",
                "the uploaded file's name is over 255 bytes; shorten it");
    return {};
  }
  return std::string(name);
}

CheckedUpload check_upload(std::string_view filename, std::string_view bytes) {
  CheckedUpload out;
  out.name = upload_file_name(filename, out.error);
  if (!out.ok()) return out;
  const std::string& name = out.name;
  const std::string ext = lower(name.substr(std::min(name.size(), name.rfind('.'))));
  if (name.starts_with("~$")) {
    out.error =
        say("“" + name + "”是 Excel 或 WPS 打开文件时留下的临时文件，不是台账：请上传原来的工作簿",
            "\"" + name +
                "\" is the lock file Excel or WPS leaves while a workbook is open; upload the "
                "workbook itself");
  } else if (name.starts_with(".")) {
    out.error =
        say("“" + name + "”以“.”开头，是隐藏文件：请把文件改名（如 台账.xlsx）再上传",
            "\"" + name + "\" starts with \".\" (a hidden file); rename it (such as ledger.xlsx)");
  } else if (ext == ".xls" || ext == ".et" || ext == ".ods" || ext == ".xlsm" || ext == ".xlsb" ||
             ext == ".numbers") {
    out.error = say("“" + name +
                        "”不是 .xlsx：只能导入 .xlsx 和 .csv；请用 Excel 或 WPS "
                        "打开它，另存为“Excel 工作簿 (*.xlsx)”后再上传",
                    "\"" + name +
                        "\" is not .xlsx: only .xlsx and .csv are imported; open it in Excel or "
                        "WPS and save it as \"Excel 工作簿 (*.xlsx)\"");
  } else if (ext != ".xlsx" && ext != ".csv") {
    out.error = say("“" + name + "”不是表格：只能导入 Excel 工作簿（.xlsx）或 CSV 表格（.csv）",
                    "\"" + name +
                        "\" is not a spreadsheet: only Excel workbooks (.xlsx) and CSV tables "
                        "(.csv) are imported");
  } else if (bytes.size() > max_upload_bytes) {
    out.error =
        say("“" + name + "”有 " + megabytes(bytes.size()) + " MB，超过了上传的上限 " +
                megabytes(max_upload_bytes) + " MB：请把表拆成几个文件，或删掉不用的工作表",
            "\"" + name + "\" is " + megabytes(bytes.size()) + " MB, over the upload limit of " +
                megabytes(max_upload_bytes) + " MB; split it into several files");
  } else if (bytes.empty()) {
    out.error = say("“" + name + "”是空的（0 字节）：请重新保存后再上传",
                    "\"" + name + "\" is empty (0 bytes)");
  } else {
    out.kind = ext == ".xlsx" ? UploadKind::xlsx : UploadKind::csv;
    out.error = out.kind == UploadKind::xlsx ? not_a_workbook(name, bytes) : not_a_csv(name, bytes);
  }
  return out;
}

}  // namespace hgj::studio
