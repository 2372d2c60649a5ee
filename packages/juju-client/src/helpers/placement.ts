import { JujuInputError } from '../core/errors.js';
import type { Placement } from '../schemas/generated.js';

/** The literal scope Juju's deploy/add-unit code sends for model-level directives; the server substitutes it. */
export const MODEL_SCOPE = 'model-uuid';
/** Scope for "an existing machine". */
export const MACHINE_SCOPE = '#';
const CONTAINER_TYPES = new Set(['lxd', 'kvm']);
const DIRECTIVE_KEYS = new Set(['zone', 'system-id', 'subnet']);

/**
 * Turns a placement directive into the wire `{scope, directive}`:
 * `3` -> `{#, 3}` (existing machine); `lxd:3` -> `{lxd, 3}`; `lxd` -> `{lxd, ""}` (new host);
 * `zone=z1`, `system-id=abc`, `subnet=10.0.0.0/24`, a bare hostname -> `{<model scope>, directive}`.
 * Pass the model UUID as `modelScope` for AddMachines (the Go CLI does); deploy/add-unit keep `model-uuid`.
 */
export function parsePlacement(directive: string, modelScope: string = MODEL_SCOPE): Placement {
  const text = directive.trim();
  if (text === '') throw new JujuInputError('empty placement directive');
  if (/^\d+(\/(lxd|kvm)\/\d+)*$/.test(text)) return { scope: MACHINE_SCOPE, directive: text };
  const colon = text.indexOf(':');
  if (colon > 0) {
    const scope = text.slice(0, colon);
    const target = text.slice(colon + 1);
    if (!CONTAINER_TYPES.has(scope)) {
      throw new JujuInputError(
        `unknown container type "${scope}" in "${directive}"; use lxd:<machine> or kvm:<machine>`,
      );
    }
    if (target !== '' && !/^\d+$/.test(target)) {
      throw new JujuInputError(`"${directive}": the container host must be a machine number, e.g. lxd:3`);
    }
    return { scope, directive: target };
  }
  if (CONTAINER_TYPES.has(text)) return { scope: text, directive: '' };
  const eq = text.indexOf('=');
  if (eq > 0 && !DIRECTIVE_KEYS.has(text.slice(0, eq))) {
    throw new JujuInputError(
      `unknown placement directive "${directive}"; on MAAS use zone=<zone>, system-id=<id>, subnet=<cidr> or a hostname`,
    );
  }
  return { scope: modelScope, directive: text };
}

/** Formats a wire placement back into the directive a user would type. */
export function formatPlacement(placement: Placement): string {
  if (placement.scope === MACHINE_SCOPE) return placement.directive;
  if (CONTAINER_TYPES.has(placement.scope)) {
    return placement.directive ? `${placement.scope}:${placement.directive}` : placement.scope;
  }
  return placement.directive;
}
