"""Open every page of the built docs site (_docs/) in headless Chromium, served on 127.0.0.1, and fail if a page breaks.

    python tools/browser_check.py [--site _docs] [--out _docs_check] [--chromium /usr/bin/chromium]

Each page fails the check on:
- a JavaScript error raised by the page (an uncaught exception, or a console error from a script of the site);
- a file of the site that does not load (a 404 for a stylesheet, script, font or image);
- an image of the site that does not display (naturalWidth 0 once loaded);
- a broken internal link: an href to a page or file that is not in the site;
- maths left unrendered (TeX delimiters but no KaTeX output) or a KaTeX error;
- a tutorial page (tutorials/) without its "Open in Colab" badge;
- a Python warning (`FutureWarning: ...`) or a local path (/tmp/, /home/, site-packages/, ...) in the page's text, e.g. in a
  saved output.
A link to an anchor (#id) that its page lacks is listed as a warning (nbdev links every backticked name it knows, private
helpers that have no section of their own too; the page still opens); --strict-anchors makes it fail the check.
Requests to other hosts are blocked (the check works with no internet): the KaTeX that tools/docs.py copies into the site is
checked, the web fonts of the theme and the Colab badge's picture are not. With --online they are let through (still
unchecked), for a site that loads KaTeX from a CDN, such as Quarto's.

It saves screenshots of the home page and of a tutorial (the first in the sidebar; until one exists, the Scissorhands page)
as _docs_check/home.png and _docs_check/tutorial.png, and writes _docs_check/report.txt. Chromium is Debian's
(`apt-get install chromium`), driven by the `playwright` package, which downloads no browser of its own here.
"""
import argparse, functools, os, posixpath, re, shutil, sys, threading, time
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# A Python warning or a path of the machine that ran the notebook, in any page's text (saved outputs included)
LEAKS = (('a Python warning', re.compile(r'\b[A-Z]\w*Warning: ')),
         ('a local path', re.compile(r'(/work/|/home/\w|/root/|/tmp/|site-packages/|\.venv/)')))
CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']
# The flags this machine's Chromium needs: without the network ones it keeps trying to reach Google's hosts
FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
COLAB = 'https://colab.research.google.com/github/'
FALLBACK_TUTORIAL = ['scissorhands.html', 'sensitivity.html']


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *a): pass


def serve(site):
    "Serve `site` on 127.0.0.1 on a free port, in a thread; return the server (its base URL is server.url)."
    srv = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(site)))
    srv.url = f'http://127.0.0.1:{srv.server_address[1]}/'
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(); self.ids = set()
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == 'id' or (k == 'name' and tag == 'a'): self.ids.add(v)


@functools.lru_cache(maxsize=None)
def page_ids(path):
    p = _Ids(); p.feed(Path(path).read_text(encoding='utf-8', errors='replace')); return frozenset(p.ids)


def site_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html') if 'site_libs' not in p.relative_to(site).parts)


def sidebar_order(site):
    "Pages in the order of the home page's sidebar."
    html = (site/'index.html').read_text(encoding='utf-8', errors='replace') if (site/'index.html').exists() else ''
    hrefs = re.findall(r'href="([^"#?]+\.html)"', html)
    return list(dict.fromkeys(h.lstrip('./') for h in hrefs))


def pick_tutorial(site, pages):
    tuts = [p for p in sidebar_order(site) if p.startswith('tutorials/') and p in pages]
    tuts += [p for p in pages if p.startswith('tutorials/') and p not in tuts]
    if tuts: return tuts[0]
    return next((p for p in FALLBACK_TUTORIAL if p in pages), next(p for p in pages if p != 'index.html'))


