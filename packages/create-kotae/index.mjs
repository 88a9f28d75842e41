#!/usr/bin/env node
// `npm create kotae@latest my-help-center [-- --locales en,ja --template minimal|sample]`: writes a new
// help-center project that depends on the `kotae` package. No dependencies of its own, so `npm create`
// starts at once.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VERSION = JSON.parse(readFileSync(path.join(HERE, 'package.json'), 'utf8')).version;
const USAGE = `Usage: npm create kotae@latest <folder> [-- --locales en,ja] [--template minimal|sample]

  --locales   the site's languages, the default first (default: en,ja)
  --template  minimal: a config and two entries per language (default)
              sample: Kotae's sample help center (ja and en), everything it can do
`;
const LOCALE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      locales: { type: 'string', default: 'en,ja' },
      template: { type: 'string', default: 'minimal' },
      // The `kotae` dependency as package.json gets it: a version range by default; a tarball or folder
      // for trying an unreleased Kotae (`--kotae file:../kotae-0.2.0.tgz`).
      kotae: { type: 'string', default: `^${VERSION}` },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(error.message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [folder] = positionals;
if (!folder || positionals.length > 1) fail('give one folder to create the help center in');
const target = path.resolve(folder);
if (existsSync(target) && readdirSync(target).length) fail(`${folder} exists and is not empty; choose a new folder`);
const locales = values.locales
  .split(',')
  .map((l) => l.trim())
  .filter(Boolean);
const wrong = locales.find((l) => !LOCALE.test(l));
if (wrong || !locales.length) fail(`"${wrong ?? values.locales}" is not a language tag such as "ja", "en" or "pt-BR"`);
if (new Set(locales).size !== locales.length) fail('a language is listed twice in --locales');
if (!['minimal', 'sample'].includes(values.template)) fail(`unknown template "${values.template}"; use minimal or sample`);
const templates = path.join(HERE, 'templates');
const content = path.join(target, 'content');

if (values.template === 'sample') {
  const asked = process.argv.some((a) => a === '--locales' || a.startsWith('--locales='));
  if (asked && locales.join(',') !== 'ja,en') fail('the sample template is written in ja and en (ja first); leave out --locales or use --template minimal');
  cpSync(path.join(templates, 'sample'), content, { recursive: true });
} else {
  writeMinimal();
}

// The UI strings customers read, in the project's languages, to reword and translate (read over Kotae's own).
for (const code of values.template === 'sample' ? ['ja', 'en'] : locales) {
  const strings = path.join(templates, 'i18n', code);
  if (existsSync(strings)) cpSync(strings, path.join(target, 'i18n', code), { recursive: true });
}

const name =
  path
    .basename(target)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+/, '') || 'help-center';
const kotae = (command) => `kotae ${command}`;
writeFileSync(
  path.join(target, 'package.json'),
  `${JSON.stringify(
    {
      name,
      version: '0.1.0',
      private: true,
      type: 'module',
      engines: { node: '>=22.12' },
      scripts: {
        start: kotae('start'),
        dev: kotae('dev'),
        check: kotae('check'),
        build: kotae('build'),
        intake: kotae('intake'),
        inquiries: kotae('inquiries'),
        insights: kotae('insights'),
        import: kotae('import'),
        test: kotae('check'),
        ...Object.fromEntries(['status', 'export', 'import', 'diff', 'qa', 'pseudo', 'add'].map((c) => [`i18n:${c}`, kotae(`i18n:${c}`)])),
      },
      dependencies: { kotae: values.kotae },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(path.join(target, '.gitignore'), 'node_modules/\ndist/\n.data/\n');
writeFileSync(path.join(target, 'README.md'), readme());

process.stdout.write(
  `Created ${folder}: a Kotae help center (${values.template}; ${(values.template === 'sample' ? ['ja', 'en'] : locales).join(', ')}).\n\n` +
    `  cd ${folder}\n  npm install\n  npm start      # builds content/ and serves the KB, the widget demo and the intake\n\n` +
    'Write in content/<locale>/ while `npm run dev` shows every save.\n',
);

function writeMinimal() {
  const minimal = path.join(templates, 'minimal');
  const hashes = JSON.parse(readFileSync(path.join(minimal, 'hashes.json'), 'utf8'));
  const [base] = locales;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const localeLines = locales
    .map((code) => {
      const own = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
      return `    - { code: ${code}, name: ${JSON.stringify(own)}${code === base ? '' : `, fallback: [${base}]`} }`;
    })
    .join('\n');
  mkdirSync(content, { recursive: true });
  writeFileSync(
    path.join(content, 'kotae.config.yaml'),
    readFileSync(path.join(minimal, 'kotae.config.yaml'), 'utf8')
      .replace('__DEFAULT_LOCALE__', base)
      .replace('__LOCALES__', localeLines)
      .replace('__TIME_ZONE__', zone),
  );
  // The template's own languages; a project in another one starts with the config and writes its entries.
  for (const code of locales) {
    const from = path.join(minimal, code);
    if (!existsSync(from)) continue;
    for (const file of readdirSync(from, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))) {
      const key = file.split(path.sep).join('/');
      let text = readFileSync(path.join(from, file), 'utf8');
      // A translation says which version of the default locale's text it was made from.
      const source = hashes[`${base}/${key}`];
      if (code !== base && source) text = text.replace(/\n---\n/, `\nsource: { locale: ${base}, hash: "${source}" }\n---\n`);
      mkdirSync(path.dirname(path.join(content, code, file)), { recursive: true });
      writeFileSync(path.join(content, code, file), text);
    }
  }
}

function readme() {
  return `# ${path.basename(target)}

A help center made with [Kotae](https://www.npmjs.com/package/kotae): a knowledge base, a support widget
and an inquiry intake from the Markdown in \`content/\`.

\`\`\`sh
npm install && npm start   # builds content/ into dist/ and serves the KB, the widget demo and the intake
npm test                   # checks the content: every problem with file:line and how to fix it
\`\`\`

- \`npm run dev\`: live preview while you write; the page reloads on save.
- \`npm run build\`: the static site to deploy (\`dist/\`); \`npm run intake\` runs the inquiry service.
- \`npm run i18n:status\`: which translations are missing or out of date.
- \`content/kotae.config.yaml\`: site name, languages, products, support plans and hours.
- \`i18n/<locale>/*.json\`: the words of the KB pages and the widget; change them here, add a language with
  \`npm run i18n:add -- <locale>\`.
- Upgrading Kotae is \`npm install kotae@latest\`: your content stays yours.
`;
}

function fail(message) {
  process.stderr.write(`create-kotae: ${message}\n\n${USAGE}`);
  process.exit(2);
}
