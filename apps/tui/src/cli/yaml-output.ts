import { stringify } from 'yaml';

/**
 * The YAML rendering of --yaml, in its own module so output.ts can load it on demand (most runs never
 * print YAML). A relative module rather than `import('yaml')`: the bundled bin inlines yaml's CommonJS
 * build, whose named exports a dynamic import of the package would not see.
 */
export function toYaml(data: unknown): string {
  return stringify(data);
}
