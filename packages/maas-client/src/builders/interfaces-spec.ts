import { createMaasError } from '../errors/factory.js';

/** Keys MAAS accepts in an interface constraint (and their `not_` forms). */
export type InterfaceConstraintKey =
  | 'id'
  | 'fabric'
  | 'fabric_class'
  | 'ip'
  | 'mode'
  | 'name'
  | 'hostname'
  | 'subnet'
  | 'space'
  | 'subnet_cidr'
  | 'type'
  | 'vlan'
  | 'vid'
  | 'tag'
  | 'link_speed';

export type InterfaceConstraints = Partial<
  Record<
    InterfaceConstraintKey | `not_${InterfaceConstraintKey}`,
    string | number | readonly (string | number)[]
  >
>;

/** One labelled interface of an allocate/compose `interfaces` constraint. */
export interface InterfaceRequest {
  label: string;
  match: InterfaceConstraints;
}

const LABEL = /^[A-Za-z0-9_-]+$/;
const FORBIDDEN = /[,;=]/;

/** Builds `eth0:space=storage,mode=unconfigured;eth1:subnet_cidr=10.0.0.0/24`; repeated values repeat the key. */
export function buildInterfacesSpec(interfaces: readonly InterfaceRequest[]): string {
  if (interfaces.length === 0)
    throw createMaasError.input('interfaces: give at least one labelled interface.');
  const labels = new Set<string>();
  return interfaces
    .map((iface, i) => {
      const where = `interfaces[${i}]`;
      if (!LABEL.test(iface.label)) {
        throw createMaasError.input(
          `${where}.label "${iface.label}" may only hold letters, digits, "-" and "_".`,
        );
      }
      if (labels.has(iface.label))
        throw createMaasError.input(`${where}.label "${iface.label}" is used twice.`);
      labels.add(iface.label);
      const pairs: string[] = [];
      for (const [key, raw] of Object.entries(iface.match)) {
        if (raw === undefined) continue;
        const values = Array.isArray(raw) ? raw : [raw];
        for (const value of values as (string | number)[]) {
          const text = String(value);
          if (text === '' || FORBIDDEN.test(text)) {
            throw createMaasError.input(
              `${where}.match.${key}: "${text}" must be non-empty and free of "," ";" "=".`,
            );
          }
          pairs.push(`${key}=${text}`);
        }
      }
      if (pairs.length === 0) throw createMaasError.input(`${where}.match needs at least one constraint.`);
      return `${iface.label}:${pairs.join(',')}`;
    })
    .join(';');
}
