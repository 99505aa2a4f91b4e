"""Build the docs site into _docs/ without Quarto: smalldocs renders nbdev's processed notebooks (_proc/, written by
`nbdev-proc-nbs`) as a Quarto-style website from their `_quarto.yml` and `sidebar.yml`. Run it through `bash tools/docs.sh`.

What this adds to a plain `smalldocs render _proc`, so that the local site matches the one Quarto publishes:
- pages are named as Quarto names them, from nbdev's `output-file` (00_split.ipynb -> split.html), so links are the same;
- nbdev's doc links to the published site (`https://<doc_host><doc_baseurl>/trim.html#trim`) point at the local page
  when it exists, so the browser check follows them;
- KaTeX (the maths) is copied into the site from Debian's `libjs-katex` (or the folder in $KATEX_DIR) instead of being
  loaded from a CDN, so the site works with no internet; without it the pages keep the CDN links;
- a broken link between pages, or a page smalldocs cannot read, fails the build.
"""
import os, re, shutil, sys
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PROC, OUT = ROOT/'_proc', ROOT/'_docs'
KATEX_CDN = re.compile(r'https://cdn\.jsdelivr\.net/npm/katex@[^/"\']+/dist/')
KATEX_DIRS = [os.environ.get('KATEX_DIR', ''), '/usr/share/javascript/katex', '/usr/share/nodejs/katex/dist']
# smalldocs' notes about Quarto options it does not need here (it builds only HTML; maths is always KaTeX)
IGNORED = ('output-file is not read', 'unknown key format-links', 'format commonmark is not built',
           'format.html.keep-md is ignored', 'format.html.html-math-method is ignored')


def _quarto_names():
    "Make smalldocs write each page where Quarto does: nbdev's `output-file` front matter, beside the notebook."
    from smalldocs import site as sd
    read = sd.Site.read
    if getattr(read, '_nbdev_names', False): return
    def _read(self, src):
        page = read(self, src)
        of = page.front.get('output-file')
        if of: page.out = PurePosixPath(src).parent/str(of)
        return page
    _read._nbdev_names = True
    sd.Site.read = _read


def _site_url():
    import yaml
    for f in ('nbdev.yml', '_quarto.yml'):
        p = PROC/f
        if p.exists():
            url = ((yaml.safe_load(p.read_text()) or {}).get('website') or {}).get('site-url')
            if url: return url.rstrip('/') + '/'
    return None


def _katex_src():
    for d in KATEX_DIRS:
        if d and (Path(d)/'katex.min.css').exists() and (Path(d)/'fonts').is_dir(): return Path(d)
    return None


def _vendor_katex(out):
    "Copy KaTeX into site_libs/katex/; return it, or None when no local KaTeX was found."
    src = _katex_src()
    if src is None: return None
    dst = out/'site_libs'/'katex'
    dst.mkdir(parents=True, exist_ok=True)
    for name in ('katex.min.css', 'katex.min.js'):
        shutil.copyfile(src/name if (src/name).exists() else src/name.replace('.min', ''), dst/name)
    (dst/'contrib').mkdir(exist_ok=True)
    ar = next(p for p in (src/'contrib'/'auto-render.min.js', src/'contrib'/'auto-render.js') if p.exists())
    shutil.copyfile(ar, dst/'contrib'/'auto-render.min.js')
    shutil.copytree(src/'fonts', dst/'fonts', dirs_exist_ok=True)  # follows Debian's symlink to fonts-katex
    return dst


def _postprocess(out, site_url, katex):
    "Point KaTeX at the local copy and nbdev's doc links at local pages, in every page."
    pages = sorted(out.rglob('*.html'))
    local = {p.relative_to(out).as_posix() for p in pages}
    doclink = re.compile(r'(href=")' + re.escape(site_url) + r'([^"#?]*)') if site_url else None
    n_links = 0
    for p in pages:
        if 'site_libs' in p.relative_to(out).parts: continue
        html = p.read_text(encoding='utf-8')
        up = '../' * (len(p.relative_to(out).parts) - 1)
        if katex is not None: html = KATEX_CDN.sub(up + 'site_libs/katex/', html)
        if doclink is not None:
            def _sub(m):
                nonlocal n_links
                target = m.group(2) or 'index.html'
                if target.endswith('/'): target += 'index.html'
                if target not in local: return m.group(0)
                n_links += 1
                return m.group(1) + up + target
            html = doclink.sub(_sub, html)
        p.write_text(html, encoding='utf-8')
    return n_links


def main():
    global PROC, OUT
    if len(sys.argv) > 1: PROC = Path(sys.argv[1]).resolve()      # another processed folder and output (tests of this script)
    if len(sys.argv) > 2: OUT = Path(sys.argv[2]).resolve()
    if not (PROC/'_quarto.yml').exists(): sys.exit("No _proc/_quarto.yml: run `nbdev-proc-nbs` first (or `bash tools/docs.sh`).")
    from smalldocs.config import load
    from smalldocs.site import Site
    _quarto_names()
    site = Site(load(PROC), quiet=True)
    site.out = OUT
    if OUT.exists() and any(OUT.iterdir()) and not (OUT/'site_libs').is_dir(): shutil.rmtree(OUT)  # an old Quarto build
    n = site.build()
    katex = _vendor_katex(OUT)
    n_links = _postprocess(OUT, _site_url(), katex)
    broken = {}
    for src, href in site.broken: broken.setdefault(href, []).append(src)
    warnings = [w for w in site.warnings if not any(i in w for i in IGNORED) and ': broken link ' not in w]
    for w in warnings: print(f"warning: {w}")
    for href, srcs in broken.items():
        print(f"broken link {href} on {', '.join(sorted(set(srcs))[:3])}" + (f" and {len(set(srcs)) - 3} more pages" if len(set(srcs)) > 3 else ''))
    print(f"wrote {n} pages to {OUT.relative_to(ROOT) if OUT.is_relative_to(ROOT) else OUT}/; {n_links} doc links made local; maths: "
          + (f"KaTeX from {_katex_src()}" if katex else "KaTeX from the CDN (install Debian's libjs-katex for an offline site)"))
    if site.broken:
        print(f"FAIL: {len(broken)} broken link(s), listed above (a link on every page comes from nbs/sidebar.yml or "
              "_quarto.yml: run `python tools/sidebar.py`).")
        sys.exit(1)


if __name__ == '__main__': main()
