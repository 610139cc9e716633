// esbuild bundles the stylesheets the console imports; to the type checker they are modules without exports.
declare module '*.css';
