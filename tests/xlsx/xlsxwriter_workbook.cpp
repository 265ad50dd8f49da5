/* Writes a workbook with libxlsxwriter from a plan made by csv_to_xlsx.py --producer plan:
 * the second producer of the workbooks the tests read. Whole numbers below 1000 are
 * written as formulas with their cached value (=36), and text with a character outside
 * the BMP (a rare name such as 𠮷) as rich text in two runs, as Excel keeps them.
 *
 *   hgj_xlsxwriter_workbook OUT.xlsx PLAN.tsv
 */
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

int four_byte_at(const char *s) {
  for (int i = 0; s[i]; ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xF8) == 0xF0) return i;
  return -1;
}

void write_text(lxw_worksheet *ws, int r, int c, const char *value, lxw_format *bold) {
  const int at = four_byte_at(value);
  if (at < 0) {
    worksheet_write_string(ws, r, c, value, NULL);
    return;
  }
  /* Two runs: up to and including the rare character, bold, then the rest. */
  char first[512], rest[512];
  const size_t split = static_cast<size_t>(at) + 4;
  snprintf(first, sizeof first, "%.*s", static_cast<int>(split), value);
  snprintf(rest, sizeof rest, "%s", value + split);
  lxw_rich_string_tuple a{bold, first};
  lxw_rich_string_tuple b{nullptr, rest};
  lxw_rich_string_tuple *runs[] = {&a, rest[0] ? &b : nullptr, nullptr};
  if (worksheet_write_rich_string(ws, r, c, runs, NULL) != LXW_NO_ERROR)
    worksheet_write_string(ws, r, c, value, NULL);
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s OUT.xlsx PLAN.tsv\n", argv[0]);
    return 2;
  }
  FILE *plan = fopen(argv[2], "r");
  if (!plan) {
    perror(argv[2]);
    return 1;
  }
  lxw_workbook *wb = workbook_new(argv[1]);
  lxw_format *date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet *ws = NULL;
  static char line[70000];
  while (fgets(line, sizeof line, plan)) {
    line[strcspn(line, "\n")] = 0;
    char *fields[6] = {};
    int n = 0;
    for (char *p = line; n < 6; ++n) {
      fields[n] = p;
      char *tab = strchr(p, '\t');
      if (!tab || n == 4) break;
      *tab = 0;
      p = tab + 1;
    }
    if (strcmp(fields[0], "sheet") == 0) {
      ws = workbook_add_worksheet(wb, fields[1]);
    } else if (strcmp(fields[0], "hidesheet") == 0) {
      worksheet_hide(ws);
    } else if (strcmp(fields[0], "merge") == 0) {
      worksheet_merge_range(ws, atoi(fields[1]), atoi(fields[2]), atoi(fields[3]), atoi(fields[4]),
                            "", NULL);
    } else if (strcmp(fields[0], "hide") == 0) {
      lxw_row_col_options hidden{1, 0, 0};
      worksheet_set_row_opt(ws, atoi(fields[1]), LXW_DEF_ROW_HEIGHT, NULL, &hidden);
    } else if (strcmp(fields[0], "cell") == 0) {
      const int r = atoi(fields[1]), c = atoi(fields[2]);
      const char kind = fields[3][0];
      const char *value = fields[4];
      if (kind == 'n' && atof(value) < 1000) {
        char formula[64];
        snprintf(formula, sizeof formula, "=%s", value);
        worksheet_write_formula_num(ws, r, c, formula, NULL, atof(value));
      } else if (kind == 'n') {
        worksheet_write_number(ws, r, c, atof(value), NULL);
      } else if (kind == 'd') {
        worksheet_write_number(ws, r, c, atof(value), date);
      } else {
        write_text(ws, r, c, value, bold);
      }
    }
  }
  fclose(plan);
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
