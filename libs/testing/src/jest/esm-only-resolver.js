// Some packages publish ES modules only, with `exports` offering the `import` condition and no `require` or plain
// `default` that jest's CommonJS resolver would match: music-metadata and the file-type it nests. For them (and for
// what they import) jest resolves as Node's ESM loader would; the transform list in jest.config.js compiles them.
const ESM_ONLY = ['music-metadata'];

const IMPORT_CONDITIONS = ['node', 'import', 'default'];

module.exports = (request, options) => {
  const esmOnly =
    ESM_ONLY.includes(request) || ESM_ONLY.some((name) => options.basedir.includes(`/node_modules/${name}/`));
  return options.defaultResolver(request, esmOnly ? { ...options, conditions: IMPORT_CONDITIONS } : options);
};
