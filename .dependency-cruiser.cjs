/**
 * Import rules of ntkcalc (docs/architecture.md): dependencies point one way, cli -> formulas -> src.
 * `npm test` runs `depcruise` with this file before vitest; test/architecture.test.ts shows that each
 * rule fails on a fixture that breaks it.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle ties its modules into one: none of them can be loaded, tested or read alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'cli-is-the-top',
      severity: 'error',
      comment:
        'src/cli parses options and prints; the library and the registry never import it (use src/spec, src/report).',
      from: { path: '^(src|formulas)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'library-below-registry',
      severity: 'error',
      comment:
        "The library (src/) never imports the registry (formulas/): the registry references the library's functions as its evaluators. Only the CLI and the package entry src/index.ts sit above both.",
      from: { path: '^src/', pathNot: '^src/(cli/|index\\.ts$)' },
      to: { path: '^formulas/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
  },
};
