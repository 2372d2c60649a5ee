import { readFile } from 'node:fs/promises';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * An edit to a dependency's file as the bin bundles it: `find` must occur exactly `count` times, or the
 * build fails (a new version of the dependency needs the edit looked at again, not silently dropped).
 */
interface StartupEdit {
  /** The file, by the end of its path inside node_modules. */
  file: RegExp;
  find: string;
  replace: string;
  count: number;
}

/**
 * Work the bin's dependencies do when they load that edgekit never uses, moved out of the start. Each
 * was found with --cpu-prof on the started bin and measured alone; the figures are in the comments.
 * They change when work happens, never what it computes. Only the bundle is edited (the floor in
 * bench/tui.bench.ts is bundled alike): tests and the published SDKs use the packages as they are.
 */
const EDITS: StartupEdit[] = [
  // yoga-layout (Ink's layout engine) is an Emscripten build with its wasm inlined as a base64 data: URL.
  // Where a global fetch exists, its loader fetches that URL: on Node that loads undici, Node's fetch,
  // and percent-decodes 120 KB on the main thread before the first frame. Without fetch the same loader
  // decodes the same bytes with atob. Loading yoga alone: 70-80 ms with fetch, 30-38 ms without (4 runs
  // each).
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    find: 'function ya(){return w||"function"!=typeof fetch?',
    replace: 'function ya(){return true?',
    count: 1,
  },
  // @sindresorhus/is (got's argument checks) makes two Intl.ListFormat objects at import, for one error
  // message. A thread's first Intl object loads ICU's data (~20 ms in a worker), and in the first read's
  // thread nothing else uses Intl: made on first use instead, its start is ~15 ms shorter (median of 10).
  {
    file: /[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/,
    find: "const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });\nconst orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });",
    replace:
      "let andFormatterMade;\nlet orFormatterMade;\nconst andFormatter = { format: (list) => (andFormatterMade ??= new Intl.ListFormat('en', { style: 'long', type: 'conjunction' })).format(list) };\nconst orFormatter = { format: (list) => (orFormatterMade ??= new Intl.ListFormat('en', { style: 'long', type: 'disjunction' })).format(list) };",
    count: 1,
  },
];

/** The esbuild plugin that applies EDITS to the files it bundles. */
export function startupEdits(edits: StartupEdit[] = EDITS): EsbuildPlugin {
  return {
    name: 'edgekit-startup-edits',
    setup(build) {
      for (const edit of edits) {
        build.onLoad({ filter: edit.file }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          const found = source.split(edit.find).length - 1;
          if (found !== edit.count) {
            throw new Error(
              `build/startup-edits.ts: expected ${edit.count} of ${JSON.stringify(edit.find.slice(0, 60))}… in ${args.path}, found ${found}: the dependency changed; look at the edit again`,
            );
          }
          return { contents: source.replaceAll(edit.find, edit.replace), loader: 'js' };
        });
      }
    },
  };
}
