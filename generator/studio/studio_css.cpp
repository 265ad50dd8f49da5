// The workbench's one stylesheet, kept in the program so that an installed hgj needs no
// extra file to serve it. Large type, high contrast, targets of at least 44 px.
#include "studio/page.h"

namespace hgj::studio {

std::string_view studio_css() {
  return R"CSS(:root { --red: #b0101f; --ink: #1a1a1a; --grey: #4a4a4a; --line: #c9c9c9; --soft: #f6f1ea; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 9; }
.top { background: var(--red); color: #fff; padding: .6rem 1rem 0; }
.brand { margin: 0; font-size: 1.3rem; font-weight: 700; }
.brand .street { font-weight: 400; margin-left: .8rem; font-size: 1rem; }
.who { float: right; margin-top: -2.2rem; display: flex; gap: .6rem; align-items: center; }
.who form { margin: 0; }
nav ul { list-style: none; margin: .4rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem; }
nav a { display: inline-block; min-height: 48px; min-width: 48px; padding: .55rem .9rem; color: #fff;
  text-decoration: none; font-weight: 700; border-radius: .4rem .4rem 0 0; }
nav a:hover, nav a:focus { background: #8e0c18; }
nav a[aria-current="page"] { background: #fff; color: var(--red); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .6rem; border-bottom: 2px solid var(--line); }
a { color: #0b4f9c; }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
.button, button { display: inline-block; min-height: 48px; min-width: 48px; padding: .5rem 1.2rem; font: inherit;
  font-weight: 700; color: #fff; background: var(--red); border: 2px solid var(--red); border-radius: .4rem;
  cursor: pointer; text-decoration: none; }
button.quiet, .button.quiet { background: #fff; color: var(--red); }
button[disabled] { background: #8a8a8a; border-color: #8a8a8a; cursor: not-allowed; }
input, select { font: inherit; min-height: 48px; padding: .3rem .5rem; border: 2px solid var(--grey); border-radius: .3rem; }
input[type="checkbox"], input[type="radio"] { min-height: 0; width: 1.4rem; height: 1.4rem; vertical-align: middle; }
label.choice { display: inline-flex; align-items: center; gap: .4rem; min-height: 48px; margin-right: 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .8rem; padding: 0; list-style: none; }
.cards li { background: var(--soft); border-radius: .5rem; padding: .8rem 1rem; }
.cards .figure { display: block; font-size: 2rem; font-weight: 700; color: var(--red); }
.notice { white-space: pre-line; padding: .8rem 1rem; border-radius: .4rem; background: var(--soft); border-left: .4rem solid var(--grey); }
.notice.bad { border-left-color: var(--red); background: #fdecec; }
.notice.good { border-left-color: #1d7a35; background: #e9f6ec; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
tr.has-problem td { background: #fdecec; }
.scroll td { white-space: nowrap; }
.scroll td:last-child { white-space: normal; min-width: 16rem; }
.scroll { overflow-x: auto; }
.problems li { margin: .3rem 0; }
.problems .where { font-family: monospace; color: var(--grey); word-break: break-all; }
.level { display: inline-block; min-width: 3rem; font-weight: 700; }
.level.error { color: var(--red); }
.level.warning { color: #8a5a00; }
.actions { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; margin: 1rem 0; }
.actions form { margin: 0; }
ul.changes li { margin: .2rem 0; }
.version { font-family: monospace; }
iframe.preview { width: 100%; height: 70vh; border: 2px solid var(--line); }
fieldset { border: 2px solid var(--line); border-radius: .4rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 .4rem; }
.fleet-table { overflow-x: auto; }
table.fleet td:nth-child(-n+5), table.fleet th { white-space: nowrap; }
table.fleet td:nth-child(n+6) { min-width: 10rem; }
table.fleet tr.silent td:first-child, table.fleet tr.never td:first-child { background: var(--red); color: #fff; font-weight: 700; }
table.fleet tr.behind td:first-child { background: #8a5a00; color: #fff; font-weight: 700; }
table.fleet tr.alive td:first-child { color: #1d7a35; font-weight: 700; }
table.fleet tr.unknown td:first-child { color: var(--grey); font-weight: 700; }
section.pair { background: var(--soft); border-radius: .5rem; padding: .6rem 1rem; margin: 0 0 1rem; }
.pair .code { font-size: 1.4rem; margin: 0; }
.pair .code strong { font-family: monospace; letter-spacing: .08em; color: var(--red); }
.pair .version { word-break: break-all; }
.pair select { max-width: 100%; }
ul.shots { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
ul.shots img { width: 270px; max-width: 100%; height: auto; border: 2px solid var(--line); }
@media (max-width: 600px) { html { font-size: 18px; } .who { float: none; margin: 0; }
  nav a { padding: .55rem .45rem; } }
@media print { .top, .actions, form { display: none; } }
)CSS";
}

}  // namespace hgj::studio
