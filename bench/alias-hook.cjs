// Loaded with `node -r ./bench/alias-hook.cjs`: maps the @quire/* path aliases of tsconfig.json to the files
// `tsc -p bench/tsconfig.json` wrote under dist/bench/ (tsc compiles the aliases but does not rewrite them).
const Module = require('node:module');
const { join } = require('node:path');

const out = join(__dirname, '..', 'dist', 'bench');
const aliases = {
  '@quire/core': join(out, 'libs/core/src/index.js'),
  '@quire/testing': join(out, 'libs/testing/src/index.js'),
  '@quire/identity': join(out, 'libs/identity/src/index.js'),
  '@quire/workspaces': join(out, 'libs/workspaces/src/index.js'),
  '@quire/content': join(out, 'libs/content/src/index.js'),
  '@quire/media': join(out, 'libs/media/src/index.js'),
  '@quire/webhooks': join(out, 'libs/webhooks/src/index.js'),
  '@quire/compliance': join(out, 'libs/compliance/src/index.js'),
  '@quire/plugin-example-notes': join(out, 'plugins/example-notes/src/index.js'),
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};
