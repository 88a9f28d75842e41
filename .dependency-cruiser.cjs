/**
 * Import rules between the areas of the repository (checked by `npm test`: test/structure/imports.test.ts;
 * by hand: `npx depcruise --config .dependency-cruiser.cjs content search widget kb-site scripts intake bench i18n`).
 * The folders are the architecture; these rules keep them so.
 */
const BROWSER = '^(widget|kb-site/islands|kb-site/dev|intake/insights/browser|intake/console/browser)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one concept in two files; split out what both need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'browser-no-node',
      comment: 'Code that ships to browsers cannot use Node built-ins.',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-no-tools',
      comment: 'Code that ships to browsers never imports the build tools, the intake, benchmarks or tests.',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^(scripts|intake|bench|test)/', pathNot: BROWSER },
    },
    {
      name: 'intake-no-build',
      comment:
        'The intake runs without the build pipeline: it reads the site config through content/, never scripts/. It may use the search engine (a self-contained library) to analyze questions.',
      severity: 'error',
      from: { path: '^intake/' },
      to: { path: '^(scripts|kb-site|widget|bench|test)/' },
    },
    {
      name: 'search-self-contained',
      comment: 'The search engine runs anywhere: it imports nothing but itself and the content schemas.',
      severity: 'error',
      from: { path: '^search/' },
      to: { pathNot: '^(search|content/schema)/' },
    },
    {
      name: 'schema-pure',
      comment: 'The contracts depend on zod only, so every layer can import them.',
      severity: 'error',
      from: { path: '^content/schema/' },
      to: { pathNot: '^content/schema/|(^|/)node_modules/zod/' },
    },
    {
      name: 'translation-runtime-pure',
      comment: 'The one translation runtime serves browser, intake and build alike: i18next and nothing else.',
      severity: 'error',
      from: { path: '^i18n/runtime/' },
      to: { pathNot: '^i18n/runtime/|(^|/)node_modules/i18next/' },
    },
    {
      name: 'tests-stay-in-test',
      comment: 'Product code never imports test code.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Benchmark corpora and builds are generated output, not code of the repository.
    exclude: { path: '(^|/)(\\.out|dist|\\.tsbuild)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
