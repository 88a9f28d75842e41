import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { isSafeHref, sanitize } from '../../scripts/pipeline/html-policy.ts';
import { prepare, render, type RenderContext } from '../../scripts/pipeline/render.ts';

/** Known XSS vectors (OWASP cheat sheet, html5sec.org, mutation XSS): each must come out inert. */
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=`javascript:alert(1)`>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.test/">protocol-relative</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<table background="javascript:alert(1)">',
  '<div onmouseover="alert(1)">hover</div>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<a href="x" onclick="alert(1)">x</a>',
  '<<script>alert(1);//<</script>',
  '<img """><script>alert(1)</script>">',
  '<xss id=x tabindex=1 onfocusin=alert(1)></xss>',
  '<video><source onerror="alert(1)"></video>',
  '<abbr title="x" onclick="alert(1)">x</abbr>',
  '<kbd style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</kbd>',
];

const ALLOWED = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'a',
  'img',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  's',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
  'div',
  'span',
  'kbd',
  'br',
  'sup',
  'sub',
  'mark',
  'abbr',
  'details',
  'summary',
  'small',
  'ins',
  'del',
  'wbr',
]);

/** Parses `html` as a browser would tokenize it and fails on anything that could run or restyle the page. */
function expectInert(html: string): void {
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        expect(ALLOWED, `<${name}> in ${html}`).toContain(name);
        for (const [attr, value] of Object.entries(attribs)) {
          expect(attr, `${attr} in ${html}`).not.toMatch(/^on|^style$|^srcdoc$|^formaction$|^action$|^background$/);
          if (attr === 'href' || attr === 'src') expect(isSafeHref(value), `${attr}=${value}`).toBe(true);
          expect(value, `${attr} in ${html}`).not.toMatch(/javascript:|vbscript:|data:/i);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
}

const ctx: RenderContext = {
  locale: 'en',
  calloutLabels: { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' },
  taskLabels: { done: 'Done', open: 'Not done' },
  entry: () => undefined,
  entryAtFile: () => undefined,
  knownIds: () => [],
  asset: () => undefined,
  contentDir: '/content',
};

describe('sanitizer', () => {
  it.each(VECTORS)('makes %s inert on its own', (vector) => {
    expectInert(sanitize(vector));
  });

  it.each(VECTORS)('makes %s inert when typed into Markdown, and reports it unless Markdown shows it as text', (vector) => {
    const prepared = prepare('/content/en/x.md', `Text before.\n\n${vector}\n\nInline ${vector} too.\n`, 5);
    const rendered = render(prepared, ctx);
    expectInert(rendered.html);
    const reported = [...prepared.problems, ...rendered.problems].some((p) => p.severity === 'error');
    const shownAsText = rendered.html.includes('&lt;');
    expect(reported || shownAsText, vector).toBe(true);
  });

  it('keeps Markdown links to unsafe schemes as plain text', () => {
    const prepared = prepare('/content/en/x.md', '[click](javascript:alert(1)) [mail](mailto:help@example.test)\n', 5);
    const { html, problems } = render(prepared, ctx);
    expect(html).toBe('<p>click <a href="mailto:help@example.test">mail</a></p>\n');
    expect(problems.map((p) => p.message)).toEqual(['unsafe link "javascript:alert(1)"']);
  });

  it('keeps the allowed presentational HTML writers use', () => {
    const html = sanitize(
      '<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, <abbr title="Two-factor">2FA</abbr></p><details open><summary>More</summary><p>Hidden</p></details>',
    );
    expect(html).toBe(
      '<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, <abbr title="Two-factor">2FA</abbr></p><details open><summary>More</summary><p>Hidden</p></details>',
    );
  });

  it('escapes text and closes what was left open, so content cannot break the page around it', () => {
    expect(sanitize('</div></main><p>a < b & c')).toBe('<p>a &lt; b &amp; c</p>');
  });

  it('is idempotent', () => {
    for (const vector of VECTORS) {
      const once = sanitize(vector);
      expect(sanitize(once)).toBe(once);
    }
  });
});