def check_link(site, base_url, page, href):
    "A problem with an internal link, or None. Links to other hosts are not followed."
    if not href.startswith(base_url): return None
    parts = urlsplit(href)
    path = unquote(parts.path).lstrip('/')
    if path == '' or path.endswith('/'): path += 'index.html'
    target = site/path
    if not target.exists(): return f'broken link to {path}' + (f'#{parts.fragment}' if parts.fragment else '')
    if parts.fragment and target.suffix == '.html' and unquote(parts.fragment) not in page_ids(str(target)):
        return f'link to a missing anchor: {path}#{parts.fragment}'
    return None


JS_STATE = """async () => {
  const imgs = [...document.images];
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.race([Promise.all(imgs.map(i => i.complete ? 1 : new Promise(r => { i.onload = i.onerror = r; }))),
                      new Promise(r => setTimeout(r, 5000))]);
  // the text KaTeX's auto-render reads (it skips code, scripts and form fields): TeX delimiters left there are maths it
  // could not render (no KaTeX, or an unbalanced brace that hides the closing delimiter)
  const main = (document.querySelector('main') || document.body).cloneNode(true);
  main.querySelectorAll('pre, code, script, noscript, style, textarea, option').forEach(e => e.remove());
  const text = main.textContent;
  return {
    images: imgs.map(i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0, w: i.naturalWidth})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    katex: document.querySelectorAll('.katex').length,
    katexErrors: [...document.querySelectorAll('.katex-error')].map(e => e.getAttribute('title') || e.textContent).slice(0, 5),
    rawTex: (text.match(/\\\\\\(|\\\\\\[/g) || []).length,
    tables: document.querySelectorAll('main table').length,
    title: document.title,
  };
}"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--site', default=str(ROOT/'_docs'))
    ap.add_argument('--out', default=str(ROOT/'_docs_check'))
    ap.add_argument('--online', action='store_true', help='let requests to other hosts through (they are never checked)')
    ap.add_argument('--strict-anchors', action='store_true', help='fail on links to missing anchors, not only warn')
    ap.add_argument('--chromium', default=os.environ.get('CHROMIUM') or next((c for c in CHROMIUMS if Path(c).exists()), None))
    args = ap.parse_args()
    site, out = Path(args.site).resolve(), Path(args.out).resolve()
    if not (site/'index.html').exists(): sys.exit(f'No {site}/index.html: build the site first (bash tools/docs.sh).')
    if not args.chromium: sys.exit('No Chromium found: apt-get install chromium (or pass --chromium PATH).')
    from playwright.sync_api import sync_playwright
    shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
    pages = site_pages(site)
    tutorial = pick_tutorial(site, pages)
    srv = serve(site)
    base = srv.url
    problems, warnings, lines, blocked = {}, {}, [], set()
    t0 = time.time()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=FLAGS, headless=True)
        ctx = browser.new_context(viewport={'width': 1280, 'height': 900}, service_workers='block')
        def _route(route):
            if args.online or route.request.url.startswith(base) or route.request.url.startswith('data:'): return route.continue_()
            blocked.add(urlsplit(route.request.url).netloc); return route.abort()
        ctx.route('**/*', _route)
        pg = ctx.new_page()
        for name in pages:
            errs, warns = [], []
            on_err = lambda e: errs.append(f'JavaScript error: {e}')
            def on_console(m):
                if m.type != 'error' or m.text.startswith('Failed to load resource'): return  # resources: see on_response
                src = (m.location or {}).get('url', '')
                if not src or src.startswith(base): errs.append(f'console error: {m.text} ({src})')
            def on_response(r):
                if r.url.startswith(base) and r.status >= 400 and urlsplit(r.url).path != '/favicon.ico':
                    errs.append(f'{r.status} for {r.url[len(base):]}')
            def on_failed(r):
                if r.url.startswith(base): errs.append(f'failed to load {r.url[len(base):]}: {r.failure}')
            pg.on('pageerror', on_err); pg.on('console', on_console); pg.on('response', on_response); pg.on('requestfailed', on_failed)
            try:
                pg.goto(base + name, wait_until='load', timeout=60_000)
                pg.wait_for_timeout(300)  # KaTeX's auto-render runs on DOMContentLoaded; give deferred scripts a moment
                st = pg.evaluate(JS_STATE)
            except Exception as e:  # a page that does not load at all
                errs.append(f'could not open: {e}'); st = None
            if st is not None:
                for im in st['images']:
                    if (im['src'].startswith(base) or im['src'].startswith('data:')) and not im['ok']:
                        errs.append(f"image does not display: {im['src'][:120]}")
                for href in dict.fromkeys(st['links']):
                    p = check_link(site, base, name, href)
                    if p: (warns if p.startswith('link to a missing anchor') and not args.strict_anchors else errs).append(p)
                if st['katexErrors']: errs.append(f"KaTeX errors: {st['katexErrors']}")
                if st['rawTex']: errs.append(f"maths not rendered: {st['rawTex']} TeX delimiter(s) left in the text"
                                             + ('' if st['katex'] else ' and no KaTeX output (is KaTeX loaded?)'))
                text = pg.evaluate('document.body.innerText')
                for what, rx in LEAKS:
                    if m := rx.search(text): errs.append(f'{what} shown on the page: {text[max(0, m.start() - 40):m.end() + 40]!r}')
                if name.startswith('tutorials/'):
                    d, stem = posixpath.split(name[:-len('.html')])
                    nb_re = re.compile(r'/nbs/' + re.escape(d + '/') + r'(\d+_)?' + re.escape(stem) + r'\.ipynb$')
                    if not any(h.startswith(COLAB) and nb_re.search(h.split('?')[0].split('#')[0]) for h in st['links']):
                        errs.append(f'no "Open in Colab" badge linking to nbs/{d}/{stem}.ipynb ({COLAB}<owner>/<repo>/blob/<branch>/nbs/...)')
                n_img = sum(im['ok'] for im in st['images'])
                lines.append(f"{'FAIL' if errs else 'ok  '} {name:28} {st['title'][:48]:48} images {n_img:3}  maths {st['katex']:4}  "
                             f"tables {st['tables']:3}  links {len(set(st['links'])):4}")
            else: lines.append(f'FAIL {name}')
            if errs: problems[name] = list(dict.fromkeys(errs))
            if warns: warnings[name] = list(dict.fromkeys(warns))
            for ev, fn in (('pageerror', on_err), ('console', on_console), ('response', on_response), ('requestfailed', on_failed)):
                pg.remove_listener(ev, fn)
        shots = {}
        for key, name in (('home', 'index.html'), ('tutorial', tutorial)):
            pg.goto(base + name, wait_until='load'); pg.wait_for_timeout(500)
            if key == 'home': pg.screenshot(path=str(out/f'{key}.png'))
            else:
                h = pg.evaluate('document.documentElement.scrollHeight')
                pg.screenshot(path=str(out/f'{key}.png'), full_page=True, clip={'x': 0, 'y': 0, 'width': 1280, 'height': min(h, 3200)})
            shots[key] = name
        browser.close()
    srv.shutdown()
    report = [f'Browser check of {site} ({len(pages)} pages) in {args.chromium}, served at {base}, {time.time() - t0:.0f} s', *lines, '']
    report += [f'screenshot {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}/{k}.png: {v}' for k, v in shots.items()]
    if blocked: report.append(f"requests to other hosts blocked (not checked): {', '.join(sorted(blocked))}")
    for name, errs in problems.items():
        report += ['', f'{name}:'] + [f'  - {e}' for e in errs]
    if warnings: report += ['', 'Warnings (they do not fail the check):']
    for name, warns in warnings.items():
        report += [f'  {name}: {w}' for w in warns]
    report.append('')
    report.append(f'FAIL: {len(problems)} of {len(pages)} pages have problems.' if problems else f'All {len(pages)} pages passed.')
    text = '\n'.join(report)
    (out/'report.txt').write_text(text + '\n')
    print(text)
    sys.exit(1 if problems else 0)


if __name__ == '__main__': main()
