// Bundles the GraphQL explorer (GraphiQL from npm, with Monaco's workers) into wwwroot/lib/graphiql.
// Run by the build (ClinicDirectory.Api.csproj); nothing is fetched from a CDN at run time.
import * as esbuild from 'esbuild';

const outdir = new URL('../../wwwroot/lib/graphiql/', import.meta.url).pathname;
const common = {
  bundle: true,
  minify: true,
  outdir,
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};
await esbuild.build({ ...common, entryPoints: { graphiql: new URL('graphiql.js', import.meta.url).pathname }, format: 'esm', loader: { '.ttf': 'file' } });
await esbuild.build({
  ...common,
  format: 'iife',
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
});
