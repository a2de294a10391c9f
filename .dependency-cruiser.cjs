/** Architecture rules (docs/architecture.md, "Layers"); `npm run lint` fails on any violation. */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-front-end',
      comment: 'core is the domain: it never knows which shop platform calls it.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(shopify-app|woocommerce-bridge|admin-ui)/' },
    },
    {
      name: 'front-ends-do-not-import-each-other',
      severity: 'error',
      from: { path: '^(shopify-app|woocommerce-bridge|admin-ui)/' },
      to: { path: '^(shopify-app|woocommerce-bridge|admin-ui)/', pathNot: '^$1/' },
    },
    {
      name: 'front-ends-use-core-through-its-index',
      comment:
        'core/index.ts is the public surface; reaching past it couples a front end to internals. The wire types (core/wire) and money are shared by design.',
      severity: 'error',
      from: { path: '^(shopify-app|woocommerce-bridge|admin-ui)/' },
      to: { path: '^core/', pathNot: '^core/(index\\.ts$|wire/|money\\.ts$)' },
    },
    {
      name: 'admin-ui-imports-only-pure-core',
      comment:
        'The UI is a browser bundle: of core it takes only the wire types (core/wire) and the money module, never server code.',
      severity: 'error',
      from: { path: '^admin-ui/src/' },
      to: { path: '^core/', pathNot: '^core/(wire/|money\\.ts$)' },
    },
    {
      name: 'wire-and-money-stay-pure',
      comment:
        'What the admin UI imports of core must typecheck and bundle in a browser: zod and each other only.',
      severity: 'error',
      from: { path: '^core/(wire/|money\\.ts$)' },
      to: { pathNot: ['^core/(wire/|money\\.ts$)', 'node_modules/zod/'] },
    },
    {
      name: 'ioredis-only-in-storage',
      comment: 'Everything goes through the Store contract, so both stores behave the same.',
      severity: 'error',
      from: { pathNot: '^core/storage/' },
      to: { path: 'node_modules/ioredis/' },
    },
    {
      name: 'express-only-at-http-edges',
      comment:
        'In core, Express lives in the shared HTTP plumbing (core/http), the admin API and the sandbox simulator (an HTTP service by design).',
      severity: 'error',
      from: { path: '^core/', pathNot: '^core/(http|admin-api|platforms/sandbox)/' },
      to: { path: 'node_modules/express/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    exclude: { path: '^(dist|test|bench|admin-ui/dist)/' },
  },
};
