import { configSchema, type ConfigVariable } from './config.schema';

/** The text of `.env.example`, generated from the schema so that the two never drift apart. */
export function renderEnvExample(): string {
  const lines = [
    '# Quire configuration. Every variable is optional in development; see README.md > Configuration.',
    '',
  ];
  for (const [name, variable] of Object.entries(configSchema) as Array<[string, ConfigVariable<unknown>]>) {
    lines.push(`# ${variable.description}`);
    lines.push(`# ${name}=${variable.example}`);
    lines.push('');
  }
  return lines.join('\n');
}
